using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PodBinding.Benchmarks.Generators;

/// <summary>
/// <c>--keystroke-profile [classes] [rounds]</c>: where PodBinding's warm path spends its time. A driver with step
/// tracking runs on the synthetic compilation, then alternately on a no-change clone and an unrelated edit; for each
/// tracked step (PodBinding's and Roslyn's own ForAttributeWithMetadataName steps) it prints how many outputs it had,
/// their run reasons and the median over rounds of the summed <c>ElapsedTime</c>. Also the generator's whole time
/// (<c>GetTimingInfo</c>) and the bytes the run allocated, for PodBinding and both floors. Tracking itself costs a
/// little, so read the shares, not the absolute times.
/// </summary>
internal static class KeystrokeProfile
{
    public static int Run(string[] args)
    {
        int index = Array.IndexOf(args, "--keystroke-profile");
        int classes = index + 1 < args.Length && int.TryParse(args[index + 1], out int c) ? c : 1000;
        int rounds = index + 2 < args.Length && int.TryParse(args[index + 2], out int r) ? r : 10;

        CSharpCompilation compilation = CompilationFactory.Create(classes, i => Synthetic.Pod(i), "Pod");
        CSharpCompilation unrelated = CompilationFactory.Replace(compilation, "Plain0.cs", Synthetic.Plain(0, version: 1));
        Console.WriteLine($"Keystroke profile: {CompilationFactory.PlainFiles:N0} plain files + {classes:N0} bound classes, {rounds} rounds. Load average at start: {Paired.LoadAverage()}");

        foreach ((string name, Func<bool, GeneratorDriver> create) in new (string, Func<bool, GeneratorDriver>)[]
        {
            ("PodBinding", Drivers.PodBinding), ("Floor (file per property)", Drivers.Floor), ("Floor (file per class)", Drivers.FloorPerClass),
        })
        {
            foreach ((string scenario, CSharpCompilation next) in new[] { ("no change", compilation), ("unrelated edit", unrelated) })
            {
                Profile($"{name}, {scenario}", create, compilation, next, rounds);
            }
        }

        Console.WriteLine($"Load average at end: {Paired.LoadAverage()}");
        return 0;
    }

    /// <summary>
    /// <c>--keystroke-loop [podbinding|floor|floor-per-class] [classes] [runs]</c>: only warm unrelated edits, in a loop,
    /// for a sampling profiler (<c>dotnet-trace collect -- …</c>) to attribute the warm path's time to methods.
    /// </summary>
    public static int Loop(string[] args)
    {
        int index = Array.IndexOf(args, "--keystroke-loop");
        string which = index + 1 < args.Length ? args[index + 1] : "podbinding";
        int classes = index + 2 < args.Length && int.TryParse(args[index + 2], out int c) ? c : 1000;
        int runs = index + 3 < args.Length && int.TryParse(args[index + 3], out int r) ? r : 20;
        Func<bool, GeneratorDriver> create = which switch
        {
            "floor" => Drivers.Floor,
            "floor-per-class" => Drivers.FloorPerClass,
            _ => Drivers.PodBinding,
        };
        CSharpCompilation compilation = CompilationFactory.Create(classes, i => Synthetic.Pod(i), "Pod");
        CSharpCompilation unrelated = CompilationFactory.Replace(compilation, "Plain0.cs", Synthetic.Plain(0, version: 1));
        GeneratorDriver warm = create(false).RunGenerators(compilation.Clone());
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < runs; i++)
        {
            GC.KeepAlive(warm.RunGenerators(unrelated.Clone()));
        }

        Console.WriteLine($"{which}: {runs} warm unrelated edits at {classes:N0} classes, {Stopwatch.GetElapsedTime(start).TotalMilliseconds / runs:F1} ms each (load {Paired.LoadAverage()})");
        return 0;
    }

    private static void Profile(string title, Func<bool, GeneratorDriver> create, CSharpCompilation compilation, CSharpCompilation next, int rounds)
    {
        var steps = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        var reasons = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var totals = new List<double>();
        var untracked = new List<double>();
        var allocated = new List<double>();
        GeneratorDriver tracked = create(true).RunGenerators(compilation.Clone());
        GeneratorDriver plain = create(false).RunGenerators(compilation.Clone());
        for (int round = 0; round < rounds + 2; round++)
        {
            // Untracked: the time and allocation the user pays (a driver as the IDE makes it).
            CSharpCompilation clone = next.Clone();
            GC.Collect();
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            GeneratorDriver after = plain.RunGenerators(clone);
            double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(after);

            GeneratorDriver trackedAfter = tracked.RunGenerators(next.Clone());
            GeneratorDriverRunResult result = trackedAfter.GetRunResult();
            if (round < 2)
            {
                continue; // warm-up
            }

            untracked.Add(wall);
            allocated.Add(bytes);
            GeneratorRunResult run = result.Results.Single();
            totals.Add(trackedAfter.GetTimingInfo().ElapsedTime.TotalMilliseconds);
            foreach ((string step, ImmutableArray<IncrementalGeneratorRunStep> runs) in run.TrackedSteps.Concat(run.TrackedOutputSteps.Select(p => new KeyValuePair<string, ImmutableArray<IncrementalGeneratorRunStep>>("(output) " + p.Key, p.Value))))
            {
                if (!steps.TryGetValue(step, out List<double>? times))
                {
                    steps[step] = times = new List<double>();
                }

                times.Add(runs.Sum(s => s.ElapsedTime.TotalMilliseconds));
                reasons[step] = $"{runs.Length} runs; " + string.Join(", ", runs.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"### {title}: untracked RunGenerators {Median(untracked):F1} ms, {Median(allocated) / 1e6:F1} MB allocated; tracked generator time {Median(totals):F1} ms"));
        Console.WriteLine("| Step | Median ms (sum over its runs) | Runs and outputs |");
        Console.WriteLine("|---|---:|---|");
        foreach ((string step, List<double> times) in steps)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {Median(times):F2} | {reasons[step]} |"));
        }
    }

    private static double Median(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
