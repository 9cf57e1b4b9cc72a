using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PodBinding.Benchmarks.Generators;

/// <summary>
/// Correctness of incrementality on the benchmark's own input (checked, not timed): after an unrelated edit every
/// PodBinding step is Cached (or Unchanged, for the steps that read the compilation) and every source output is Cached; after editing one bound class only
/// that class is regenerated. Run with <c>--validate</c>; GlobalSetup calls it too and throws on failure.
/// </summary>
internal static class Validation
{
    private static readonly string[] Steps = { "Options", "Parse", "Plan", "PatchFiles", "WorkloadVolumes", "ApiEntries", "ApiRbac" }; // ApiReference runs only when a [FromApi] class exists

    /// <summary>The full check, printed: <c>dotnet run -c Release --project tests/PodBinding.Benchmarks -- --validate</c>.</summary>
    public static int Run(int annotated = 500)
    {
        Console.WriteLine($"Synthetic compilation: {CompilationFactory.PlainFiles} plain files + {annotated} bound classes");
        CSharpCompilation compilation = CompilationFactory.Create(annotated, i => Synthetic.Pod(i), "Pod");
        CSharpCompilation unrelated = CompilationFactory.Replace(compilation, "Plain0.cs", Synthetic.Plain(0, version: 1));
        CSharpCompilation edited = CompilationFactory.Replace(compilation, "Pod0.cs", Synthetic.Pod(0, extraMember: true));

        var failures = new List<string>();
        Check(compilation, unrelated, edited, annotated, failures, print: true);

        // The generated loaders must compile: otherwise the benchmark would time a generator producing junk.
        Drivers.PodBinding().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Diagnostic[] errors = output.GetDiagnostics().Concat(generatorDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Console.WriteLine($"Output compilation: {output.SyntaxTrees.Count()} trees, {errors.Length} errors");
        failures.AddRange(errors.Take(5).Select(e => "generated code: " + e));

        Console.WriteLine();
        Console.WriteLine($"Anchor: {AnchorGenerator.AssemblyDescription}");
        try
        {
            ThrowIfAnchorIdle(CompilationFactory.Create(annotated, Synthetic.Options, "Options"), annotated, print: true);
        }
        catch (Exception e)
        {
            failures.Add("anchor: " + e.Message);
        }

        Console.WriteLine();
        Console.WriteLine(failures.Count == 0 ? "VALID: every check passed" : "INVALID:\n  " + string.Join("\n  ", failures));
        return failures.Count == 0 ? 0 : 1;
    }

    public static void ThrowIfNotCached(CSharpCompilation compilation, CSharpCompilation unrelated, CSharpCompilation edited, int annotated)
    {
        var failures = new List<string>();
        Check(compilation, unrelated, edited, annotated, failures, print: false);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("PodBinding is not incremental on the benchmark input:\n" + string.Join("\n", failures));
        }
    }

    /// <summary>Throws unless ConfigurationBindingGenerator produced its binder for the options classes.</summary>
    public static void ThrowIfAnchorIdle(CSharpCompilation options, int classes, bool print = false)
    {
        GeneratorDriverRunResult result = Drivers.Anchor().RunGenerators(options.Clone()).GetRunResult();
        GeneratorRunResult run = result.Results.Single();
        if (run.Exception is not null)
        {
            throw new InvalidOperationException("ConfigurationBindingGenerator threw: " + run.Exception);
        }

        int characters = run.GeneratedSources.Sum(s => s.SourceText.Length);
        int bound = run.GeneratedSources.Sum(s => CountOccurrences(s.SourceText.ToString(), "new global::Bench.Options.Options"));
        if (print)
        {
            Console.WriteLine($"ConfigurationBindingGenerator: {run.GeneratedSources.Length} files, {characters:N0} characters, {run.Diagnostics.Length} diagnostics, {bound} instantiations of options classes");
        }

        if (characters == 0 || bound < classes)
        {
            throw new InvalidOperationException($"ConfigurationBindingGenerator generated {characters} characters and binds {bound} of {classes} options classes");
        }
    }

    private static void Check(CSharpCompilation compilation, CSharpCompilation unrelated, CSharpCompilation edited, int annotated, List<string> failures, bool print)
    {
        GeneratorDriver warm = Drivers.PodBinding(track: true).RunGenerators(compilation.Clone());
        GeneratorRunResult first = warm.GetRunResult().Results.Single();
        if (first.Exception is not null)
        {
            failures.Add("generator threw: " + first.Exception);
            return;
        }

        int expected = annotated + 2; // a loader per class (its table carries its YAML), one kustomization, one volume patch list
        if (first.GeneratedSources.Length != expected)
        {
            failures.Add($"cold run generated {first.GeneratedSources.Length} files, expected {expected}");
        }

        int skipped = first.GeneratedSources.Count(s => s.SourceText.ToString().Contains("PodBinding skipped", StringComparison.Ordinal));
        if (skipped > 0)
        {
            failures.Add($"{skipped} generated loaders skip members: the synthetic classes are not fully bound");
        }

        if (print)
        {
            Console.WriteLine($"Cold: {first.GeneratedSources.Length} generated files, {first.GeneratedSources.Sum(s => s.SourceText.Length):N0} characters");
            foreach (GeneratedSourceResult source in first.GeneratedSources.Where(s => s.HintName.StartsWith("Bench.Pods.PodInfo0.", StringComparison.Ordinal)))
            {
                Console.WriteLine($"  {source.HintName}: {source.SourceText.Length:N0} characters");
            }

            if (Environment.GetEnvironmentVariable("PODBINDING_DUMP") is { Length: > 0 } dump)
            {
                Directory.CreateDirectory(dump);
                foreach (GeneratedSourceResult source in first.GeneratedSources.Where(s => !s.HintName.StartsWith("Bench.Pods.PodInfo", StringComparison.Ordinal) || s.HintName.StartsWith("Bench.Pods.PodInfo0.", StringComparison.Ordinal)))
                {
                    File.WriteAllText(Path.Combine(dump, source.HintName), source.SourceText.ToString());
                }
            }
        }

        GeneratorRunResult afterUnrelated = warm.RunGenerators(unrelated.Clone()).GetRunResult().Results.Single();
        Report("After an unrelated edit", afterUnrelated, print);
        foreach (string step in Steps)
        {
            foreach ((IncrementalStepRunReason reason, int count) in Reasons(afterUnrelated, step))
            {
                // Steps fed by the compilation itself (Options, ApiReference) re-run and compare equal: Unchanged.
                if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                {
                    failures.Add($"unrelated edit: step {step} has {count} output(s) {reason}, expected all Cached or Unchanged");
                }
            }
        }

        foreach ((IncrementalStepRunReason reason, int count) in OutputReasons(afterUnrelated))
        {
            if (reason != IncrementalStepRunReason.Cached)
            {
                failures.Add($"unrelated edit: {count} source output(s) {reason}, expected all Cached");
            }
        }

        GeneratorRunResult afterEdit = warm.RunGenerators(edited.Clone()).GetRunResult().Results.Single();
        Report("After editing one bound class", afterEdit, print);
        int modifiedPlans = Reasons(afterEdit, "Plan").Where(r => r.Reason == IncrementalStepRunReason.Modified).Sum(r => r.Count);
        int changedOutputs = OutputReasons(afterEdit).Where(r => r.Reason != IncrementalStepRunReason.Cached).Sum(r => r.Count);
        if (modifiedPlans != 1 || changedOutputs != 1)
        {
            failures.Add($"annotated edit: {modifiedPlans} plans Modified and {changedOutputs} source outputs re-run, expected 1 and 1");
        }
    }

    private static void Report(string title, GeneratorRunResult run, bool print)
    {
        if (!print)
        {
            return;
        }

        Console.WriteLine(title + ":");
        foreach (string step in Steps)
        {
            Console.WriteLine($"  {step,-12} {Describe(Reasons(run, step))}");
        }

        Console.WriteLine($"  {"outputs",-12} {Describe(OutputReasons(run))}");
    }

    private static string Describe(IEnumerable<(IncrementalStepRunReason Reason, int Count)> reasons) =>
        string.Join(", ", reasons.Select(r => $"{r.Count} {r.Reason}")) is { Length: > 0 } text ? text : "(step did not run)";

    private static IEnumerable<(IncrementalStepRunReason Reason, int Count)> Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps.TryGetValue(step, out ImmutableArray<IncrementalGeneratorRunStep> steps)
            ? Count(steps)
            : new[] { ((IncrementalStepRunReason)(-1), 1) }; // a missing step fails the check

    private static IEnumerable<(IncrementalStepRunReason Reason, int Count)> OutputReasons(GeneratorRunResult run) =>
        Count(run.TrackedOutputSteps.SelectMany(pair => pair.Value));

    private static IEnumerable<(IncrementalStepRunReason Reason, int Count)> Count(IEnumerable<IncrementalGeneratorRunStep> steps) =>
        steps.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()));

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
