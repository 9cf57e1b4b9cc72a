using System.Diagnostics;
using PodBinding.Testing;
using PodBinding.Tests.Support;
using PodBinding.Volumes;
using Xunit.Abstractions;

namespace PodBinding.Tests.Watching;

/// <summary>
/// A kubelet-faithful writer swaps versions in which the labels and annotations files carry the same stamp while
/// readers take snapshots: no snapshot may mix two versions (docs/kubernetes-rules.md, "Volume layout"). A larger run lives in the benchmarks.
/// </summary>
public sealed class TornReadStressTests(ITestOutputHelper output)
{
    private const int MinimumSwaps = 10_000;
    private const long MinimumSnapshots = 1_000_000;
    private static readonly string[] Items = ["labels", "annotations"];

    // Bounds the run for CI; both minimums are normally reached well before it.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(55);

    [Fact]
    public async Task Snapshots_never_mix_two_versions_while_the_kubelet_swaps()
    {
        using var temp = TempDirectory.OnTmpfs();
        var writer = new KubeletVolumeWriter(temp.Combine("podinfo")) { DistinctTimestamps = true };
        writer.Write(Payload(0));
        long snapshots = 0, mixed = 0, swaps = 0, retried = 0;
        string? firstMixed = null;
        using var stop = new CancellationTokenSource();

        Task writing = Task.Run(() =>
        {
            for (int version = 1; !stop.IsCancellationRequested; version++)
            {
                writer.Write(Payload(version));
                Interlocked.Increment(ref swaps);
            }
        });

        Task[] reading = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            string? lastVersion = null;
            while (!stop.IsCancellationRequested)
            {
                // Two cores: readers running far ahead of the writer only starve it. Keep to the ratio the minimums ask for.
                if (Interlocked.Read(ref snapshots) > (Interlocked.Read(ref swaps) + 1) * (MinimumSnapshots / MinimumSwaps))
                {
                    Thread.Sleep(1);
                    continue;
                }

                VolumeSnapshot snapshot = VolumeSnapshot.Read(writer.VolumeDirectory, Items);
                string labels = snapshot[0]!, annotations = snapshot[1]!;
                if (Stamp(labels) != Stamp(annotations))
                {
                    Interlocked.Increment(ref mixed);
                    Interlocked.CompareExchange(ref firstMixed, $"labels: {labels}\nannotations: {annotations}", null);
                }

                if (snapshot.Version == lastVersion)
                {
                    Interlocked.Increment(ref retried);
                }

                lastVersion = snapshot.Version;
                Interlocked.Increment(ref snapshots);
            }
        })).ToArray();

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Budget && (Interlocked.Read(ref snapshots) < MinimumSnapshots || Interlocked.Read(ref swaps) < MinimumSwaps))
        {
            await Task.Delay(50);
        }

        stop.Cancel();
        await Task.WhenAll([writing, .. reading]);
        output.WriteLine($"{swaps} swaps, {snapshots} snapshots ({retried} re-read an unchanged version) in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.True(mixed == 0, $"{mixed} of {snapshots} snapshots mixed two versions, e.g.\n{firstMixed}");
        Assert.True(swaps >= MinimumSwaps, $"only {swaps} swaps in {Budget.TotalSeconds} s");
        Assert.True(snapshots >= MinimumSnapshots, $"only {snapshots} snapshots in {Budget.TotalSeconds} s");
    }

    private static Dictionary<string, string> Payload(int version) => new()
    {
        ["labels"] = $"app=\"orders\"\nversion=\"{version}\"",
        ["annotations"] = $"kubernetes.io/config.source=\"api\"\nversion=\"{version}\"",
    };

    private static string Stamp(string file) => file[(file.LastIndexOf("version=", StringComparison.Ordinal) + 8)..];
}
