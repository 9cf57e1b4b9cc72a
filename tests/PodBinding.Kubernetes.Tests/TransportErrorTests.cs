using System.Diagnostics;
using System.Net.Sockets;
using k8s;

namespace PodBinding.Kubernetes.Tests;

/// <summary>Real sockets through the real client stack: refused, hung and reset connections each get their own error, in bounded time.</summary>
public sealed class TransportErrorTests
{
    // Only the hung-server test asks for one-second timeouts (to stay short); the others get 30 s, so a busy machine (a
    // fake server's accept loop not scheduled within a second) cannot turn the failure they test into a timeout.
    private static KubernetesConnectionOptions Proxy(string uri, double timeoutSeconds = 30) => new()
    {
        Mode = KubernetesConnectionMode.Proxy,
        ProxyUri = new Uri(uri),
        GetEnvironmentVariable = new FakeEnvironment().Get,
        RequestTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        ConnectTimeout = TimeSpan.FromSeconds(timeoutSeconds),
    };

    [Fact]
    public async Task Nothing_listening_in_proxy_mode_says_start_kubectl_proxy()
    {
        int port = ModeSelectionTests.ClosedPort();
        using var connection = KubernetesConnection.Connect(Proxy($"http://127.0.0.1:{port}"));

        var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => connection.Client.CoreV1.ListNamespacedPodAsync("orders"));

        Assert.Equal(KubernetesConnectionErrorKind.ConnectionRefused, e.Kind);
        Assert.Contains($"start `kubectl proxy --port={port}`", e.Message);
    }

    [Fact]
    public async Task A_missing_ambassador_socket_says_the_sidecar_is_not_listening_and_shows_its_startup_probe()
    {
        string socket = Path.Combine(Path.GetTempPath(), "podbinding-missing-" + Guid.NewGuid().ToString("N") + ".sock");
        var options = Proxy("http://127.0.0.1:1");
        options.Mode = KubernetesConnectionMode.Ambassador;
        options.AmbassadorUri = new Uri("unix://" + socket);
        using var connection = KubernetesConnection.Connect(options);

        var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => connection.WhoAmIAsync());

        Assert.Equal(KubernetesConnectionErrorKind.ConnectionRefused, e.Kind);
        Assert.Contains("sidecar is not listening yet", e.Message);
        Assert.Contains("startupProbe:", e.Message);
        Assert.Contains($"--unix-socket={socket}", e.Message);
    }

    [Fact]
    public async Task A_server_that_accepts_but_never_answers_times_out_after_RequestTimeout()
    {
        using TcpListener listener = ModeSelectionTests.Listen(out int port);
        var accepted = new List<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    accepted.Add(await listener.AcceptSocketAsync());
                }
                catch (Exception)
                {
                    return;
                }
            }
        });
        using var connection = KubernetesConnection.Connect(Proxy($"http://127.0.0.1:{port}", timeoutSeconds: 1));
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => connection.Client.CoreV1.ListNamespacedPodAsync("orders"));

        Assert.Equal(KubernetesConnectionErrorKind.Timeout, e.Kind);
        Assert.Contains("within 1 s (RequestTimeout)", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        listener.Stop();
        accepted.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task A_connection_reset_before_the_response_is_reported_as_such()
    {
        using TcpListener listener = ModeSelectionTests.Listen(out int port);
        _ = Task.Run(async () =>
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptSocketAsync();
                }
                catch (Exception)
                {
                    return;
                }

                var buffer = new byte[4096];
                _ = await socket.ReceiveAsync(buffer); // read the request, then reset
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
        });
        using var connection = KubernetesConnection.Connect(Proxy($"http://127.0.0.1:{port}"));

        var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => connection.Client.CoreV1.ListNamespacedPodAsync("orders"));

        Assert.Equal(KubernetesConnectionErrorKind.ConnectionReset, e.Kind);
        Assert.Contains("kubectl proxy may have exited", e.Message);
        listener.Stop();
    }
}
