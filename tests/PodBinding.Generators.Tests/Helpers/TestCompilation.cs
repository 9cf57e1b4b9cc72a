using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PodBinding.Generators.Tests.Helpers;

/// <summary>
/// Compilations the way a consumer project builds: C# 12, nullable on, the SDK's own net10.0 reference pack (offline,
/// no NuGet at test time) plus the PodBinding runtime.
/// </summary>
internal static class TestCompilation
{
    public const string AssemblyName = "Orders.Api";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpCompilation Create(params string[] sources) =>
        CSharpCompilation.Create(
            AssemblyName,
            sources.Select((source, i) => Parse(source, $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                deterministic: true,
                // The SDK's default NoWarn: the net8.0 runtime library unifies with the net10.0 reference pack.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    /// <summary>The same with PodBinding.Kubernetes referenced, as a project using <c>[FromApi]</c> builds.</summary>
    public static CSharpCompilation CreateWithKubernetes(params string[] sources) =>
        Create(sources).AddReferences(MetadataReference.CreateFromFile(KubernetesAssembly));

    /// <summary>PodBinding.Kubernetes.dll, built by the test project's reference.</summary>
    public static string KubernetesAssembly { get; } = typeof(TestCompilation).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "KubernetesAssembly").Value!;

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>Every error or warning in <paramref name="compilation"/> (user code and generated code alike), formatted.</summary>
    public static string[] ErrorsAndWarnings(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // dotnet root = three folders above System.Private.CoreLib (shared/Microsoft.NETCore.App/<version>/).
        string dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string? newest = Directory.GetDirectories(packs)
            .Select(Path.GetFileName)
            .Where(name => name is not null && name.StartsWith("10.", StringComparison.Ordinal) && Version.TryParse(name.Split('-')[0], out _))
            .OrderBy(name => Version.Parse(name!.Split('-')[0]))
            .LastOrDefault();
        if (newest is null)
        {
            throw new InvalidOperationException($"No 10.x reference pack under {packs}");
        }

        string refDir = Path.Combine(packs, newest, "ref", "net10.0");
        string[] dlls = Directory.GetFiles(refDir, "*.dll");
        Array.Sort(dlls, StringComparer.Ordinal);
        return dlls
            .Append(typeof(FromDownwardAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
