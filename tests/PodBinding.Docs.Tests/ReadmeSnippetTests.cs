using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators;

namespace PodBinding.Docs.Tests;

/// <summary>Every C# snippet of the readmes compiles as written, with the generator and analyzers (issue 12, first run).</summary>
public sealed class ReadmeSnippetTests
{
    // What `dotnet new console` puts in scope (the SDK's implicit usings for Microsoft.NET.Sdk).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (string file in ReadmeSnippets.Files())
        {
            foreach (Snippet snippet in ReadmeSnippets.In(file))
            {
                data.Add(file, snippet.Index);
            }
        }

        return data;
    }

    [Fact]
    public void The_readmes_have_the_snippets_this_test_compiles()
    {
        IReadOnlyList<string> files = ReadmeSnippets.Files();
        Assert.Contains("README.md", files);
        Assert.Contains("src/PodBinding/PackageReadme.md", files);
        Assert.Contains("src/PodBinding.Extensions/PackageReadme.md", files);
        Assert.True(ReadmeSnippets.In("README.md").Count >= 4, "README.md lost its C# snippets (or the extractor broke)");
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task Compiles_as_written(string file, int index)
    {
        IReadOnlyList<Snippet> all = ReadmeSnippets.In(file);
        Snippet snippet = all[index];
        SyntaxTree tree = CSharpSyntaxTree.ParseText(snippet.Code, ParseOptions, $"{file}#{index}");
        bool hasStatements = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();

        // Earlier blocks' types (the Quickstart's PodInfo), without their statements: one program per block.
        IEnumerable<SyntaxTree> earlier = all.Take(index).Select(s =>
        {
            CompilationUnitSyntax root = CSharpSyntaxTree.ParseText(s.Code, ParseOptions).GetCompilationUnitRoot();
            return CSharpSyntaxTree.Create(root.RemoveNodes(root.Members.OfType<GlobalStatementSyntax>(), SyntaxRemoveOptions.KeepNoTrivia)!, ParseOptions, $"{file}#{s.Index}");
        });

        CSharpCompilation compilation = CSharpCompilation.Create(
            "Snippet",
            [tree, .. earlier, CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, "ImplicitUsings.cs")],
            References.Value,
            new CSharpCompilationOptions(hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        CSharpGeneratorDriver.Create([new PodBindingGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(PodBindingGenerator).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        ImmutableArray<Diagnostic> diagnostics = await generated.WithAnalyzers(analyzers).GetAllDiagnosticsAsync();

        string[] problems = generatorDiagnostics.Concat(diagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id is not ("CS1701" or "CS1702"))
            .Select(d => Describe(d, snippet))
            .ToArray();
        Assert.True(problems.Length == 0, $"{file} line {snippet.FirstLine}: the snippet does not compile as written:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    private static string Describe(Diagnostic diagnostic, Snippet snippet)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string where = span.Path == $"{snippet.File}#{snippet.Index}" ? $"{snippet.File}:{snippet.FirstLine + span.StartLinePosition.Line}" : span.Path;
        return $"  {where}: {diagnostic.Id}: {diagnostic.GetMessage()}";
    }
}
