using System.Diagnostics;
using PodBinding;
using PodBinding.Formats;
using PodBinding.Testing;
using PodBinding.Volumes;
using PodBinding.Watching;

namespace OrdersService;

/// <summary>
/// Live pod metadata on a laptop: the simulated pod's volume is updated the way the kubelet updates a real one (a new
/// timestamped directory and an atomic <c>..data</c> swap), and a running watcher sees it.
/// </summary>
internal static class LiveReload
{
    /// <summary>Reads the labels and annotations the volume holds now, as the pod the kubelet would re-render.</summary>
    public static SimulatedPod ReadPod(string volumeDirectory)
    {
        VolumeSnapshot snapshot = VolumeSnapshot.Read(volumeDirectory, ["labels", "annotations"]);
        var pod = new SimulatedPod();
        foreach (KeyValuePair<string, string> label in Parse(snapshot, 0))
        {
            pod.Labels[label.Key] = label.Value;
        }

        foreach (KeyValuePair<string, string> annotation in Parse(snapshot, 1))
        {
            if (annotation.Key == "kubernetes.io/config.seen")
            {
                pod.ConfigSeen = DateTimeOffset.Parse(annotation.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (annotation.Key != "kubernetes.io/config.source")
            {
                pod.Annotations[annotation.Key] = annotation.Value;
            }
        }

        return pod;
    }

    /// <summary><c>kubectl label pod … key=value</c> (or <c>key-</c>), as the kubelet then rewrites the volume.</summary>
    public static bool Relabel(string volumeDirectory, string change)
    {
        SimulatedPod pod = ReadPod(volumeDirectory);
        if (change.EndsWith('-'))
        {
            pod.Labels.Remove(change[..^1]);
        }
        else
        {
            int equals = change.IndexOf('=');
            if (equals <= 0)
            {
                throw new ArgumentException($"Expected KEY=VALUE or KEY- but got '{change}'.");
            }

            pod.Labels[change[..equals]] = change[(equals + 1)..];
        }

        return pod.WriteVolume(new KubeletVolumeWriter(volumeDirectory), PodInfo.DownwardApi);
    }

    /// <summary>Prints every change until Ctrl+C.</summary>
    public static int Watch(PodSource source)
    {
        using DownwardWatcher<PodInfo> watcher = PodInfo.Watch(source);
        Console.WriteLine($"Watching {Report.Relative(source.VolumeDirectory)} (version {watcher.Version}). In another terminal:");
        Console.WriteLine("  dotnet run --project samples/OrdersService -- label tier=gold");
        Console.WriteLine("Ctrl+C to stop.");
        PodInfo last = watcher.Current;
        watcher.Subscribe(current =>
        {
            Console.WriteLine($"{DateTime.Now:HH:mm:ss.fff} labels changed: {Diff(last.Labels, current.Labels)} (version {watcher.Version})");
            last = current;
        });
        watcher.Error += error => Console.Error.WriteLine($"{error.Kind}: {error.Exception.Message}");
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        stop.Wait();
        return 0;
    }

    /// <summary>The main command's demo: relabel a copy of the simulated pod while a watcher runs, and show the change arrive.</summary>
    public static void Demonstrate(PodInfo loaded)
    {
        string volume = Path.Combine(Path.GetTempPath(), "podbinding-sample-" + Guid.NewGuid().ToString("N"));
        try
        {
            var pod = ReadPod(Path.Combine(SimulatedPodFolder.Directory, "volume"));
            pod.WriteVolume(new KubeletVolumeWriter(volume), PodInfo.DownwardApi);
            var environment = SimulatedPodFolder.ReadEnvFile(Path.Combine(SimulatedPodFolder.Directory, "pod.env"));
            using DownwardWatcher<PodInfo> watcher = PodInfo.Watch(PodSource.FromDirectory(volume, environment));
            using var arrived = new ManualResetEventSlim();
            PodInfo? seen = null;
            watcher.Subscribe(current =>
            {
                seen = current;
                arrived.Set();
            });

            var clock = Stopwatch.StartNew();
            Relabel(volume, "tier=gold");
            bool delivered = arrived.Wait(TimeSpan.FromSeconds(10));
            Console.WriteLine("Live reload (a copy of the simulated pod, relabeled the way the kubelet rewrites the volume):");
            Console.WriteLine(delivered
                ? $"  tier: {loaded.Labels.GetValueOrDefault("tier", "(none)")} -> {seen!.Labels["tier"]}, delivered {clock.Elapsed.TotalMilliseconds:F1} ms after the relabel began; Name still {seen.Name} (env vars never change)"
                : "  the change did not arrive within 10 s");
        }
        finally
        {
            Directory.Delete(volume, recursive: true);
        }
    }

    private static IReadOnlyDictionary<string, string> Parse(VolumeSnapshot snapshot, int index) =>
        KubeletMapFormat.TryParse(snapshot[index] ?? "", out MetadataMap? map, out int line, out string? error)
            ? map
            : throw new FormatException($"{Path.Combine(snapshot.VolumeDirectory, snapshot.ItemPath(index))} line {line}: {error}");

    private static string Diff(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var changes = new List<string>();
        foreach (KeyValuePair<string, string> entry in after)
        {
            if (!before.TryGetValue(entry.Key, out string? old) || old != entry.Value)
            {
                changes.Add($"{entry.Key}={entry.Value}");
            }
        }

        changes.AddRange(before.Keys.Where(key => !after.ContainsKey(key)).Select(key => key + "-"));
        return changes.Count == 0 ? "(no label changed)" : string.Join(", ", changes);
    }
}
