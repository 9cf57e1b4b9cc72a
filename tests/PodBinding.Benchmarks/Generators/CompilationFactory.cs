using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PodBinding.Benchmarks.Generators;

/// <summary>Builds the synthetic compilations in memory (no MSBuildWorkspace).</summary>
internal static class CompilationFactory
{
    public const int PlainFiles = 2_000;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        // The host's trusted platform assemblies: the framework plus this app's references (PodBinding.dll and
        // Microsoft.Extensions.Configuration.* included), so the attributes and IConfiguration bind.
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    /// <summary><see cref="PlainFiles"/> plain files plus <paramref name="count"/> files from <paramref name="special"/>.</summary>
    public static CSharpCompilation Create(int count, Func<int, string> special, string specialPrefix)
    {
        IEnumerable<SyntaxTree> trees = Enumerable.Range(0, PlainFiles)
            .Select(i => Parse(Synthetic.Plain(i), $"Plain{i}.cs"))
            .Concat(Enumerable.Range(0, count).Select(i => Parse(special(i), $"{specialPrefix}{i}.cs")));
        return CSharpCompilation.Create(
            "Bench",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    /// <summary>The compilation with the tree at <paramref name="path"/> replaced by <paramref name="text"/>.</summary>
    public static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single(tree => tree.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, Parse(text, path));
    }
}
