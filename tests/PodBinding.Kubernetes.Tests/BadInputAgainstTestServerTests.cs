using System.Diagnostics;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.ServiceAccount;
using PodBinding.Testing.Kubernetes.Tls;

namespace PodBinding.Kubernetes.Tests;

/// <summary>
/// The bad-input matrix against the real test API server (HTTPS, token file, injected faults): each input gets one
/// error that says what and where, within the documented timeout, and never shows the token.
/// </summary>
public sealed class BadInputAgainstTestServerTests : IAsyncLifetime
{
    private const string Secret = "bad-input-secret";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbinding-bad-" + Guid.NewGuid().ToString("N"));
    private readonly CapturingLoggerFactory _logs = new();
    private TestApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestApiServer.StartAsync(new TestApiServerOptions { TokenFile = Path.Join(_dir, "token") });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private KubernetesConnection Connect(string token = $"eyJhbGciOiJSUzI1NiJ9.{Secret}.sig", string? caPem = null, TestApiServer? server = null)
    {
        server ??= _server;
        _ = new ServiceAccountFolder(_dir, token, caPem ?? server.CaBundlePem, "orders");
        return KubernetesConnection.Connect(new KubernetesConnectionOptions
        {
            Mode = KubernetesConnectionMode.InCluster,
            ServiceAccountDirectory = _dir,
            GetEnvironmentVariable = name => server.ServiceEnvironment.GetValueOrDefault(name),
            LoggerFactory = _logs,
            RequestTimeout = TimeSpan.FromSeconds(3),
            ConnectTimeout = TimeSpan.FromSeconds(3),
        });
    }

    /// <summary>Connected and one request answered, so the fault, not the first TLS handshake on a busy machine, meets the timeout.</summary>
    private async Task<KubernetesConnection> ConnectedAsync()
    {
        KubernetesConnection connection = Connect();
        await connection.WhoAmIAsync();
        return connection;
    }

    private async Task<KubernetesConnectionException> FailsAsync(KubernetesConnection connection)
    {
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => connection.WhoAmIAsync());
        // RequestTimeout (3 s) bounds the wait for headers; the body backstop is twice that.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(7), $"took {clock.Elapsed}");
        SecretScan.AssertAbsent(Secret, _logs, [e], connection.ToString());
        return e;
    }

    [Fact]
    public async Task A_500_from_the_api_server_is_a_server_error_quoting_its_status()
    {
        using KubernetesConnection connection = await ConnectedAsync();
        _server.InjectFault(FaultKind.InternalError);

        var e = await FailsAsync(connection);

        Assert.Equal(KubernetesConnectionErrorKind.ServerError, e.Kind);
        Assert.Equal(500, e.StatusCode);
        Assert.Contains("answered 500 for POST /apis/authentication.k8s.io/v1/selfsubjectreviews", e.Message);
        Assert.Contains("Internal error occurred: injected fault", e.Message);
        Assert.Contains("not a problem with this request's credentials", e.Message);
    }

    [Fact]
    public async Task A_hung_api_server_times_out_after_RequestTimeout()
    {
        using KubernetesConnection connection = await ConnectedAsync();
        _server.InjectFault(FaultKind.Hang);

        var e = await FailsAsync(connection);

        Assert.Equal(KubernetesConnectionErrorKind.Timeout, e.Kind);
        Assert.Contains("No response from https://127.0.0.1:", e.Message);
        Assert.Contains("within 3 s (RequestTimeout)", e.Message);
    }

    [Fact]
    public async Task A_reset_connection_is_reported_as_a_reset_not_a_timeout()
    {
        using KubernetesConnection connection = await ConnectedAsync();
        _server.InjectFault(FaultKind.Reset, count: 3); // the client may retry a reset once on a fresh connection

        var e = await FailsAsync(connection);

        Assert.Equal(KubernetesConnectionErrorKind.ConnectionReset, e.Kind);
        Assert.Contains("(InCluster) was closed before a complete response arrived", e.Message);
        Assert.Contains("NO_PROXY", e.Message);
    }

    [Fact]
    public async Task A_token_the_server_never_issued_is_a_401_after_the_reread_naming_the_file_and_generation()
    {
        await using TestApiServer other = await TestApiServer.StartAsync(new TestApiServerOptions { Token = "the-token-it-issued" });
        using KubernetesConnection connection = Connect(token: "not-a-jwt-" + Secret, server: other);

        var e = await FailsAsync(connection);

        Assert.Equal(KubernetesConnectionErrorKind.Unauthorized, e.Kind);
        Assert.Contains($"even after the token was re-read from {Path.Join(_dir, "token")}", e.Message);
        Assert.Contains("does not look like a service-account token", e.Message);
        Assert.Single(other.Requests); // the re-read found the same token, so it was not sent again
    }

    [Fact]
    public async Task A_ca_crt_from_another_ca_is_a_tls_error_naming_the_file_and_generation()
    {
        using TestCertificateAuthority stranger = TestCertificateAuthority.Create("not-the-cluster-ca");
        using KubernetesConnection connection = Connect(caPem: stranger.CertificatePem);

        var e = await FailsAsync(connection);

        Assert.Equal(KubernetesConnectionErrorKind.Tls, e.Kind);
        Assert.Contains($"The trusted CA came from {Path.Join(_dir, "ca.crt")}, generation {connection.CredentialsVersion}", e.Message);
        Assert.Contains("CN=not-the-cluster-ca", e.Message);
        Assert.Contains("does not chain to a CA in ca.crt", e.Message);
    }
}
