using System.Diagnostics;
using System.Globalization;
using PodBinding.Benchmarks.Generators;
using PodBinding.Benchmarks.Loading;

namespace PodBinding.Benchmarks;

/// <summary>
/// <c>--paired [rounds]</c>: a cross-check of BenchmarkDotNet's ratios for a busy machine. Each benchmark and its floor
/// run alternately (ABBA order) in the same process, so a slow phase of the other builds hits both; the report gives
/// medians of wall time and of process CPU time (which excludes time spent waiting for a core), and the median of
/// the per-round ratios. Uses the benchmark classes' own setup and methods.
/// </summary>
internal static class Paired
{
    public static int Run(string[] args)
    {
        int index = Array.IndexOf(args, "--paired");
        int rounds = index + 1 < args.Length && int.TryParse(args[index + 1], out int r) ? r : 30;
        Console.WriteLine($"Paired runs: {rounds} rounds, ABBA order, GC before every sample. Load average at start: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Pair | Floor/anchor wall (median) | PodBinding wall (median) | Ratio of medians (wall) | Median per-round ratio (wall) | Floor/anchor CPU | PodBinding CPU | Ratio (CPU) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");

        var generators = new GeneratorBenchmarks { AnnotatedTypes = 500 };
        generators.Setup();
        Pair("Cold, 500 bound classes (floor → PodBinding)", generators.Floor_Cold, generators.PodBinding_Cold, rounds, inner: 1);
        Pair("Unrelated edit (floor → PodBinding)", generators.Floor_UnrelatedEdit, generators.PodBinding_UnrelatedEdit, rounds, inner: 1);
        Pair("Annotated edit (floor → PodBinding)", generators.Floor_AnnotatedEdit, generators.PodBinding_AnnotatedEdit, rounds, inner: 1);
        generators = null;

        foreach (int classes in new[] { 500, 1000 })
        {
            var anchor = new AnchorBenchmarks { Classes = classes };
            anchor.Setup();
            Pair($"Cold, {classes} classes (ConfigurationBinder → PodBinding)", anchor.ConfigurationBinder_Cold, anchor.PodBinding_Cold, rounds, inner: 1);
        }

        var loader = new LoaderBenchmarks();
        loader.Setup();
        try
        {
            Pair("Load() ×1000 (hand-written → generated)", loader.HandWritten, loader.Generated, rounds, inner: 1000);
        }
        finally
        {
            loader.Cleanup();
        }

        Console.WriteLine();
        Console.WriteLine($"Load average at end: {LoadAverage()}");
        return 0;
    }

    internal static void Pair(string name, Func<object> floor, Func<object> subject, int rounds, int inner)
    {
        for (int i = 0; i < 3; i++)
        {
            Measure(floor, inner);
            Measure(subject, inner);
        }

        var floorWall = new List<double>();
        var floorCpu = new List<double>();
        var subjectWall = new List<double>();
        var subjectCpu = new List<double>();
        var ratios = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            (double Wall, double Cpu) a, b;
            if (round % 2 == 0)
            {
                a = Measure(floor, inner);
                b = Measure(subject, inner);
            }
            else
            {
                b = Measure(subject, inner);
                a = Measure(floor, inner);
            }

            floorWall.Add(a.Wall);
            floorCpu.Add(a.Cpu);
            subjectWall.Add(b.Wall);
            subjectCpu.Add(b.Cpu);
            ratios.Add(b.Wall / a.Wall);
        }

        string unit = inner == 1 ? "ms" : "µs per call";
        double scale = inner == 1 ? 1 : 1000.0 / inner;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {Median(floorWall) * scale:F1} {unit} | {Median(subjectWall) * scale:F1} {unit} | {Median(subjectWall) / Median(floorWall):F2} | {Median(ratios):F2} | {Median(floorCpu) * scale:F1} {unit} | {Median(subjectCpu) * scale:F1} {unit} | {Median(subjectCpu) / Median(floorCpu):F2} |"));
    }

    /// <returns>Milliseconds of wall time and of process CPU time for <paramref name="inner"/> calls.</returns>
    private static (double Wall, double Cpu) Measure(Func<object> action, int inner)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        TimeSpan cpu = Environment.CpuUsage.TotalTime;
        long start = Stopwatch.GetTimestamp();
        object? last = null;
        for (int i = 0; i < inner; i++)
        {
            last = action();
        }

        double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        double cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        GC.KeepAlive(last);
        return (wall, cpuMs);
    }

    private static double Median(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
