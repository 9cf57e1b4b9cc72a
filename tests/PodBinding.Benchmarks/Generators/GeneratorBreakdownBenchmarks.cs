using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using PodBinding.Generators.Emit;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;

namespace PodBinding.Benchmarks.Generators;

/// <summary>
/// Where PodBinding's cold cost above the floor goes, stage by stage, for the same 500 bound classes: planning,
/// emitting the C# (loader + manifest attributes), and the driver's parse of that output into syntax trees (which
/// the floor's tiny files barely pay). The specs and plans are the ones the real pipeline produced.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBreakdownBenchmarks
{
    [Params(500)]
    public int AnnotatedTypes { get; set; }

    private BindingSpec[] _specs = null!;
    private BindingPlan[] _plans = null!;
    private GeneratorOptions _options = null!;
    private string[] _generated = null!;
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    [GlobalSetup]
    public void Setup()
    {
        CSharpCompilation compilation = CompilationFactory.Create(AnnotatedTypes, i => Synthetic.Pod(i), "Pod");
        GeneratorRunResult run = Drivers.PodBinding(track: true).RunGenerators(compilation).GetRunResult().Results.Single();
        _specs = run.TrackedSteps["Parse"].SelectMany(s => s.Outputs).Select(o => (BindingSpec)o.Value).ToArray();
        _plans = run.TrackedSteps["Plan"].SelectMany(s => s.Outputs).Select(o => (BindingPlan)o.Value).ToArray();
        _options = new GeneratorOptions(null, GeneratorOptions.DefaultManifestFolder, "Bench");
        _generated = run.GeneratedSources.Select(s => s.SourceText.ToString()).ToArray();
        if (_specs.Length != AnnotatedTypes || _plans.Length != AnnotatedTypes)
        {
            throw new InvalidOperationException($"expected {AnnotatedTypes} specs and plans, got {_specs.Length} and {_plans.Length}");
        }
    }

    [Benchmark]
    public int Plan()
    {
        int members = 0;
        foreach (BindingSpec spec in _specs)
        {
            members += BindingPlanner.Plan(spec, _options).Members.Count;
        }

        return members;
    }

    [Benchmark]
    public long Emit()
    {
        long characters = 0;
        foreach (BindingPlan plan in _plans)
        {
            characters += LoaderEmitter.Emit(plan).Length;
            characters += ManifestAttributeEmitter.Emit(ManifestAttributeEmitter.FilesOf(plan)).Length;
        }

        return characters;
    }

    /// <summary>What the driver does with every added source: SourceText, then a syntax tree (parsed eagerly).</summary>
    [Benchmark]
    public int ParseOutput()
    {
        int nodes = 0;
        foreach (string text in _generated)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(SourceText.From(text, System.Text.Encoding.UTF8), ParseOptions);
            nodes += tree.GetRoot().FullSpan.Length;
        }

        return nodes;
    }
}
