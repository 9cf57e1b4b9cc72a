using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PodBinding.Analyzers.Tests.Helpers;
using PodBinding.Generators;

namespace PodBinding.Analyzers.Tests;

/// <summary>
/// Half-typed and malformed code, as the IDE sees it between keystrokes, through both the generator and the analyzer:
/// neither may throw (no CS8785, no AD0001), and the generator must not add errors of its own.
/// </summary>
public class RobustnessTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Net; using PodBinding;\nnamespace App;\n";

    public static IReadOnlyDictionary<string, string[]> Corpus { get; } = new Dictionary<string, string[]>
    {
        ["no arguments"] = new[] { "public partial class A { [FromDownward] public string? X { get; init; } }" },
        ["empty argument list"] = new[] { "public partial class A { [FromDownward()] public string? X { get; init; } }" },
        ["wrong argument type"] = new[] { "public partial class A { [FromDownward(42)] public string? X { get; init; } }" },
        ["two positional arguments"] = new[] { "public partial class A { [FromDownward(\"metadata.name\", \"x\")] public string? X { get; init; } }" },
        ["unclosed argument list"] = new[] { "public partial class A { [FromDownward(] public string? X { get; init; } }" },
        ["unclosed attribute"] = new[] { "public partial class A { [FromDownward(\"metadata.name\" public string? X { get; init; } }" },
        ["unterminated string"] = new[] { "public partial class A { [FromDownward(\"metadata.name] public string? X { get; init; } }" },
        ["unterminated string at end of file"] = new[] { "public partial class A { [FromDownward(\"metadata.na" },
        ["property without type"] = new[] { "public partial class A { [FromDownward(\"metadata.name\")] public X { get; init; } }" },
        ["property without name"] = new[] { "public partial class A { [FromDownward(\"metadata.name\")] public string { get; init; } }" },
        ["property without accessors"] = new[] { "public partial class A { [FromDownward(\"metadata.name\")] public string? X }" },
        ["property with unknown type"] = new[] { "public partial class A { [FromDownward(\"metadata.name\")] public Missing? X { get; init; } }" },
        ["property with open generic type"] = new[] { "public partial class A { [FromDownward(\"status.podIPs\")] public IReadOnlyList<>? X { get; init; } }" },
        ["property with array, dynamic and pointer-ish types"] = new[] { "public partial class A { [FromDownward(\"metadata.name\")] public int[]? X { get; init; } [FromDownward(\"metadata.uid\")] public dynamic? Y { get; init; } [FromDownward(\"metadata.namespace\")] public Nullable<string> Z { get; init; } }" },
        ["attribute on a field"] = new[] { "public partial class A { [FromDownward(\"metadata.name\")] public string? X; }" },
        ["attribute on a method"] = new[] { "public partial class A { [FromDownward(\"metadata.name\")] public string M() => \"\"; }" },
        ["attribute on a class"] = new[] { "[FromDownward(\"metadata.name\")] public partial class A { }" },
        ["attribute on an indexer"] = new[] { "public partial class A { [FromDownward(\"metadata.name\")] public string this[int i] { get => \"\"; init { } } }" },
        ["attribute on an indexer next to a bound property"] = new[] { "public partial class A { [FromDownward(\"metadata.name\")] public string? X { get; init; } [FromDownward(\"metadata.uid\")] public string this[int i] { get => \"\"; init { } } }" },
        ["attribute on an explicit interface property"] = new[] { "public interface IA { string? X { get; init; } } public partial class A : IA { [FromDownward(\"metadata.name\")] string? IA.X { get; init; } }" },
        ["attribute on a positional record parameter"] = new[] { "public partial record R([property: FromDownward(\"metadata.name\")] string Name);" },
        ["attribute twice"] = new[] { "public partial class A { [FromDownward(\"metadata.name\"), FromDownward(\"metadata.uid\")] public string? X { get; init; } }" },
        ["null path"] = new[] { "public partial class A { [FromDownward(null)] public string? X { get; init; } [FromDownward(null!)] public string? Y { get; init; } [FromDownward(default)] public string? Z { get; init; } }" },
        ["null named arguments"] = new[] { "public partial class A { [FromDownward(\"limits.memory\", EnvVar = null, File = null, Divisor = null, ContainerName = null)] public long X { get; init; } }" },
        ["wrong named argument types"] = new[] { "public partial class A { [FromDownward(\"limits.memory\", Divisor = 5, EnvVar = 3.5, Source = \"Volume\")] public long X { get; init; } }" },
        ["unknown named argument"] = new[] { "public partial class A { [FromDownward(\"metadata.name\", Nope = 1)] public string? X { get; init; } }" },
        ["enum values out of range"] = new[] { "[DownwardBinding(WorkloadKind = (WorkloadKind)(-7), WorkloadName = \"w\")] public partial class A { [FromDownward(\"metadata.name\", Source = (DownwardSource)42)] public string? X { get; init; } [FromDownward(\"metadata.uid\", Source = DownwardSource.Volume | DownwardSource.Environment)] public string? Y { get; init; } }" },
        ["class settings of the wrong types"] = new[] { "[DownwardBinding(ContainerName = 1, VolumeName = null, MountPath = null, WorkloadName = \"\")] public partial class A { [FromDownward(\"metadata.name\")] public string? X { get; init; } }" },
        ["empty and odd strings"] = new[] { "[DownwardBinding(ContainerName = \"\", VolumeName = \"\", MountPath = \"\")] public partial class A { [FromDownward(\"\", EnvVar = \"\", File = \"\", Divisor = \"\", ContainerName = \"\")] public string? X { get; init; } [FromDownward(\"metadata.labels['\\0']\", File = \"\\0\")] public string? Y { get; init; } [FromDownward(\"limits.memory\", Divisor = \"99999999999999999999999999999999999Ei\")] public long Z { get; init; } }" },
        ["interpolated and nameof paths"] = new[] { "public partial class A { const string N = \"name\"; [FromDownward($\"metadata.{N}\")] public string? X { get; init; } [FromDownward(nameof(X))] public string? Y { get; init; } }" },
        ["missing closing braces"] = new[] { "public partial class A { [FromDownward(\"metadata.name\")] public string? X { get; init;" },
        ["partial class split with one part broken"] = new[]
        {
            "public partial class A { [FromDownward(\"metadata.name\")] public string? X { get; init; } }",
            "public partial class A { [FromDownward(\"metadata.uid\" public Guid Y { get; init; }",
        },
        ["partial class split with one part not partial"] = new[]
        {
            "public partial class A { [FromDownward(\"metadata.name\")] public string? X { get; init; } }",
            "public class A { [FromDownward(\"metadata.uid\")] public Guid Y { get; init; } }",
        },
        ["same member declared twice"] = new[] { "public partial class A { [FromDownward(\"metadata.name\")] public string? X { get; init; } [FromDownward(\"metadata.uid\")] public string? X { get; init; } }" },
        ["class in a generic and nested mess"] = new[] { "public partial class O<T> { public partial class A { [FromDownward(\"metadata.name\")] public T? X { get; init; } } }" },
        ["static class with static property"] = new[] { "public static partial class A { [FromDownward(\"metadata.name\")] public static string? X { get; set; } }" },
        ["interface and struct"] = new[] { "public partial interface I { [FromDownward(\"metadata.name\")] string? X { get; init; } } public partial struct S { [FromDownward(\"metadata.name\")] public string? X { get; init; } }" },
        ["attribute at top level"] = new[] { "[FromDownward(\"metadata.name\")]" },
        ["class named like the attribute"] = new[] { "public partial class FromDownwardAttribute : Attribute { [FromDownward(\"metadata.name\")] public string? X { get; init; } }" },
        ["type with a missing base and constructor error"] = new[] { "public partial class A : MissingBase { public A(int x) : base(x) { } [FromDownward(\"metadata.name\")] public string? X { get; init; } }" },
        ["class without namespace"] = new[] { "}}} public partial class A { [FromDownward(\"metadata.name\")] public string? X { get; init; } }" },
    };

    public static TheoryData<string> Names { get; } = new(Corpus.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Generator_And_Analyzer_Survive(string name)
    {
        SyntaxTree[] trees = Corpus[name]
            .Select((source, i) => CSharpSyntaxTree.ParseText(Usings + source, AnalyzerRunner.ParseOptions, $"/broken/File{i}.cs"))
            .ToArray();
        Compilation input = AnalyzerRunner.Compile(Array.Empty<(string, string)>()).AddSyntaxTrees(trees);

        // The generator: no exception (it would surface as CS8785), and for code that compiles, no errors in what it
        // writes (for broken code, errors in generated code that only echo the user's error are tolerated).
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new PodBindingGenerator().AsSourceGenerator() }, parseOptions: AnalyzerRunner.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.Null(run.Exception);
        Assert.DoesNotContain(generatorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        string[] generatedErrors = output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && !trees.Contains(tree))
            .Select(d => d.ToString())
            .ToArray();
        if (!input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Assert.True(generatedErrors.Length == 0, string.Join(Environment.NewLine, generatedErrors));
        }

        // The analyzer, over the compilation the build analyzes (generated code included): no AD0001.
        ImmutableArray<Diagnostic> all = AnalyzerRunner.Run(output);
        Diagnostic[] crashes = all.Where(d => d.Id is "AD0001" || d.GetMessage().Contains("Exception", StringComparison.Ordinal)).ToArray();
        Assert.True(crashes.Length == 0, string.Join(Environment.NewLine, crashes.Select(d => d.ToString())));
    }

    [Fact]
    public void Corpus_Is_Actually_Broken_Where_It_Says_So()
    {
        // Guards the corpus itself: the half-typed entries must really not compile, or the test proves little.
        foreach (string name in new[] { "unclosed argument list", "unterminated string", "property without type", "partial class split with one part broken" })
        {
            Compilation compilation = AnalyzerRunner.Compile(Corpus[name].Select((s, i) => ($"/c{i}.cs", Usings + s)));
            Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        }
    }
}
