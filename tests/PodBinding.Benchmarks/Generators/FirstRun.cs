using System.Diagnostics;
using Microsoft.CodeAnalysis;

namespace PodBinding.Benchmarks.Generators;

/// <summary>
/// <c>--first-run podbinding|floor|floor-per-class [classes]</c>: the very first generator run in a new process on the
/// benchmark compilation (2,000 plain files and <c>classes</c> bound classes, default 200), which is what a fresh
/// compiler pays per build: nothing JIT-compiled, no driver state. The compilation is bound first (its declarations and
/// a first semantic model), so the time is the generator's and not the compiler's own warm-up. Run each generator in
/// its own process, several times: <c>for g in podbinding floor-per-class; do for i in 1 2 3; do dotnet run … -- --first-run $g; done; done</c>.
/// </summary>
internal static class FirstRun
{
    public static int Run(string[] args)
    {
        int index = Array.IndexOf(args, "--first-run");
        string which = index + 1 < args.Length ? args[index + 1] : "podbinding";
        int classes = index + 2 < args.Length && int.TryParse(args[index + 2], out int n) ? n : 200;
        var compilation = CompilationFactory.Create(classes, i => Synthetic.Pod(i), "Pod");
        _ = compilation.GetDeclarationDiagnostics();
        _ = compilation.GetSemanticModel(compilation.SyntaxTrees.First()).GetDeclarationDiagnostics();

        GeneratorDriver driver = which switch
        {
            "floor" => Drivers.Floor(),
            "floor-per-class" => Drivers.FloorPerClass(),
            _ => Drivers.PodBinding(),
        };
        var watch = Stopwatch.StartNew();
        GeneratorRunResult run = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        watch.Stop();
        Console.WriteLine($"first run, {which}, {classes} classes: {watch.Elapsed.TotalMilliseconds:F0} ms, {run.GeneratedSources.Length} files{(run.Exception is null ? "" : ", threw " + run.Exception.GetType().Name)}");
        return run.Exception is null ? 0 : 1;
    }
}
