using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.Auth;
using PodBinding.Testing.Kubernetes.ServiceAccount;
using PodBinding.Watching;

namespace PodBinding.Kubernetes.Tests;

/// <summary>
/// Token rotation end to end: the kubelet-style folder swaps <c>..data</c> while requests run, the test API server
/// accepts only the newest token, and one connection follows without a restart.
/// </summary>
public sealed class TokenRotationAgainstTestServerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbinding-tok-" + Guid.NewGuid().ToString("N"));

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

    private KubernetesConnectionOptions InCluster(TestApiServer server, CapturingLoggerFactory logs, DownwardWatchOptions watch) =>
        TestServerConnections.InCluster(server, _dir, logs, watch);

    [Fact]
    public async Task A_request_right_after_a_swap_gets_one_401_then_succeeds_with_the_reread_token()
    {
        await using TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions { TokenFile = Path.Join(_dir, "token") });
        var folder = new ServiceAccountFolder(_dir, "sa-token-1.payload.sig", server.CaBundlePem, "orders");
        var logs = new CapturingLoggerFactory();

        // No file-system events and a slow poll: the swap reaches the connection only through the 401 re-read.
        using var connection = KubernetesConnection.Connect(InCluster(server, logs,
            new DownwardWatchOptions { UseFileSystemEvents = false, PollInterval = TimeSpan.FromMinutes(10) }));
        await connection.WhoAmIAsync();

        for (int round = 2; round <= 4; round++)
        {
            server.ClearRequests();
            folder.Rotate(token: $"sa-token-{round}.payload.sig");

            KubernetesIdentity me = await connection.WhoAmIAsync();

            Assert.Equal("system:serviceaccount:default:default", me.UserName);
            Assert.Equal(
                new[] { (TokenState.Stale, round - 1, 401), (TokenState.Current, round, 201) },
                server.Requests.Select(r => (r.Token, r.TokenGeneration, r.StatusCode)));
            Assert.Equal(folder.CurrentGeneration, connection.CredentialsVersion);
        }

        Assert.Equal(3, logs.Lines.Count(l => l.Id.Id == 4)); // each retry logged once
        SecretScan.AssertAbsent("payload", logs, [], connection.ToString(), connection.Volume!.Current.ToString());
    }

    [Fact]
    public async Task Requests_running_through_many_swaps_all_succeed_and_never_see_a_500()
    {
        await using TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions { TokenFile = Path.Join(_dir, "token") });
        var folder = new ServiceAccountFolder(_dir, "sa-token-1.payload.sig", server.CaBundlePem, "orders");
        var logs = new CapturingLoggerFactory();
        using var connection = KubernetesConnection.Connect(InCluster(server, logs, new DownwardWatchOptions { PollInterval = TimeSpan.FromMilliseconds(50) }));

        using var stop = new CancellationTokenSource();
        var failures = new List<Exception>();
        int succeeded = 0;
        Task[] workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await connection.WhoAmIAsync();
                    Interlocked.Increment(ref succeeded);
                }
                catch (KubernetesConnectionException e)
                {
                    lock (failures)
                    {
                        failures.Add(e);
                    }
                }
            }
        })).ToArray();

        // Far faster than the kubelet (which rotates after hours), yet each request and its one retry fit between swaps.
        for (int round = 2; round <= 12; round++)
        {
            await Task.Delay(150);
            folder.Rotate(token: $"sa-token-{round}.payload.sig");
        }

        // The last token must come into use; how soon depends on the poll interval and, on a loaded machine, on when the
        // workers are scheduled, so wait for it (bounded) instead of a fixed delay.
        // (The server numbers the tokens it has seen: a swap no request happened to see gets no number, so the last
        // token's number is the server's current one, not always 12.)
        int last = server.CurrentTokenGeneration;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && !server.Requests.Any(r => r.Token == TokenState.Current && r.TokenGeneration == last))
        {
            await Task.Delay(20);
        }

        stop.Cancel();
        await Task.WhenAll(workers);

        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => f.Message)) + "\n" + string.Join("\n", server.Requests));
        Assert.True(succeeded > 12, $"only {succeeded} requests ran");
        Assert.DoesNotContain(server.Requests, r => r.StatusCode >= 500 || r.StatusCode == 0);
        Assert.Contains(server.Requests, r => r.Token == TokenState.Current && r.TokenGeneration == last);
        Assert.Equal(folder.CurrentGeneration, connection.CredentialsVersion);
        SecretScan.AssertAbsent("payload", logs, failures, string.Join("\n", server.Requests));
    }
}
