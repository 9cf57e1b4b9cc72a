using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Models;
using PodBinding.Kubernetes;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.Proxy;
using PodBinding.Testing.Kubernetes.ServiceAccount;
using PodBinding.Watching;

namespace PodBinding.Benchmarks.Kubernetes;

/// <summary>
/// <c>--kubernetes [rounds]</c>: the API connection against the in-repo test API server (one process, loopback HTTPS).
/// 1. Per-request overhead of the rotation-aware InCluster connection against KubernetesClient's own in-cluster style
///    configuration (token and CA loaded once), interleaved ABBA rounds, wall and allocated bytes per request.
/// 2. From a <c>..data</c> swap to the first request carrying the new token.
/// 3. First-request latency per mode: InCluster direct, Proxy through a real kubectl proxy (TCP), Ambassador (Unix socket).
/// </summary>
internal static class ApiConnectionBench
{
    private const int RequestsPerSample = 100;

    public static int Run(string[] args)
    {
        int at = Array.IndexOf(args, "--kubernetes");
        int rounds = at + 1 < args.Length && int.TryParse(args[at + 1], out int r) ? r : 20;
        return RunAsync(rounds).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int rounds)
    {
        Console.WriteLine($"API connection: {rounds} rounds, load average at start {Paired.LoadAverage()}");
        string dir = Directory.CreateTempSubdirectory("podbinding-bench-sa-").FullName;
        string folderPath = Path.Join(dir, "sa");
        await using TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions { TokenFile = Path.Join(folderPath, "token") });
        server.Store.Upsert(new V1Pod { Metadata = new V1ObjectMeta { Name = "orders-0", NamespaceProperty = "orders" } });
        var folder = new ServiceAccountFolder(folderPath, "bench-token-1.a.b", server.CaBundlePem, "orders");
        try
        {
            await PerRequestAsync(server, folder, rounds);
            await SwapToNewTokenAsync(server, folder, rounds);
            await FirstRequestPerModeAsync(server, folder, Math.Max(5, rounds / 2));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        Console.WriteLine($"Load average at end: {Paired.LoadAverage()}");
        return 0;
    }

    private static KubernetesConnectionOptions InCluster(TestApiServer server, string directory) => new()
    {
        Mode = KubernetesConnectionMode.InCluster,
        ServiceAccountDirectory = directory,
        GetEnvironmentVariable = name => name switch
        {
            "KUBERNETES_SERVICE_HOST" => "127.0.0.1",
            "KUBERNETES_SERVICE_PORT" => server.BaseAddress.Port.ToString(CultureInfo.InvariantCulture),
            _ => null,
        },
    };

    private static async Task PerRequestAsync(TestApiServer server, ServiceAccountFolder folder, int rounds)
    {
        using KubernetesConnection ours = KubernetesConnection.Connect(InCluster(server, folder.Directory));
        var ca = new X509Certificate2Collection();
        ca.ImportFromPemFile(folder.CaPath);
        // KubernetesClient's InClusterConfig() in effect: the token and ca.crt read once, at start.
        using var anchor = new k8s.Kubernetes(new KubernetesClientConfiguration
        {
            Host = server.BaseAddress.ToString(),
            AccessToken = File.ReadAllText(folder.TokenPath).Trim(),
            SslCaCerts = ca,
            Namespace = "orders",
        });

        Func<Task> oursRequest = () => ours.Client.CoreV1.ReadNamespacedPodAsync("orders-0", "orders");
        Func<Task> anchorRequest = () => anchor.CoreV1.ReadNamespacedPodAsync("orders-0", "orders");
        for (int i = 0; i < 3; i++)
        {
            await SampleAsync(anchorRequest);
            await SampleAsync(oursRequest);
        }

        var a = new List<(double Wall, double Bytes)>();
        var b = new List<(double Wall, double Bytes)>();
        for (int round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                a.Add(await SampleAsync(anchorRequest));
                b.Add(await SampleAsync(oursRequest));
            }
            else
            {
                b.Add(await SampleAsync(oursRequest));
                a.Add(await SampleAsync(anchorRequest));
            }
        }

        double aWall = Median(a.Select(x => x.Wall)), bWall = Median(b.Select(x => x.Wall));
        double aBytes = Median(a.Select(x => x.Bytes)), bBytes = Median(b.Select(x => x.Bytes));
        double perRoundRatio = Median(a.Zip(b, (x, y) => y.Wall / x.Wall));
        Console.WriteLine();
        Console.WriteLine("| Per request (GET pod, HTTP/2, warm connection) | Wall µs (median) | Allocated bytes (median, client + in-process server) |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(Inv($"| KubernetesClient, token + CA loaded once | {aWall:F0} | {aBytes:F0} |"));
        Console.WriteLine(Inv($"| PodBinding InCluster (rotation-aware) | {bWall:F0} | {bBytes:F0} |"));
        Console.WriteLine(Inv($"| Ratio (ours / KubernetesClient) | {bWall / aWall:F3} (per-round median {perRoundRatio:F3}) | {bBytes - aBytes:+0;-0;0} bytes per request |"));
    }

    /// <returns>Microseconds and allocated bytes per request, over <see cref="RequestsPerSample"/> sequential requests.</returns>
    private static async Task<(double Wall, double Bytes)> SampleAsync(Func<Task> request)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long bytes = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < RequestsPerSample; i++)
        {
            await request();
        }

        double wall = Stopwatch.GetElapsedTime(start).TotalMicroseconds / RequestsPerSample;
        return (wall, (GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)RequestsPerSample);
    }

    private static async Task SwapToNewTokenAsync(TestApiServer server, ServiceAccountFolder folder, int rounds)
    {
        using KubernetesConnection connection = KubernetesConnection.Connect(InCluster(server, folder.Directory));
        await connection.Client.CoreV1.ReadNamespacedPodAsync("orders-0", "orders");
        var toReload = new List<double>();
        int direct = 0, afterRetry = 0, failed = 0;
        for (int round = 0; round < rounds; round++)
        {
            // Between swaps: the file watcher's reload (event → one readlink → read of the three files).
            folder.Rotate(token: $"bench-token-{round + 2}.a.b");
            long swapped = Stopwatch.GetTimestamp();
            string? generation = folder.CurrentGeneration;
            while (connection.CredentialsVersion != generation && Stopwatch.GetElapsedTime(swapped) < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(1);
            }

            toReload.Add(Stopwatch.GetElapsedTime(swapped).TotalMilliseconds);

            // The next request right after a swap, before any event can arrive: new token at once, or one 401 → re-read.
            folder.Rotate(token: $"bench-token-{round + 2}b.a.b");
            server.ClearRequests();
            try
            {
                await connection.Client.CoreV1.ReadNamespacedPodAsync("orders-0", "orders");
                if (server.Requests.Count == 1)
                {
                    direct++;
                }
                else
                {
                    afterRetry++;
                }
            }
            catch (KubernetesConnectionException)
            {
                failed++;
            }
        }

        Console.WriteLine();
        Console.WriteLine("| From a ..data swap to the new token | Result |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine(Inv($"| Swap → connection switched by the watcher (no request), median / max | {Median(toReload):F1} ms / {toReload.Max():F1} ms |"));
        Console.WriteLine(Inv($"| Request sent right after the swap: new token on the first try | {direct} of {rounds} |"));
        Console.WriteLine(Inv($"| … after one 401 → re-read → resend | {afterRetry} of {rounds} |"));
        Console.WriteLine(Inv($"| … failed | {failed} of {rounds} |"));
    }

    private static async Task FirstRequestPerModeAsync(TestApiServer server, ServiceAccountFolder folder, int rounds)
    {
        string socket = Path.Join(Path.GetTempPath(), $"podbinding-bench-{Environment.ProcessId}.sock");
        await using KubectlProxy tcp = await KubectlProxy.StartTcpAsync(server, folder.Token);
        await using KubectlProxy unix = await KubectlProxy.StartUnixSocketAsync(server, folder.Token, socket);
        var modes = new (string Name, Func<KubernetesConnectionOptions> Options)[]
        {
            ("InCluster, direct HTTPS (TLS handshake, CA from ca.crt)", () => InCluster(server, folder.Directory)),
            ("Proxy, real kubectl proxy on TCP", () => new() { Mode = KubernetesConnectionMode.Proxy, ProxyUri = tcp.Address!, GetEnvironmentVariable = _ => null }),
            ("Ambassador, real kubectl proxy on a Unix socket", () => new() { Mode = KubernetesConnectionMode.Ambassador, AmbassadorUri = new Uri("unix://" + socket), GetEnvironmentVariable = _ => null }),
        };

        var samples = modes.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds + 1; round++)
        {
            for (int m = 0; m < modes.Length; m++)
            {
                int index = round % 2 == 0 ? m : modes.Length - 1 - m;
                long start = Stopwatch.GetTimestamp();
                using (KubernetesConnection connection = KubernetesConnection.Connect(modes[index].Options()))
                {
                    await connection.Client.CoreV1.ReadNamespacedPodAsync("orders-0", "orders");
                }

                if (round > 0)
                {
                    samples[index].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds); // round 0 warms the code paths
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| First request (Connect + first GET on a new connection) | Median | Min |");
        Console.WriteLine("|---|---:|---:|");
        for (int m = 0; m < modes.Length; m++)
        {
            Console.WriteLine(Inv($"| {modes[m].Name} | {Median(samples[m]):F1} ms | {samples[m].Min():F1} ms |"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
