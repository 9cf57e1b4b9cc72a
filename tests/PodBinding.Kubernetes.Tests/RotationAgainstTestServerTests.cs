using System.Security.Cryptography.X509Certificates;
using k8s;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.ServiceAccount;
using PodBinding.Watching;

namespace PodBinding.Kubernetes.Tests;

/// <summary>Token and CA rotation end to end: the test API server (real HTTPS) and a kubelet-style service-account folder.</summary>
public sealed class RotationAgainstTestServerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbinding-rot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private KubernetesConnectionOptions InCluster(TestApiServer server, CapturingLoggerFactory logs, DownwardWatchOptions watch)
    {
        KubernetesConnectionOptions options = TestServerConnections.InCluster(server, _dir, logs, watch);
        options.PooledConnectionLifetime = TimeSpan.FromMilliseconds(200); // a CA change reaches new connections quickly
        return options;
    }

    [Fact]
    public async Task Ca_rotation_overlap_then_new_only_keeps_working_while_a_ca_loaded_once_fails()
    {
        await using TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions { TokenFile = Path.Join(_dir, "token") });
        var folder = new ServiceAccountFolder(_dir, "token-1.a.b", server.CaBundlePem, "orders");
        using var connection = KubernetesConnection.Connect(InCluster(server, new CapturingLoggerFactory(), new DownwardWatchOptions { PollInterval = TimeSpan.FromMilliseconds(100) }));
        await connection.WhoAmIAsync();

        // KubernetesClient's own in-cluster style: ca.crt loaded once into SslCaCerts.
        var loadedOnce = new KubernetesClientConfiguration
        {
            Host = server.BaseAddress.ToString(),
            SslCaCerts = LoadPem(folder.CaPath),
            AccessToken = "token-1.a.b",
        };
        using (var before = new k8s.Kubernetes(loadedOnce))
        {
            await before.AuthenticationV1.CreateSelfSubjectReviewAsync(new k8s.Models.V1SelfSubjectReview());
        }

        await server.RotateCertificateAsync(); // new CA in the bundle, server certificate from it
        folder.Rotate(caBundlePem: server.CaBundlePem);
        await WaitForAsync(() => connection.Volume!.Current.CaCertificates.Count == 2);
        await Task.Delay(300); // past PooledConnectionLifetime: the next request opens a new connection
        await connection.WhoAmIAsync();

        server.DropPreviousCertificateAuthorities(); // new CA only
        folder.Rotate(caBundlePem: server.CaBundlePem);
        await WaitForAsync(() => connection.Volume!.Current.CaCertificates.Count == 1);
        await Task.Delay(300);
        KubernetesIdentity me = await connection.WhoAmIAsync();
        Assert.NotEmpty(me.UserName);

        // The anchor: the CA loaded once no longer trusts the server.
        using var after = new k8s.Kubernetes(loadedOnce);
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => after.AuthenticationV1.CreateSelfSubjectReviewAsync(new k8s.Models.V1SelfSubjectReview()));
        Assert.IsType<System.Security.Authentication.AuthenticationException>(e.InnerException);
    }

    private static X509Certificate2Collection LoadPem(string path)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        return collection;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the service-account folder change was not picked up within 10 s");
            await Task.Delay(50);
        }
    }
}
