using System.Net;
using System.Net.Sockets;

namespace PodBinding.Kubernetes.Tests;

public sealed class ModeSelectionTests : IDisposable
{
    private readonly TempServiceAccount _sa = new();
    private readonly FakeEnvironment _env = new();
    private readonly string _home = Path.Combine(Path.GetTempPath(), "podbinding-home-" + Guid.NewGuid().ToString("N"));

    public ModeSelectionTests()
    {
        Directory.CreateDirectory(_home);
        _env["HOME"] = _home; // no ~/.kube/config there
    }

    public void Dispose()
    {
        _sa.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    private KubernetesConnectionOptions Options(CapturingLoggerFactory? logs = null) => new()
    {
        ServiceAccountDirectory = _sa.Root,
        GetEnvironmentVariable = _env.Get,
        ProxyUri = new Uri($"http://127.0.0.1:{ClosedPort()}"),
        AmbassadorUri = new Uri($"http://127.0.0.1:{ClosedPort()}"),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        LoggerFactory = logs,
    };

    [Fact]
    public void Auto_with_nothing_available_is_one_error_listing_every_mode_in_order_with_its_fix()
    {
        var e = Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.Connect(Options()));

        Assert.Equal(KubernetesConnectionErrorKind.NoUsableMode, e.Kind);
        int inCluster = e.Message.IndexOf("- InCluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set", StringComparison.Ordinal);
        int ambassador = e.Message.IndexOf("- Ambassador:", StringComparison.Ordinal);
        int proxy = e.Message.IndexOf("- Proxy: nothing listens at", StringComparison.Ordinal);
        int kubeconfig = e.Message.IndexOf("- Kubeconfig:", StringComparison.Ordinal);
        Assert.True(inCluster >= 0 && inCluster < ambassador && ambassador < proxy && proxy < kubeconfig, e.Message);
        Assert.Contains("kubectl proxy --port=", e.Message);
        Assert.Contains("restartPolicy: Always", e.Message); // the ambassador's fix is the sidecar YAML
        Assert.Contains(Path.Join(_home, ".kube", "config"), e.Message);
        Assert.DoesNotContain("8080", e.Message);
    }

    [Fact]
    public void In_a_pod_without_a_token_says_automountServiceAccountToken_is_false_and_gives_the_yaml()
    {
        _env["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
        _env["KUBERNETES_SERVICE_PORT"] = "443";
        var options = Options();
        options.Mode = KubernetesConnectionMode.InCluster;

        var e = Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.Connect(options));

        Assert.Contains($"{Path.Join(_sa.Root, "token")} does not exist", e.Message);
        Assert.Contains("automountServiceAccountToken: false", e.Message);
        Assert.Contains("automountServiceAccountToken: true", e.Message);
    }

    [Fact]
    public void In_cluster_without_either_service_variable_names_both_and_says_it_is_not_in_a_pod()
    {
        _sa.Write("a.b.c", new X509Certificate2Holder().Pem);
        var options = Options();
        options.Mode = KubernetesConnectionMode.InCluster;

        var e = Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.Connect(options));

        Assert.Equal(KubernetesConnectionErrorKind.NoUsableMode, e.Kind);
        Assert.Contains("The Kubernetes API connection mode InCluster (Mode = InCluster in the options) cannot be used", e.Message);
        Assert.Contains("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set", e.Message);
    }

    [Fact]
    public void No_service_account_folder_at_all_says_automountServiceAccountToken_is_false()
    {
        _env["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
        _env["KUBERNETES_SERVICE_PORT"] = "443";
        var options = Options();
        options.Mode = KubernetesConnectionMode.InCluster;
        options.ServiceAccountDirectory = Path.Join(_sa.Root, "not-mounted");

        var e = Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.Connect(options));

        Assert.Contains($"(nor does the folder {options.ServiceAccountDirectory}: nothing is mounted there)", e.Message);
        Assert.Contains("automountServiceAccountToken: false", e.Message);
        Assert.Contains("automountServiceAccountToken: true", e.Message);
    }

    [Fact]
    public void Only_one_of_the_service_variables_set_names_the_missing_one()
    {
        _env["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
        var options = Options();
        options.Mode = KubernetesConnectionMode.InCluster;

        var e = Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.Connect(options));

        Assert.Contains("KUBERNETES_SERVICE_PORT is not set (but KUBERNETES_SERVICE_HOST is)", e.Message);
    }

    [Fact]
    public void In_cluster_uses_the_service_variables_and_brackets_ipv6()
    {
        X509Certificate2Holder ca = new();
        _sa.Write("header.payload.signature", ca.Pem);
        _env["KUBERNETES_SERVICE_HOST"] = "fd00::1";
        _env["KUBERNETES_SERVICE_PORT"] = "6443";
        var logs = new CapturingLoggerFactory();

        using var connection = KubernetesConnection.Connect(Options(logs));

        Assert.Equal(KubernetesConnectionMode.InCluster, connection.Mode);
        Assert.Equal("https://[fd00::1]:6443/", connection.Endpoint);
        Assert.Equal("orders", connection.Namespace);
        Assert.Equal(_sa.Version, connection.CredentialsVersion);
        Assert.Single(logs.Lines, l => l.Id.Id == 1);
        Assert.Contains(logs.Lines, l => l.Text.Contains("mode InCluster, endpoint https://[fd00::1]:6443/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_environment_variable_overrides_the_option()
    {
        using TcpListener listener = Listen(out int port);
        _env["PODBINDING_KUBERNETES_MODE"] = "proxy";
        _env["PODBINDING_KUBERNETES_PROXY"] = $"http://127.0.0.1:{port}";
        var options = Options();
        options.Mode = KubernetesConnectionMode.InCluster;

        using var connection = KubernetesConnection.Connect(options);

        Assert.Equal(KubernetesConnectionMode.Proxy, connection.Mode);
        Assert.Equal("PODBINDING_KUBERNETES_MODE=proxy", connection.Reason);
    }

    [Fact]
    public void An_unknown_mode_in_the_environment_variable_lists_the_valid_names()
    {
        _env["PODBINDING_KUBERNETES_MODE"] = "cluster";

        var e = Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.Connect(Options()));

        Assert.Contains("PODBINDING_KUBERNETES_MODE is 'cluster'", e.Message);
        Assert.Contains("Auto, InCluster, Proxy, Ambassador, Kubeconfig", e.Message);
    }

    [Fact]
    public void Auto_picks_a_listening_kubectl_proxy_on_a_laptop_and_logs_it_once()
    {
        using TcpListener listener = Listen(out int port);
        var options = Options(new CapturingLoggerFactory());
        options.ProxyUri = new Uri($"http://127.0.0.1:{port}");

        using var connection = KubernetesConnection.Connect(options);

        Assert.Equal(KubernetesConnectionMode.Proxy, connection.Mode);
        Assert.Equal($"http://127.0.0.1:{port}/", connection.Endpoint);
        Assert.Contains("kubectl proxy listens at", connection.Reason);
        Assert.Single(((CapturingLoggerFactory)options.LoggerFactory!).Lines, l => l.Id.Id == 1);
    }

    [Fact]
    public void Auto_in_a_pod_without_a_token_picks_the_ambassador_on_its_unix_socket()
    {
        string socketPath = Path.Combine(_home, "proxy.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen();
        _env["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
        _env["KUBERNETES_SERVICE_PORT"] = "443";
        _env["PODBINDING_KUBERNETES_AMBASSADOR"] = "unix://" + socketPath;

        using var connection = KubernetesConnection.Connect(Options());

        Assert.Equal(KubernetesConnectionMode.Ambassador, connection.Mode);
        Assert.Equal("unix://" + socketPath, connection.Endpoint);
    }

    [Fact]
    public void Auto_falls_to_the_kubeconfig_last_and_uses_its_context()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".kube"));
        File.WriteAllText(Path.Combine(_home, ".kube", "config"), """
            apiVersion: v1
            kind: Config
            clusters:
            - name: dev
              cluster:
                server: https://127.0.0.1:6443
                insecure-skip-tls-verify: false
            users:
            - name: dev
              user:
                token: kubeconfig-secret-token
            contexts:
            - name: dev
              context: {cluster: dev, user: dev, namespace: team-a}
            current-context: dev
            """);

        using var connection = KubernetesConnection.Connect(Options());

        Assert.Equal(KubernetesConnectionMode.Kubeconfig, connection.Mode);
        Assert.Equal("https://127.0.0.1:6443", connection.Endpoint.TrimEnd('/'));
        Assert.Equal("team-a", connection.Namespace);
        Assert.Contains("context dev", connection.Reason);
    }

    [Fact]
    public void A_kubeconfig_context_that_does_not_exist_is_an_error_not_a_fallback()
    {
        string path = Path.Combine(_home, "kubeconfig");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters: [{name: dev, cluster: {server: "https://127.0.0.1:6443"}}]
            users: [{name: dev, user: {token: x}}]
            contexts: [{name: dev, context: {cluster: dev, user: dev}}]
            current-context: dev
            """);
        var options = Options();
        options.KubeconfigPath = path;
        options.KubeconfigContext = "prod";

        var e = Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.Connect(options));

        Assert.Contains(path, e.Message);
        Assert.Contains("prod", e.Message);
        Assert.Contains("kubectl config view --minify --context prod", e.Message);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   \n", "is empty")]
    [InlineData("tok en\u00e9", "not a service-account token")]
    public void An_unusable_token_is_an_error_naming_the_file(string token, string expected)
    {
        _sa.Write(token, new X509Certificate2Holder().Pem);
        _env["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
        _env["KUBERNETES_SERVICE_PORT"] = "443";

        var e = Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.Connect(Options()));

        Assert.Equal(KubernetesConnectionErrorKind.ServiceAccount, e.Kind);
        Assert.Contains(Path.Join(_sa.Root, "token"), e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains(_sa.Version!, e.Message);
    }

    [Fact]
    public void A_garbage_ca_is_an_error_naming_the_file()
    {
        _sa.Write("a.b.c", "not a certificate");
        _env["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
        _env["KUBERNETES_SERVICE_PORT"] = "443";

        var e = Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.Connect(Options()));

        Assert.Contains($"{Path.Join(_sa.Root, "ca.crt")} holds no PEM certificate", e.Message);
    }

    [Fact]
    public void A_ca_with_a_broken_certificate_block_is_an_error_naming_the_file()
    {
        _sa.Write("a.b.c", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        _env["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
        _env["KUBERNETES_SERVICE_PORT"] = "443";

        var e = Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.Connect(Options()));

        Assert.Equal(KubernetesConnectionErrorKind.ServiceAccount, e.Kind);
        Assert.Contains($"{Path.Join(_sa.Root, "ca.crt")} is not a PEM certificate bundle", e.Message);
        Assert.Contains(_sa.Version!, e.Message);
    }

    internal static TcpListener Listen(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    internal static int ClosedPort()
    {
        using TcpListener listener = Listen(out int port);
        return port;
    }
}

/// <summary>A throwaway CA as PEM.</summary>
internal sealed class X509Certificate2Holder
{
    public X509Certificate2Holder()
    {
        using var ca = TestCertificates.CreateCa("test-ca");
        Pem = TestCertificates.Pem(ca);
    }

    public string Pem { get; }
}
