using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests.Helpers;

/// <summary>Runs <see cref="BindingAnalyzer"/> over plain compilations, for tables and corpora too big for one test each.</summary>
internal static class AnalyzerRunner
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    public static CSharpCompilation Compile(IEnumerable<(string Path, string Source)> files) =>
        CSharpCompilation.Create(
            "Conformance.App",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, ParseOptions, f.Path)),
            References.All,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                    ["PB0302"] = ReportDiagnostic.Suppress, // tables and corpora without YAML on purpose
                }));

    /// <summary>Analyzer options whose global config sets MSBuild properties, as CompilerVisibleProperty items do.</summary>
    public static AnalyzerOptions WithProperties(IReadOnlyDictionary<string, string> properties) =>
        new(ImmutableArray<AdditionalText>.Empty, new GlobalProperties(properties));

    private sealed class GlobalProperties : AnalyzerConfigOptionsProvider
    {
        private readonly Values _global;

        public GlobalProperties(IReadOnlyDictionary<string, string> properties) =>
            _global = new Values(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value, StringComparer.Ordinal));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Values.None;

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Values None = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }

    /// <summary>Every diagnostic (compiler and analyzer), with analyzer exceptions reported as AD0001 instead of thrown.</summary>
    public static ImmutableArray<Diagnostic> Run(Compilation compilation, AnalyzerOptions? options = null)
    {
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new BindingAnalyzer()),
            new CompilationWithAnalyzersOptions(
                options ?? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));
        return withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
    }
}
