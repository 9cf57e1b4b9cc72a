using System.Diagnostics;

namespace PodBinding.Kubernetes.Tests;

/// <summary>
/// The machine's real kubectl proxy, in front of a cluster address nobody serves: a request that passes kubectl's
/// Host filter reaches its upstream dial and fails there (plain-text 500); one that fails the filter would get its
/// 403. So these prove the connection speaks to kubectl proxy the way kubectl accepts, over TCP and a Unix socket.
/// </summary>
public sealed class KubectlProxyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbinding-kubectl-" + Guid.NewGuid().ToString("N"));
    private readonly List<Process> _processes = [];

    public KubectlProxyTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Kubeconfig, $$$"""
            apiVersion: v1
            kind: Config
            clusters: [{name: none, cluster: {server: "https://127.0.0.1:{{{ModeSelectionTests.ClosedPort()}}}", insecure-skip-tls-verify: true}}]
            users: [{name: none, user: {token: not-used}}]
            contexts: [{name: none, context: {cluster: none, user: none}}]
            current-context: none
            """);
    }

    private string Kubeconfig => Path.Combine(_dir, "kubeconfig");

    public void Dispose()
    {
        foreach (Process process in _processes)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            process.Dispose();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Proxy_mode_over_tcp_passes_kubectl_proxys_host_filter()
    {
        string line = Start("--port=0");
        var endpoint = new Uri("http://" + line["Starting to serve on ".Length..].Trim());
        using var connection = KubernetesConnection.Connect(new KubernetesConnectionOptions
        {
            Mode = KubernetesConnectionMode.Proxy,
            ProxyUri = endpoint,
            GetEnvironmentVariable = new FakeEnvironment().Get,
        });

        var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => connection.WhoAmIAsync());

        Assert.Equal(KubernetesConnectionErrorKind.ServerError, e.Kind);
        Assert.Contains("kubectl proxy is running but cannot reach its API server", e.Message);
    }

    [Fact]
    public async Task Ambassador_mode_over_kubectl_proxys_unix_socket()
    {
        string socket = Path.Combine(_dir, "proxy.sock");
        Start($"--unix-socket={socket}");
        var env = new FakeEnvironment { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443", ["HOME"] = _dir };
        using var connection = KubernetesConnection.Connect(new KubernetesConnectionOptions
        {
            AmbassadorUri = new Uri("unix://" + socket),
            ServiceAccountDirectory = Path.Combine(_dir, "no-token"), // automountServiceAccountToken: false in the app container
            GetEnvironmentVariable = env.Get,
        });
        Assert.Equal(KubernetesConnectionMode.Ambassador, connection.Mode); // Auto found the sidecar

        var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => connection.WhoAmIAsync());

        Assert.Equal(KubernetesConnectionErrorKind.ServerError, e.Kind);
        Assert.Contains("kubectl proxy is running but cannot reach its API server", e.Message);
    }

    /// <summary>Starts kubectl proxy and returns its first line once it serves.</summary>
    private string Start(string listen)
    {
        var start = new ProcessStartInfo("kubectl", ["proxy", listen, "--kubeconfig", Kubeconfig])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(start)!;
        _processes.Add(process);
        Task<string?> line = process.StandardOutput.ReadLineAsync();
        Assert.True(line.Wait(TimeSpan.FromSeconds(30)), "kubectl proxy did not start within 30 s");
        Assert.StartsWith("Starting to serve on ", line.Result);
        return line.Result!;
    }
}
