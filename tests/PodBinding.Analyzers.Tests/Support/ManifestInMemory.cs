using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace PodBinding.Analyzers.Tests.Support;

/// <summary>An AdditionalFile held in memory, for analyzer runs outside Microsoft.CodeAnalysis.Testing.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Global analyzer options with <c>build_property.ProjectDir</c> (and any extra properties) set.</summary>
internal sealed class GlobalOptionsProvider(string projectDirectory, IReadOnlyDictionary<string, string>? extra = null) : AnalyzerConfigOptionsProvider
{
    private readonly Options _global = new(new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
    {
        ["build_property.ProjectDir"] = projectDirectory,
        ["build_property.PodBindingContainerName"] = "orders",
    });

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new([]);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
