using OrdersService;
using System.Diagnostics;
using System.Globalization;
using PodBinding.Benchmarks.Loading;
using PodBinding.Testing;
using PodBinding.Volumes;

namespace PodBinding.Benchmarks.Live;

/// <summary>
/// <c>--torn [swaps] [seconds]</c>: the torn-read stress test (tests/PodBinding.Tests/Watching/TornReadStressTests.cs)
/// at a larger scale. The simulated kubelet swaps versions in which the labels, the annotations and the version label
/// all carry the same stamp; two readers take snapshots of the sample's three volume items, and one of them loads
/// every tenth through <c>PodInfo.Load</c>. No read may mix two versions. Aims at 100 snapshots per swap; stops at
/// the target or after the time budget (default 900 s). Reports the throughput (swaps and reads per second), which the
/// unit test does not assert: it depends on the machine's load.
/// </summary>
internal static class TornReads
{
    private const int SnapshotsPerSwap = 100;
    private const int LoadEvery = 10;

    public static int Run(string[] args)
    {
        int index = Array.IndexOf(args, "--torn");
        int targetSwaps = index + 1 < args.Length && int.TryParse(args[index + 1], out int s) ? s : 100_000;
        int seconds = index + 2 < args.Length && int.TryParse(args[index + 2], out int b) ? b : 900;
        long targetSnapshots = (long)targetSwaps * SnapshotsPerSwap;
        var budget = TimeSpan.FromSeconds(seconds);

        using var volume = new LiveVolume();
        volume.Writer.DistinctTimestamps = true;
        SimulatedPod pod = volume.Pod;
        IReadOnlyList<string> items = PodInfo.DownwardApi.VolumeItems;
        int labelsIndex = IndexOf(items, "labels"), annotationsIndex = IndexOf(items, "annotations"), versionIndex = IndexOf(items, "label.app.kubernetes.io_version");
        volume.Writer.Write(Payload(pod, 0));

        Console.WriteLine($"Torn reads: target {targetSwaps:N0} swaps, {targetSnapshots:N0} reads ({100 / LoadEvery}% of one reader's through PodInfo.Load), budget {budget.TotalSeconds:F0} s, volume on {LiveVolume.Root}. Load average at start: {LiveVolume.LoadAverage()}");

        long swaps = 0, snapshots = 0, loads = 0, mixed = 0, sameVersion = 0;
        string? firstMixed = null;
        using var stop = new CancellationTokenSource();

        var writing = new Thread(() =>
        {
            for (int version = 1; !stop.IsCancellationRequested; version++)
            {
                volume.Writer.Write(Payload(pod, version));
                Interlocked.Increment(ref swaps);
            }
        });

        Thread Reader(bool viaLoad) => new(() =>
        {
            string? lastVersion = null;
            for (long n = 0; !stop.IsCancellationRequested; n++)
            {
                // Two cores: readers far ahead of the writer only starve it. Keep to the ratio asked for.
                if (Interlocked.Read(ref snapshots) + Interlocked.Read(ref loads) > (Interlocked.Read(ref swaps) + 1) * SnapshotsPerSwap)
                {
                    Thread.Sleep(1);
                    continue;
                }

                string stamps;
                bool torn;
                if (viaLoad && n % LoadEvery == 0)
                {
                    PodInfo info = PodInfo.Load(volume.Source);
                    string l = info.Labels["stamp"], a = info.Annotations["stamp"], v = info.Version!;
                    torn = l != a || l != v;
                    stamps = $"PodInfo.Load: labels {l}, annotations {a}, version {v}";
                    Interlocked.Increment(ref loads);
                }
                else
                {
                    VolumeSnapshot snapshot = VolumeSnapshot.Read(volume.Directory, items);
                    string l = Stamp(snapshot[labelsIndex]!), a = Stamp(snapshot[annotationsIndex]!), v = snapshot[versionIndex]!;
                    torn = l != a || l != v;
                    stamps = $"snapshot {snapshot.Version}: labels {l}, annotations {a}, version {v}";
                    if (snapshot.Version == lastVersion)
                    {
                        Interlocked.Increment(ref sameVersion);
                    }

                    lastVersion = snapshot.Version;
                    Interlocked.Increment(ref snapshots);
                }

                if (torn)
                {
                    Interlocked.Increment(ref mixed);
                    Interlocked.CompareExchange(ref firstMixed, stamps, null);
                }
            }
        });

        Thread[] threads = [writing, Reader(viaLoad: false), Reader(viaLoad: true)];
        var clock = Stopwatch.StartNew();
        TimeSpan cpu = Environment.CpuUsage.TotalTime;
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        while (clock.Elapsed < budget && (Interlocked.Read(ref swaps) < targetSwaps || Interlocked.Read(ref snapshots) + Interlocked.Read(ref loads) < targetSnapshots))
        {
            Thread.Sleep(200);
        }

        stop.Cancel();
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        double elapsed = clock.Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| Swaps | Snapshot reads | `PodInfo.Load` reads | Snapshots that re-read an unchanged version | Mixed versions | Wall | Swaps/s | Reads/s | Process CPU | Load avg at end |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {swaps:N0} | {snapshots:N0} | {loads:N0} | {sameVersion:N0} | **{mixed}** | {elapsed:F0} s | {swaps / elapsed:N0} | {(snapshots + loads) / elapsed:N0} | {(Environment.CpuUsage.TotalTime - cpu).TotalSeconds:F0} s | {LiveVolume.LoadAverage()} |"));
        if (mixed != 0)
        {
            Console.WriteLine($"First mixed read: {firstMixed}");
            return 1;
        }

        bool complete = swaps >= targetSwaps && snapshots + loads >= targetSnapshots;
        Console.WriteLine(complete ? "Target reached." : $"Budget of {budget.TotalSeconds:F0} s ran out before the target.");
        return 0;
    }

    private static Dictionary<string, string> Payload(SimulatedPod pod, int version)
    {
        string stamp = version.ToString(CultureInfo.InvariantCulture);
        pod.Labels["stamp"] = stamp;
        pod.Labels["app.kubernetes.io/version"] = stamp;
        pod.Annotations["stamp"] = stamp;
        return new Dictionary<string, string>(pod.VolumePayload(PodInfo.DownwardApi), StringComparer.Ordinal);
    }

    /// <summary>The value of <c>stamp="…"</c> in a kubelet map file.</summary>
    private static string Stamp(string file)
    {
        int start = file.IndexOf("stamp=\"", StringComparison.Ordinal) + 7;
        return file[start..file.IndexOf('"', start)];
    }

    private static int IndexOf(IReadOnlyList<string> items, string item)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] == item)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"PodInfo reads no '{item}' item");
    }
}
