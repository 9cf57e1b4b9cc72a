using System.Diagnostics;
using System.Globalization;
using k8s.Models;
using PodBinding.Kubernetes;
using PodBinding.Kubernetes.Facts;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.ServiceAccount;

namespace PodBinding.Benchmarks.Kubernetes;

/// <summary>
/// <c>--api-facts [events] [window-seconds]</c>: the fact watches against the in-repo test API server (one process, loopback HTTPS).
/// 1. Server write → <see cref="ApiFactsWatch.Changed"/> latency (a node label), p50/p99.
/// 2. Steady state: requests the server receives in a quiet window with all four kinds watched (target 0: no polling).
/// 3. 1,000 peer pods: first read, memory the watch keeps, write → callback latency, and the client's own cost per peer
///    event (parse, apply, map, compare) measured on the watch's code path without the server.
/// </summary>
internal static class ApiFactsBench
{
    private const string Ns = "orders";

    public static int Run(string[] args)
    {
        int at = Array.IndexOf(args, "--api-facts");
        int events = at + 1 < args.Length && int.TryParse(args[at + 1], out int e) ? e : 200;
        int window = at + 2 < args.Length && int.TryParse(args[at + 2], out int w) ? w : 60;
        return RunAsync(events, window).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int events, int windowSeconds)
    {
        Console.WriteLine($"API facts: {events} events, {windowSeconds} s quiet window, load average at start {Paired.LoadAverage()}");
        string dir = Directory.CreateTempSubdirectory("podbinding-bench-facts-").FullName;
        await using TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions
        {
            TokenFile = Path.Join(dir, "token"),
            BookmarkInterval = TimeSpan.FromMinutes(1), // the API server's own bookmark period
        });
        _ = new ServiceAccountFolder(dir, "bench-facts.a.b", server.CaBundlePem, Ns);
        using KubernetesConnection connection = KubernetesConnection.Connect(new KubernetesConnectionOptions
        {
            Mode = KubernetesConnectionMode.InCluster,
            ServiceAccountDirectory = dir,
            GetEnvironmentVariable = name => server.ServiceEnvironment.GetValueOrDefault(name),
        });
        server.Store.Upsert(new V1Deployment { Metadata = new V1ObjectMeta { Name = "shop", NamespaceProperty = Ns, Uid = "uid-deploy" } });
        server.Store.Upsert(new V1ReplicaSet { Metadata = new V1ObjectMeta { Name = "shop-7d4b9", NamespaceProperty = Ns, Uid = "uid-rs", OwnerReferences = [Owner("Deployment", "shop", "uid-deploy")] } });
        server.Store.Upsert(Node("a"));
        server.Store.Upsert(Pod("shop-7d4b9-00000", ready: true));
        var identity = new DownwardIdentity(PodName: "shop-7d4b9-00000", Namespace: Ns, NodeName: "node-a");
        try
        {
            await LatencyAsync(server, connection, identity, events);
            await SteadyStateAsync(server, connection, identity, windowSeconds);
            await ThousandPeersAsync(server, connection, identity, events);
            ClientCostPerPeerEvent(events * 10);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        Console.WriteLine($"Load average at end: {Paired.LoadAverage()}");
        return 0;
    }

    private static async Task LatencyAsync(TestApiServer server, KubernetesConnection connection, DownwardIdentity identity, int events)
    {
        using ApiFactsWatch watch = connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.Node), identity);
        await watch.WaitForFirstAsync();
        await UntilAsync(() => watch.StreamsOpened == 1);
        List<double> ms = await WriteToCallbackAsync(watch, events, i => server.Store.Upsert(Node(i % 2 == 0 ? "b" : "a")), f => f.Node!.Zone!);
        Console.WriteLine($"node label write → Changed: p50 {P(ms, 0.50):0.000} ms, p99 {P(ms, 0.99):0.000} ms, max {ms.Max():0.000} ms (n={ms.Count})");
    }

    private static async Task SteadyStateAsync(TestApiServer server, KubernetesConnection connection, DownwardIdentity identity, int windowSeconds)
    {
        var all = new ApiFactsRequest(ApiFactKinds.PodStatus | ApiFactKinds.Node | ApiFactKinds.Owner | ApiFactKinds.Peers);
        using ApiFactsWatch watch = connection.WatchFacts(all, identity);
        await watch.WaitForFirstAsync();
        await UntilAsync(() => watch.StreamsOpened == 4);
        long before = server.Requests.Count == 0 ? 0 : server.Requests.Max(r => r.Sequence);
        int streams = watch.StreamsOpened;
        await Task.Delay(TimeSpan.FromSeconds(windowSeconds));
        int opened = watch.StreamsOpened - streams;
        watch.Dispose();
        await Task.Delay(500); // the server logs a watch when it ends
        int started = server.Requests.Count(r => r.Sequence > before);
        Console.WriteLine($"steady state, 4 kinds watched: {started} requests started in {windowSeconds} s ({started * 60.0 / windowSeconds:0.##}/min), {opened} watch streams reopened");
    }

    private static async Task ThousandPeersAsync(TestApiServer server, KubernetesConnection connection, DownwardIdentity identity, int events)
    {
        for (int i = 1; i < 1000; i++)
        {
            server.Store.Upsert(Pod($"shop-7d4b9-{i:00000}", ready: i % 3 != 0));
        }

        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var load = Stopwatch.StartNew();
        using ApiFactsWatch watch = connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.Peers, PeerSelector: "app=shop"), identity with { NodeName = "node-a" });
        ApiFacts first = await watch.WaitForFirstAsync();
        load.Stop();
        await UntilAsync(() => watch.StreamsOpened == 1);
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"1,000 peers: first list + map {load.Elapsed.TotalMilliseconds:0.0} ms, {first.Peers!.Pods.Count} pods, process heap growth (client and test server together) {(heapAfter - heapBefore) / 1024.0 / 1024.0:0.00} MiB");
        List<double> ms = await WriteToCallbackAsync(watch, events, i => server.Store.Upsert(Pod("shop-7d4b9-00003", ready: i % 2 == 0)),
            f => f.Peers!.Ready.Count.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"1,000 peers: readiness write → Changed p50 {P(ms, 0.50):0.000} ms, p99 {P(ms, 0.99):0.000} ms (n={ms.Count})");
        GC.KeepAlive(first);
    }

    /// <summary>The client's work per MODIFIED event with 1,000 peers, as ApiFactsWatch does it, on one thread.</summary>
    private static void ClientCostPerPeerEvent(int events)
    {
        string[] added = Enumerable.Range(0, 1000).Select(i => Line("ADDED", Pod($"shop-7d4b9-{i:00000}", ready: true), i + 1)).ToArray();
        PeerSet? last = null;
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var watch = new ResumableWatch<V1Pod, PeerPod>(null!, $"api/v1/namespaces/{Ns}/pods", null, "app=shop", new ApiWatchOptions(), FactsMapping.Peer, items =>
        {
            PeerSet next = FactsMapping.Peers("app=shop", items.Values);
            _ = FactsEquality.Same(last, next);
            last = next;
        }, _ => { });
        foreach (string line in added)
        {
            watch.Apply(line);
        }

        long kept = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Console.WriteLine($"1,000 peers, client only: heap kept by the watch and its last PeerSet {kept / 1024.0:0} KiB");

        string[] lines = Enumerable.Range(0, 2).Select(r => Line("MODIFIED", Pod("shop-7d4b9-00003", ready: r == 0), 5000 + r)).ToArray();
        for (int i = 0; i < 200; i++)
        {
            watch.Apply(lines[i % 2]); // warm-up
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var time = Stopwatch.StartNew();
        for (int i = 0; i < events; i++)
        {
            watch.Apply(lines[i % 2]);
        }

        time.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        GC.KeepAlive(watch);
        Console.WriteLine($"1,000 peers, client cost per event (parse + apply + map + compare): {time.Elapsed.TotalMicroseconds / events:0.0} µs, {allocated / events / 1024.0:0.0} KiB allocated (n={events})");
    }

    private static string Line(string type, V1Pod pod, int rv)
    {
        pod.Metadata.ResourceVersion = rv.ToString(CultureInfo.InvariantCulture);
        return $"{{\"type\":\"{type}\",\"object\":{k8s.KubernetesJson.Serialize(pod)}}}";
    }

    private static async Task<List<double>> WriteToCallbackAsync(ApiFactsWatch watch, int events, Action<int> write, Func<ApiFacts, string> observed)
    {
        var ms = new List<double>(events);
        for (int i = 0; i < events; i++)
        {
            var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            string previous = observed(watch.Current);
            void Handler(ApiFacts f)
            {
                if (observed(f) != previous)
                {
                    arrived.TrySetResult();
                }
            }

            watch.Changed += Handler;
            long start = Stopwatch.GetTimestamp();
            write(i);
            await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            watch.Changed -= Handler;
        }

        return ms;
    }

    private static double P(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(10);
        }
    }

    private static V1OwnerReference Owner(string kind, string name, string uid) => new() { ApiVersion = "apps/v1", Kind = kind, Name = name, Uid = uid, Controller = true };

    private static V1Node Node(string zone) => new()
    {
        Metadata = new V1ObjectMeta { Name = "node-a", Labels = new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = "eu-west-1" + zone } },
        Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }] },
    };

    private static V1Pod Pod(string name, bool ready) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name, NamespaceProperty = Ns,
            Labels = new Dictionary<string, string> { ["app"] = "shop", ["pod-template-hash"] = "7d4b9" },
            OwnerReferences = [Owner("ReplicaSet", "shop-7d4b9", "uid-rs")],
        },
        Spec = new V1PodSpec { NodeName = "node-a", Containers = [new V1Container { Name = "app", Image = "shop:1" }] },
        Status = new V1PodStatus { Phase = "Running", PodIP = "10.0.0.1", Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };
}
