using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PodBinding.Generators.Tests.Helpers;

/// <summary>Runs <see cref="PodBindingGenerator"/> with step tracking on, and checks that its output compiles cleanly.</summary>
internal static class GeneratorRunner
{
    public static readonly GeneratorDriverOptions Tracking =
        new(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true);

    /// <param name="msbuild">MSBuild properties the generator sees (<c>build_property.&lt;name&gt;</c>), as the package's CompilerVisibleProperty items pass them.</param>
    public static GeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? msbuild = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new PodBindingGenerator().AsSourceGenerator() },
            parseOptions: TestCompilation.ParseOptions,
            optionsProvider: msbuild is null ? null : new MsBuildProperties(msbuild),
            driverOptions: Tracking);

    /// <summary>Runs the generator once on <paramref name="compilation"/> and asserts the result compiles without errors or warnings.</summary>
    public static GeneratorOutput Run(CSharpCompilation compilation, IReadOnlyDictionary<string, string>? msbuild = null)
    {
        GeneratorDriver driver = CreateDriver(msbuild).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.Empty(diagnostics);
        string[] problems = TestCompilation.ErrorsAndWarnings(output);
        Assert.True(problems.Length == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", problems));
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return new GeneratorOutput(driver, output, result);
    }

    public static GeneratorOutput Run(params string[] sources) => Run(TestCompilation.Create(sources));

    /// <summary>With the target Kubernetes version set, as <c>PodBindingKubernetesVersion</c> in the project file would.</summary>
    public static GeneratorOutput RunForTarget(string kubernetesVersion, params string[] sources) =>
        Run(TestCompilation.Create(sources), new Dictionary<string, string> { ["PodBindingKubernetesVersion"] = kubernetesVersion });

    private sealed class MsBuildProperties : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public MsBuildProperties(IReadOnlyDictionary<string, string> properties) =>
            _global = new Options(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value, StringComparer.Ordinal));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options None = new(new Dictionary<string, string>());

            private readonly Dictionary<string, string> _values;

            public Options(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }
}

internal sealed record GeneratorOutput(GeneratorDriver Driver, Compilation Compilation, GeneratorRunResult Result)
{
    /// <summary>Hint name → generated text.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>File name → YAML, decoded from the output compilation's manifest attributes and table constants.</summary>
    public IReadOnlyDictionary<string, string> Manifests => ManifestReader.Read(Compilation);

    public string Source(string hintName) =>
        Sources.TryGetValue(hintName, out string? text)
            ? text
            : throw new Xunit.Sdk.XunitException($"No generated source '{hintName}'; have: {string.Join(", ", Sources.Keys)}");

    public string Manifest(string file) =>
        Manifests.TryGetValue(file, out string? text)
            ? text
            : throw new Xunit.Sdk.XunitException($"No generated manifest '{file}'; have: {string.Join(", ", Manifests.Keys)}");
}

/// <summary>Reads the YAML back out of a compilation the way the build task reads it out of the assembly.</summary>
internal static class ManifestReader
{
    public const string Prefix = "PodBinding.Manifest:";

    public static IReadOnlyDictionary<string, string> Read(Compilation compilation)
    {
        // Whole files and the classes' binding tables, expanded by the code the build task runs.
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string?> file in PodBinding.Generators.Emit.ManifestExpansion.Expand(PodBinding.TestSupport.CompiledManifests.Read(compilation)))
        {
            Assert.False(files.ContainsKey(file.Key), $"Manifest '{file.Key}' is emitted twice");
            files.Add(file.Key, file.Value!);
        }

        return files;
    }
}
