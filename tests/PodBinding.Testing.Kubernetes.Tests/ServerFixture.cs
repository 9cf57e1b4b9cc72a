using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using PodBinding.Testing.Kubernetes.ApiServer;

namespace PodBinding.Testing.Kubernetes.Tests;

/// <summary>Helpers: an HttpClient that trusts only a given PEM bundle, and a fixed-token server.</summary>
internal static class ServerFixture
{
    public const string Token = "test-token-1";

    public static Task<TestApiServer> StartAsync(Action<TestApiServerOptions>? configure = null)
    {
        var options = new TestApiServerOptions { Token = Token };
        configure?.Invoke(options);
        return TestApiServer.StartAsync(options);
    }

    /// <summary>A client whose only trust anchors are the CAs in <paramref name="caBundlePem"/> (no system store).</summary>
    public static HttpClient Client(TestApiServer server, string? caBundlePem = null, string? token = Token)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(caBundlePem ?? server.CaBundlePem);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
