using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests.Helpers;

/// <summary>The analyzer over C# 12 with nullable on, the way a consumer project compiles.</summary>
internal sealed class AnalyzerTest : CSharpAnalyzerTest<BindingAnalyzer, DefaultVerifier>
{
    public AnalyzerTest(string source)
    {
        TestCode = source;
        ReferenceAssemblies = References.Net10;
        TestState.AdditionalReferences.AddRange(References.All);
        SolutionTransforms.Add(Configure.Project);
    }

    protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.CSharp12);
}

/// <summary>The analyzer and one code fix.</summary>
internal sealed class FixTest<TFix> : CSharpCodeFixTest<BindingAnalyzer, TFix, DefaultVerifier>
    where TFix : CodeFixProvider, new()
{
    public FixTest(string source, string fixedSource)
    {
        TestCode = source;
        FixedCode = fixedSource;
        ReferenceAssemblies = References.Net10;
        TestState.AdditionalReferences.AddRange(References.All);
        FixedState.AdditionalReferences.AddRange(References.All);
        SolutionTransforms.Add(Configure.Project);
    }

    public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.CSharp12;

    protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion);
}

internal static class Configure
{
    public static Solution Project(Solution solution, ProjectId projectId)
    {
        var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
        return solution.WithProjectCompilationOptions(projectId, options
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions
                .SetItem("CS1701", ReportDiagnostic.Suppress)
                .SetItem("CS1702", ReportDiagnostic.Suppress)
                // These tests give no YAML on purpose; PB0302 (none found) has its own tests with the manifest harness.
                .SetItem("PB0302", ReportDiagnostic.Suppress)));
    }
}
