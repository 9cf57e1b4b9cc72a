namespace PodBinding.Benchmarks.Live;

/// <summary>
/// <c>--paired-live [rounds]</c>: <see cref="Paired"/>'s ABBA cross-check for <see cref="ConfigurationAnchorBenchmarks"/>
/// (bare and services environments) and <see cref="ReloadBenchmarks"/>, 1,000 calls per sample.
/// </summary>
internal static class PairedLive
{
    public static int Run(string[] args)
    {
        int index = Array.IndexOf(args, "--paired-live");
        int rounds = index + 1 < args.Length && int.TryParse(args[index + 1], out int r) ? r : 30;
        Console.WriteLine($"Paired runs: {rounds} rounds, ABBA order, GC before every sample, ×1000 calls. Load average at start: {Paired.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Pair | A wall (median) | B wall (median) | Ratio B/A of medians (wall) | Median per-round ratio (wall) | A CPU | B CPU | Ratio (CPU) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");

        foreach (string env in new[] { "bare", "services" })
        {
            var anchors = new ConfigurationAnchorBenchmarks { Env = env };
            anchors.Setup();
            try
            {
                Paired.Pair($"{env}: hand-written → Load()", anchors.HandWritten, anchors.Load, rounds, inner: 1000);
                Paired.Pair($"{env}: Load() → KeyPerFile + source-generated binder", anchors.Load, anchors.KeyPerFile_SourceGeneratedBinder, rounds, inner: 1000);
                Paired.Pair($"{env}: Load() → KeyPerFile + reflection binder", anchors.Load, anchors.KeyPerFile_ReflectionBinder, rounds, inner: 1000);
            }
            finally
            {
                anchors.Cleanup();
            }
        }

        var reload = new ReloadBenchmarks();
        reload.Setup();
        try
        {
            Paired.Pair("Load() → Reload (ReadDownward with previous)", reload.Load, reload.Reload, rounds, inner: 1000);
            Paired.Pair("Load() of the 3 volume members → Reload", reload.Load_VolumeMembersOnly, reload.Reload, rounds, inner: 1000);
            Paired.Pair("Load() of the 3 volume members → WatcherCheck", reload.Load_VolumeMembersOnly, () => reload.WatcherCheck()!, rounds, inner: 1000);
        }
        finally
        {
            reload.Cleanup();
        }

        Console.WriteLine();
        Console.WriteLine($"Load average at end: {Paired.LoadAverage()}");
        return 0;
    }
}
