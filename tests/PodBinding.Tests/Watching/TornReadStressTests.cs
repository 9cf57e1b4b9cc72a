using System.Diagnostics;
using PodBinding.Testing;
using PodBinding.Tests.Support;
using PodBinding.Volumes;
using Xunit.Abstractions;

namespace PodBinding.Tests.Watching;

/// <summary>
/// A kubelet-faithful writer swaps versions in which the labels and annotations files carry the same stamp while
/// readers take snapshots: no snapshot may mix two versions (docs/kubernetes-rules.md, "Volume layout"). The run is a fixed amount
/// of work, not a time budget: how fast it goes depends on the machine's load and is measured by the benchmark
/// (<c>--torn</c>, tests/PodBinding.Benchmarks/Live/TornReads.cs, reported in docs/performance.md), not asserted here.
/// </summary>
public sealed class TornReadStressTests(ITestOutputHelper output)
{
    private const int Swaps = 2_000;
    private const long Snapshots = 200_000;
    private static readonly string[] Items = ["labels", "annotations"];

    [Fact]
    public async Task Snapshots_never_mix_two_versions_while_the_kubelet_swaps()
    {
        using var temp = TempDirectory.OnTmpfs();
        var writer = new KubeletVolumeWriter(temp.Combine("podinfo")) { DistinctTimestamps = true };
        writer.Write(Payload(0));
        long snapshots = 0, mixed = 0, swaps = 0, retried = 0, versionsSeen = 0;
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
                if (Interlocked.Read(ref snapshots) > (Interlocked.Read(ref swaps) + 1) * (Snapshots / Swaps))
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
                else
                {
                    Interlocked.Increment(ref versionsSeen);
                }

                lastVersion = snapshot.Version;
                Interlocked.Increment(ref snapshots);
            }
        })).ToArray();

        var clock = Stopwatch.StartNew();
        while (!Task.WhenAll([writing, .. reading]).IsCompleted
               && (Interlocked.Read(ref snapshots) < Snapshots || Interlocked.Read(ref swaps) < Swaps))
        {
            await Task.Delay(50);
        }

        stop.Cancel();
        await Task.WhenAll([writing, .. reading]);
        output.WriteLine($"{swaps} swaps, {snapshots} snapshots ({retried} re-read an unchanged version) in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.True(mixed == 0, $"{mixed} of {snapshots} snapshots mixed two versions, e.g.\n{firstMixed}");

        // The readers really raced the writer: they saw many versions, not one before the swaps and one after.
        Assert.True(versionsSeen > Swaps / 10, $"the readers saw only {versionsSeen} of {swaps} versions");
    }

    private static Dictionary<string, string> Payload(int version) => new()
    {
        ["labels"] = $"app=\"orders\"\nversion=\"{version}\"",
        ["annotations"] = $"kubernetes.io/config.source=\"api\"\nversion=\"{version}\"",
    };

    private static string Stamp(string file) => file[(file.LastIndexOf("version=", StringComparison.Ordinal) + 8)..];
}
