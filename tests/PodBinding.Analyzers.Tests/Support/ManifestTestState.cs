using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.Extensions.Configuration;

namespace PodBinding.Analyzers.Tests.Support;

/// <summary>
/// Analyzer and code-fix tests for the manifest analyzers (PB0202, PB0203, PB0300): the SDK's own net10.0 reference
/// pack (offline), PodBinding and Microsoft.Extensions.Configuration, a project folder of <see cref="ProjectDir"/>
/// given to the analyzers as <c>build_property.ProjectDir</c>, and YAML passed as AdditionalFiles under it.
/// </summary>
internal static class ManifestTestState
{
    public const string ProjectDir = "/src/Orders/";

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>The full path of a project file, e.g. <c>Path("deploy/base/deployment.yaml")</c>.</summary>
    public static string Path(string relative) => ProjectDir + relative;

    public static string GlobalConfig(string? manifestFolder = null) =>
        "is_global = true\nbuild_property.ProjectDir = " + ProjectDir + "\nbuild_property.PodBindingContainerName = orders\n"
        + (manifestFolder is null ? "" : "build_property.PodBindingManifestFolder = " + manifestFolder + "\n");

    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Analyzer<TAnalyzer>(string source, params (string Relative, string Yaml)[] yaml)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source };
        Configure(test.TestState, yaml);
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        test.SolutionTransforms.Add(EnableNullable);
        return test;
    }

    public static CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier> CodeFix<TAnalyzer, TFix>(string source, string fixedSource, params (string Relative, string Yaml)[] yaml)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier> { TestCode = source, FixedCode = fixedSource };
        Configure(test.TestState, yaml);
        test.FixedState.AdditionalReferences.AddRange(References);
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        test.SolutionTransforms.Add(EnableNullable);
        return test;
    }

    public static void Configure(SolutionState state, (string Relative, string Yaml)[] yaml, string? manifestFolder = null)
    {
        state.AdditionalReferences.AddRange(References);
        state.AnalyzerConfigFiles.Add(("/.globalconfig", GlobalConfig(manifestFolder)));
        foreach ((string relative, string text) in yaml)
        {
            state.AdditionalFiles.Add((Path(relative), text));
        }
    }

    /// <summary>Nullable on, as in every project of ours and most users' (so <c>string?</c> means what it says).</summary>
    private static Solution EnableNullable(Solution solution, ProjectId id) =>
        solution.WithProjectCompilationOptions(id, ((CSharpCompilationOptions)solution.GetProject(id)!.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // dotnet root = three folders above System.Private.CoreLib (shared/Microsoft.NETCore.App/<version>/).
        string dotnetRoot = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        string packs = System.IO.Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string newest = Directory.GetDirectories(packs)
            .Select(System.IO.Path.GetFileName)
            .Where(name => name is not null && name.StartsWith("10.", StringComparison.Ordinal) && Version.TryParse(name.Split('-')[0], out _))
            .OrderBy(name => Version.Parse(name!.Split('-')[0]))
            .LastOrDefault() ?? throw new InvalidOperationException($"No 10.x reference pack under {packs}");
        string[] dlls = Directory.GetFiles(System.IO.Path.Combine(packs, newest, "ref", "net10.0"), "*.dll");
        Array.Sort(dlls, StringComparer.Ordinal);
        return dlls
            .Append(typeof(FromDownwardAttribute).Assembly.Location)
            .Append(typeof(IConfiguration).Assembly.Location)                // Abstractions: IConfiguration, IConfigurationSection
            .Append(typeof(ConfigurationBinder).Assembly.Location)           // Binder: GetValue<T>
            .Append(typeof(ConfigurationBuilder).Assembly.Location)          // ConfigurationManager & co.
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
