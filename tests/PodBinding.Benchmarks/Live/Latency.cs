using OrdersService;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.KeyPerFile;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;
using PodBinding.Benchmarks.Loading;
using PodBinding.Extensions.Configuration;
using PodBinding.Watching;

namespace PodBinding.Benchmarks.Live;

/// <summary>
/// <c>--latency [swaps] [anchorSwaps]</c>: time from the kubelet's <c>..data</c> rename to the change callback, on a
/// tmpfs volume written by <see cref="Testing.KubeletVolumeWriter"/>. The rename instant is taken right after
/// <c>rename(2)</c> returns (<see cref="Testing.KubeletWriteStep.DataLinkSwapped"/>); each subject's callback takes its
/// own timestamp and says which revision it saw, so a callback only counts when it delivers the new value.
/// The floor, the watcher with events and the watcher polling alone run in alternating blocks (same load phases);
/// the Microsoft.Extensions anchors then run one after another with fewer swaps (their pollers tick every 4 s).
/// </summary>
internal static class Latency
{
    private const int Block = 25;

    public static int Run(string[] args)
    {
        int index = Array.IndexOf(args, "--latency");
        int swaps = index + 1 < args.Length && int.TryParse(args[index + 1], out int s) ? s : 200;
        int anchorSwaps = index + 2 < args.Length && int.TryParse(args[index + 2], out int a) ? a : 20;
        int only = Array.IndexOf(args, "--only");
        string? filter = only >= 0 && only + 1 < args.Length ? args[only + 1] : null;
        var pollInterval = TimeSpan.FromMilliseconds(100);

        Console.WriteLine($"Latency from the ..data rename to the callback. Volume root: {LiveVolume.Root}. Processors: {Environment.ProcessorCount}. Load average at start: {LiveVolume.LoadAverage()}");
        Console.WriteLine();

        var fast = new List<Subject>
        {
            new("FileSystemWatcher on the directory (floor)", "inotify, `..data` Renamed", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(20), false, StartFloor),
            new("DownwardWatcher<PodInfo>", "events (+ 2 s poll)", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(20), false, (v, o) => StartWatcher(v, o, new DownwardWatchOptions())),
            new("DownwardWatcher<PodInfo>", $"polling only, every {pollInterval.TotalMilliseconds:F0} ms", TimeSpan.FromSeconds(1), pollInterval, false,
                (v, o) => StartWatcher(v, o, new DownwardWatchOptions { UseFileSystemEvents = false, PollInterval = pollInterval })),
        };

        var anchors = new List<Subject>
        {
            new("KeyPerFile (`AddKeyPerFile(dir, false, reloadOnChange: true)`)", "events", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50), false, (v, o) => StartKeyPerFile(v, o, polling: false, ExclusionFilters.Sensitive)),
            new("KeyPerFile", "`DOTNET_USE_POLLING_FILE_WATCHER=1`", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(4), false, (v, o) => StartKeyPerFile(v, o, polling: true, ExclusionFilters.Sensitive)),
            new("KeyPerFile over `PhysicalFileProvider(dir, ExclusionFilters.None)`", "events", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50), false, (v, o) => StartKeyPerFile(v, o, polling: false, ExclusionFilters.None)),
            new("JSON `config.json` item, `reloadOnChange: true`", "events", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50), true, (v, o) => StartJson(v, o, polling: false)),
            new("JSON `config.json` item", "`DOTNET_USE_POLLING_FILE_WATCHER=1`", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(4), true, (v, o) => StartJson(v, o, polling: true)),
            new("PodBinding `AddDownwardApiVolume` (IConfiguration)", "events (+ 2 s poll)", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50), false, StartDownwardApiVolume),
        };

        fast.RemoveAll(x => filter is not null && !(x.Name + " " + x.Trigger).Contains(filter, StringComparison.OrdinalIgnoreCase));
        anchors.RemoveAll(x => filter is not null && !(x.Name + " " + x.Trigger).Contains(filter, StringComparison.OrdinalIgnoreCase));

        var results = new List<Result>();
        var clock = Stopwatch.StartNew();
        if (fast.Count > 0)
        {
            // Alternating blocks: every subject sees the same phases of the other engineers' load.
            var byName = fast.ToDictionary(x => x, x => new Result(x, LiveVolume.LoadAverage()));
            for (int done = 0; done < swaps; done += Block)
            {
                int count = Math.Min(Block, swaps - done);
                foreach (Subject subject in fast)
                {
                    Measure(subject, count, warmup: 2, byName[subject]);
                }
            }

            foreach (Result result in byName.Values)
            {
                result.LoadAtEnd = LiveVolume.LoadAverage();
                results.Add(result);
            }
        }

        foreach (Subject anchor in anchors)
        {
            var result = new Result(anchor, LiveVolume.LoadAverage());
            Measure(anchor, anchorSwaps, warmup: 1, result);
            result.LoadAtEnd = LiveVolume.LoadAverage();
            results.Add(result);
        }

        Console.WriteLine("| Subject | Trigger | Swaps | Noticed (new value) | p50 | p90 | p99 | max | min | Rename window p50 / p99 | Load avg start → end |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (Result r in results)
        {
            Console.WriteLine(r.Row());
        }

        if (filter is null || "same swap".Contains(filter, StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine();
            SameSwap(swaps);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total {clock.Elapsed.TotalSeconds:F0} s. Load average at end: {LiveVolume.LoadAverage()}"));
        return 0;
    }

    /// <summary>
    /// The floor and the watcher on the same swaps: the watcher's callback minus the bare FileSystemWatcher's event for
    /// the same rename, which isolates what the watcher adds (hand-off to its loop, the reload, the callback) from the
    /// writer thread's own delays in taking the rename timestamp.
    /// </summary>
    private static void SameSwap(int swaps)
    {
        string loadAtStart = LiveVolume.LoadAverage();
        using var volume = new LiveVolume();
        volume.Write(0);
        const int Warmup = 2;
        var floor = new Observer(Warmup + swaps + 1);
        var watched = new Observer(Warmup + swaps + 1);
        var overhead = new List<double>();
        var fromRename = new List<double>();
        using (IDisposable events = StartFloor(volume, floor))
        using (IDisposable watcher = StartWatcher(volume, watched, new DownwardWatchOptions()))
        {
            for (int revision = 1; revision <= Warmup + swaps; revision++)
            {
                floor.Expect(revision);
                watched.Expect(revision);
                (_, long swapped) = volume.Write(revision);
                bool both = floor.Wait(TimeSpan.FromSeconds(1)) & watched.Wait(TimeSpan.FromSeconds(1));
                if (revision > Warmup && both)
                {
                    overhead.Add(Stopwatch.GetElapsedTime(floor.Seen(revision), watched.Seen(revision)).TotalMilliseconds);
                    fromRename.Add(Stopwatch.GetElapsedTime(swapped, watched.Seen(revision)).TotalMilliseconds);
                }

                Thread.Sleep(TimeSpan.FromMilliseconds(2 + (Random.Shared.NextDouble() * 20)));
            }
        }

        static string Stats(List<double> values)
        {
            double[] sorted = values.Order().ToArray();
            string At(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)].ToString("F2", CultureInfo.InvariantCulture) + " ms";
            return $"{At(0.5)} | {At(0.9)} | {At(0.99)} | {At(1.0)} | {sorted[0].ToString("F2", CultureInfo.InvariantCulture)} ms";
        }

        Console.WriteLine("Same swaps, floor and watcher together (events):");
        Console.WriteLine("| Measured | Swaps (both noticed) | p50 | p90 | p99 | max | min | Load avg start → end |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        Console.WriteLine($"| watcher callback − floor's `..data` event | {overhead.Count} / {swaps} | {Stats(overhead)} | {loadAtStart} → {LiveVolume.LoadAverage()} |");
        Console.WriteLine($"| watcher callback − rename | {fromRename.Count} / {swaps} | {Stats(fromRename)} | |");
    }

    /// <summary>Runs <paramref name="swaps"/> measured swaps (after <paramref name="warmup"/> unmeasured ones) against a fresh subject and volume.</summary>
    private static void Measure(Subject subject, int swaps, int warmup, Result result)
    {
        using var volume = new LiveVolume(subject.ConfigJson);
        volume.Write(0);
        var observer = new Observer(warmup + swaps + 1);
        IDisposable running = subject.Start(volume, observer);
        try
        {
            for (int revision = 1; revision <= warmup + swaps; revision++)
            {
                observer.Expect(revision);
                (long before, long swapped) = volume.Write(revision);
                bool arrived = observer.Wait(subject.Timeout);
                long seen = observer.Seen(revision);
                if (revision > warmup)
                {
                    result.Swaps++;
                    result.RenameWindows.Add(Stopwatch.GetElapsedTime(before, swapped).TotalMilliseconds);
                    if (arrived && seen != 0)
                    {
                        result.Latencies.Add(Stopwatch.GetElapsedTime(swapped, seen).TotalMilliseconds);
                    }
                }

                // A random pause, so swaps fall at random phases of a poller's interval.
                Thread.Sleep(TimeSpan.FromMilliseconds(2 + (Random.Shared.NextDouble() * subject.MaxGap.TotalMilliseconds)));
            }
        }
        finally
        {
            running.Dispose();
        }
    }

    private static IDisposable StartFloor(LiveVolume volume, Observer observer)
    {
        var events = new FileSystemWatcher(volume.Directory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName,
            IncludeSubdirectories = false,
        };
        events.Renamed += (_, e) =>
        {
            long now = Stopwatch.GetTimestamp();
            if (e.Name == "..data")
            {
                observer.Saw(observer.Expected, now);
            }
        };
        events.EnableRaisingEvents = true;
        return events;
    }

    private static IDisposable StartWatcher(LiveVolume volume, Observer observer, DownwardWatchOptions options)
    {
        DownwardWatcher<PodInfo> watcher = DownwardWatcher.Start<PodInfo>(volume.Source, options);
        watcher.Subscribe(pod =>
        {
            long now = Stopwatch.GetTimestamp();
            observer.Saw(LiveVolume.Parse(pod.Labels.TryGetValue("revision", out string? r) ? r : null), now);
        });
        if (options.UseFileSystemEvents && !watcher.UsesFileSystemEvents)
        {
            throw new InvalidOperationException("the watcher could not start file-system events");
        }

        return watcher;
    }

    private static IDisposable StartKeyPerFile(LiveVolume volume, Observer observer, bool polling, ExclusionFilters filters)
    {
        IConfigurationRoot root = WithPollingVariable(polling, () =>
        {
            IConfigurationBuilder builder = filters == ExclusionFilters.Sensitive
                ? new ConfigurationBuilder().AddKeyPerFile(volume.Directory, optional: false, reloadOnChange: true)
                : new ConfigurationBuilder().AddKeyPerFile(source =>
                {
                    source.FileProvider = new PhysicalFileProvider(volume.Directory, filters);
                    source.Optional = false;
                    source.ReloadOnChange = true;
                });
            CheckPolling(((KeyPerFileConfigurationSource)builder.Sources[0]).FileProvider, polling);
            return builder.Build();
        });
        return Observe(root, observer, () => LiveVolume.RevisionInLabels(root["labels"]));
    }

    private static IDisposable StartJson(LiveVolume volume, Observer observer, bool polling)
    {
        IConfigurationRoot root = WithPollingVariable(polling, () =>
        {
            IConfigurationBuilder builder = new ConfigurationBuilder().AddJsonFile(Path.Combine(volume.Directory, "config.json"), optional: false, reloadOnChange: true);
            CheckPolling(((JsonConfigurationSource)builder.Sources[0]).FileProvider, polling);
            return builder.Build();
        });
        return Observe(root, observer, () => LiveVolume.Parse(root["Revision"]));
    }

    private static IDisposable StartDownwardApiVolume(LiveVolume volume, Observer observer)
    {
        IConfigurationRoot root = new ConfigurationBuilder().AddDownwardApiVolume(volume.Directory, optional: false, reloadOnChange: true).Build();
        return Observe(root, observer, () => LiveVolume.Parse(root["Labels:revision"]));
    }

    private static IDisposable Observe(IConfigurationRoot root, Observer observer, Func<int> revision)
    {
        if (revision() != 0)
        {
            throw new InvalidOperationException("the configuration did not load revision 0");
        }

        IDisposable registration = ChangeToken.OnChange(root.GetReloadToken, () =>
        {
            long now = Stopwatch.GetTimestamp();
            observer.Saw(revision(), now);
        });
        return new Both(registration, (IDisposable)root);
    }

    /// <summary>The variable is read when a PhysicalFileProvider is created: set it around building only.</summary>
    private static IConfigurationRoot WithPollingVariable(bool polling, Func<IConfigurationRoot> build)
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", polling ? "1" : null);
        try
        {
            return build();
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", null);
        }
    }

    private static void CheckPolling(IFileProvider? provider, bool polling)
    {
        if (provider is not PhysicalFileProvider physical || physical.UsePollingFileWatcher != polling)
        {
            throw new InvalidOperationException($"expected a PhysicalFileProvider with UsePollingFileWatcher = {polling}");
        }
    }

    private sealed record Subject(string Name, string Trigger, TimeSpan Timeout, TimeSpan MaxGap, bool ConfigJson, Func<LiveVolume, Observer, IDisposable> Start);

    private sealed class Result(Subject subject, string loadAtStart)
    {
        public int Swaps { get; set; }

        public List<double> Latencies { get; } = new();

        /// <summary>From right before the rename to the timestamp taken after it: how precisely the instant is known.</summary>
        public List<double> RenameWindows { get; } = new();

        public string? LoadAtEnd { get; set; }

        public string Row()
        {
            double[] sorted = Latencies.Order().ToArray();
            string Rank(double p) => sorted.Length == 0 ? "—" : Ms(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)]);
            double[] windows = RenameWindows.Order().ToArray();
            string window = windows.Length == 0 ? "—" : $"{Ms(windows[windows.Length / 2])} / {Ms(windows[Math.Max(0, (int)Math.Ceiling(0.99 * windows.Length) - 1)])}";
            return $"| {subject.Name} | {subject.Trigger} | {Swaps} | {Latencies.Count} / {Swaps} | {Rank(0.50)} | {Rank(0.90)} | {Rank(0.99)} | {Rank(1.0)} | {(sorted.Length == 0 ? "—" : Ms(sorted[0]))} | {window} | {loadAtStart} → {LoadAtEnd} |";
        }

        private static string Ms(double ms) =>
            ms.ToString(ms < 10 ? "F2" : ms < 100 ? "F1" : "F0", CultureInfo.InvariantCulture) + " ms";
    }

    /// <summary>Collects the first timestamp at which each revision was delivered.</summary>
    private sealed class Observer(int revisions)
    {
        private readonly long[] _seen = new long[revisions];
        private readonly ManualResetEventSlim _arrived = new(false);
        private int _expected;

        public int Expected => Volatile.Read(ref _expected);

        public void Expect(int revision)
        {
            _arrived.Reset();
            Volatile.Write(ref _expected, revision);
        }

        public void Saw(int revision, long timestamp)
        {
            if ((uint)revision < (uint)_seen.Length && Interlocked.CompareExchange(ref _seen[revision], timestamp, 0) == 0 && revision == Expected)
            {
                _arrived.Set();
            }
        }

        public bool Wait(TimeSpan timeout) => _arrived.Wait(timeout);

        public long Seen(int revision) => Interlocked.Read(ref _seen[revision]);
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
