// The floor analyzers' never-reported rule is not a shipped rule: no release tracking.
#pragma warning disable RS2008

using System.Collections.Immutable;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Emit;

namespace PodBinding.Benchmarks.Analyzers;

/// <summary>
/// What PodBinding's analyzers add to a build: the same synthetic project (<see cref="AnalyzerWorkload"/>: 2,000 files,
/// 200 bound classes, 50 manifests) compiled without analyzers (diagnostics + emit), through the analyzer driver with an
/// empty analyzer (the driver's own cost, which every SDK build pays for its built-in analyzers), and with every
/// PodBinding analyzer. <c>Clone()</c> gives each operation fresh symbols, like a new build. PodBinding's share is
/// (PodBinding − driver floor) / compile; per-analyzer execution times come from
/// <see cref="CompilationWithAnalyzers.GetAnalyzerTelemetryInfoAsync"/>. Both are printed after the run. Budget: 5 %.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project tests/PodBinding.Benchmarks -- --filter '*AnalyzerBenchmarks*'</c> (no
/// <c>--job</c>: one compile takes seconds, so the class brings its own short in-process job).
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class AnalyzerBenchmarks
{
    private AnalyzerWorkload _workload = null!;

    [GlobalSetup]
    public void Setup() => _workload = AnalyzerWorkload.Create();

    [Benchmark(Baseline = true)]
    public int CompileWithoutAnalyzers() => Compile(_workload);

    [Benchmark]
    public int CompileWithDriverFloor() => Analyze(_workload, [new EmptyAnalyzer()], logTime: false).Diagnostics;

    [Benchmark]
    public int CompileWithOperationFloor() => Analyze(_workload, [new EmptyOperationAnalyzer()], logTime: false).Diagnostics;

    [Benchmark]
    public int CompileWithPodBindingAnalyzers() => Analyze(_workload, _workload.Analyzers, logTime: false).Diagnostics;

    [Benchmark]
    public int CompileWithOperationFloorAndPodBinding() => Analyze(_workload, [new EmptyOperationAnalyzer(), .. _workload.Analyzers], logTime: false).Diagnostics;

    [GlobalCleanup(Target = nameof(CompileWithOperationFloorAndPodBinding))]
    public void Report() => Console.WriteLine(Telemetry.Measure(_workload, runs: 7).ToString());

    /// <summary>Compiler diagnostics and emit, no analyzer driver.</summary>
    internal static int Compile(AnalyzerWorkload workload)
    {
        Compilation compilation = workload.Compilation.Clone();
        int diagnostics = compilation.GetDiagnostics().Length;
        using var stream = new MemoryStream();
        EmitResult result = compilation.Emit(stream);
        return diagnostics + (result.Success ? (int)stream.Length : -1);
    }

    /// <summary>
    /// The same compile with the analyzer driver: analyzers first (<see cref="CompilationWithAnalyzers.GetAnalysisResultAsync(CancellationToken)"/>),
    /// then compiler diagnostics and emit on the driver's compilation, which reuses what analysis already bound.
    /// </summary>
    internal static (int Diagnostics, CompilationWithAnalyzers Driver, AnalysisResult Result) Analyze(AnalyzerWorkload workload, ImmutableArray<DiagnosticAnalyzer> analyzers, bool logTime)
    {
        CompilationWithAnalyzers driver = workload.Compilation.Clone().WithAnalyzers(analyzers,
            new CompilationWithAnalyzersOptions(workload.Options, onAnalyzerException: Crash, concurrentAnalysis: true, logAnalyzerExecutionTime: logTime, reportSuppressedDiagnostics: false));
        AnalysisResult result = driver.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        int diagnostics = driver.Compilation.GetDiagnostics().Length + result.GetAllDiagnostics().Length;
        using var stream = new MemoryStream();
        EmitResult emitted = driver.Compilation.Emit(stream);
        return (diagnostics + (emitted.Success ? (int)stream.Length : -1), driver, result);
    }

    // An analyzer that throws reports nothing and costs nothing, which would make the figures meaningless.
    private static void Crash(Exception exception, DiagnosticAnalyzer analyzer, Diagnostic diagnostic) =>
        throw new InvalidOperationException($"{analyzer.GetType().Name} failed in the benchmark workload: {exception.Message}", exception);

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Dry
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(7)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("Compile"));
    }
}

/// <summary>
/// Does nothing: measures what the analyzer driver costs by itself. Not shipped, hence no attribute. It declares a rule
/// it never reports: the driver skips an analyzer whose rules are all disabled, and "no rules" counts as that.
/// </summary>
#pragma warning disable RS1001 // not shipped: a benchmark floor
internal sealed class EmptyAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    internal static readonly DiagnosticDescriptor Never = new("FLOOR", "Benchmark floor", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Never];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        // One no-op symbol action: the driver then creates and dispatches compilation events, as it does for any analyzer.
        context.RegisterSymbolAction(static _ => { }, SymbolKind.NamedType);
    }
}

/// <summary>
/// Does nothing on every invocation and property reference: the driver then builds IOperation trees for every method
/// body, as it does in any SDK build whose default analyzers (CA1416 and others) register operation actions.
/// </summary>
#pragma warning disable RS1001 // not shipped: a benchmark floor
internal sealed class EmptyOperationAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [EmptyAnalyzer.Never];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(static _ => { }, OperationKind.Invocation, OperationKind.PropertyReference);
    }
}

/// <summary>
/// Medians over several rounds, each round running the three variants back to back (so machine load hits them alike):
/// the compile alone, the driver floor, PodBinding's analyzers with each analyzer's logged execution time, and what
/// they reported (a check that the workload exercises them).
/// </summary>
internal sealed record Telemetry(TimeSpan Compile, TimeSpan Floor, TimeSpan OperationFloor, TimeSpan WithPodBinding, TimeSpan OperationFloorAndPodBinding, ImmutableArray<(string Analyzer, TimeSpan Time)> Analyzers, string Reported)
{
    public static Telemetry Measure(AnalyzerWorkload workload, int runs)
    {
        var compile = new List<TimeSpan>();
        var floor = new List<TimeSpan>();
        var operationFloor = new List<TimeSpan>();
        var withPodBinding = new List<TimeSpan>();
        var both = new List<TimeSpan>();
        var perAnalyzer = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        string reported = "";
        for (int run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            AnalyzerBenchmarks.Compile(workload);
            compile.Add(watch.Elapsed);

            watch.Restart();
            AnalyzerBenchmarks.Analyze(workload, [new EmptyAnalyzer()], logTime: false);
            floor.Add(watch.Elapsed);

            watch.Restart();
            AnalyzerBenchmarks.Analyze(workload, [new EmptyOperationAnalyzer()], logTime: false);
            operationFloor.Add(watch.Elapsed);

            watch.Restart();
            (_, CompilationWithAnalyzers driver, AnalysisResult result) = AnalyzerBenchmarks.Analyze(workload, workload.Analyzers, logTime: true);
            withPodBinding.Add(watch.Elapsed);

            watch.Restart();
            AnalyzerBenchmarks.Analyze(workload, [new EmptyOperationAnalyzer(), .. workload.Analyzers], logTime: false);
            both.Add(watch.Elapsed);
            foreach (DiagnosticAnalyzer analyzer in workload.Analyzers)
            {
                AnalyzerTelemetryInfo info = driver.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult();
                string name = analyzer.GetType().Name;
                if (!perAnalyzer.TryGetValue(name, out List<TimeSpan>? times))
                {
                    perAnalyzer[name] = times = [];
                }

                times.Add(info.ExecutionTime);
            }

            ImmutableArray<Diagnostic> all = result.GetAllDiagnostics();
            foreach (string id in (string[])["PB0201", "PB0202", "PB0203"])
            {
                // Each analyzer path must be exercised, or its time says nothing (a missing dependency once made the manifest
                // analyzers read no file at all).
                if (!all.Any(d => d.Id == id))
                {
                    throw new InvalidOperationException($"The benchmark workload reported no {id}: the analyzer it measures did no work.");
                }
            }

            reported = string.Join(", ", all.Where(d => d.Id.StartsWith("PB", StringComparison.Ordinal)).GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}×{g.Count()}"));
        }

        return new Telemetry(
            Median(compile),
            Median(floor),
            Median(operationFloor),
            Median(withPodBinding),
            Median(both),
            perAnalyzer.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, Median(p.Value))).ToImmutableArray(),
            reported);
    }

    public override string ToString()
    {
        double compile = Compile.TotalMilliseconds;
        TimeSpan total = Analyzers.Aggregate(TimeSpan.Zero, (sum, a) => sum + a.Time);
        var text = new System.Text.StringBuilder();
        text.AppendLine($"// PodBinding analyzers on {AnalyzerWorkload.Files} files, {AnalyzerWorkload.BoundClasses} bound classes, {AnalyzerWorkload.Manifests} manifests (medians)");
        text.AppendLine($"// compile (diagnostics + emit): {compile:F0} ms");
        text.AppendLine($"// with PodBinding analyzers: {WithPodBinding.TotalMilliseconds:F0} ms");
        text.AppendLine($"// vs driver floor, symbol action only: {Floor.TotalMilliseconds:F0} ms; difference {(WithPodBinding - Floor).TotalMilliseconds:F0} ms ({100 * (WithPodBinding - Floor).TotalMilliseconds / compile:F1} % of compile)");
        text.AppendLine($"// no-op operation analyzer alone: {OperationFloor.TotalMilliseconds:F0} ms; with PodBinding's added: {OperationFloorAndPodBinding.TotalMilliseconds:F0} ms; difference {(OperationFloorAndPodBinding - OperationFloor).TotalMilliseconds:F0} ms ({100 * (OperationFloorAndPodBinding - OperationFloor).TotalMilliseconds / compile:F1} % of compile)");
        foreach ((string analyzer, TimeSpan time) in Analyzers)
        {
            text.AppendLine($"// {analyzer}: {time.TotalMilliseconds:F1} ms ({100 * time.TotalMilliseconds / compile:F2} % of compile)");
        }

        text.AppendLine($"// all analyzers (logged execution time): {total.TotalMilliseconds:F1} ms ({100 * total.TotalMilliseconds / compile:F2} % of compile; budget 5 %)");
        text.Append($"// reported: {Reported}");
        return text.ToString();
    }

    private static TimeSpan Median(List<TimeSpan> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
