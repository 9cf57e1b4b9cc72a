using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PodBinding.Generators;

namespace PodBinding.Benchmarks.Analyzers;

/// <summary>
/// A synthetic project for the analyzer benchmark: <see cref="Files"/> C# files of which <see cref="BoundClasses"/> are
/// bound classes, plus <see cref="Manifests"/> YAML AdditionalFiles. The YAML is what PodBinding's analyzers care about:
/// Deployments that set env vars from labels, annotations and resources (some read raw in code → PB0202), downwardAPI
/// volumes (some mounted through subPath → PB0203), and the committed generated files of the first bound classes,
/// exactly as the generator writes them (compared by PB0300, none drifted). The generator's output is part of the
/// compilation, as in a real build.
/// </summary>
internal sealed class AnalyzerWorkload
{
    public const int Files = 2_000;
    public const int BoundClasses = 200;
    public const int Manifests = 50;
    private const int GeneratedManifests = 10; // of the 50: committed files under deploy/podbinding/
    private const string ProjectDir = "/bench/Orders/";

    private AnalyzerWorkload(CSharpCompilation compilation, AnalyzerOptions options, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Compilation = compilation;
        Options = options;
        Analyzers = analyzers;
    }

    /// <summary>The project after the generator ran (its sources included).</summary>
    public CSharpCompilation Compilation { get; }

    public AnalyzerOptions Options { get; }

    /// <summary>Every <see cref="DiagnosticAnalyzer"/> in the PodBinding.Generators assembly (found by reflection, so new ones count).</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public static AnalyzerWorkload Create()
    {
        ImmutableArray<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>(Files);
        for (int i = 0; i < Files; i++)
        {
            string source = i < BoundClasses ? BoundClass(i) : i % 20 == 0 ? RawReads(i) : Plain(i);
            trees.Add(CSharpSyntaxTree.ParseText(source, parse, ProjectDir + $"File{i}.cs", Encoding.UTF8));
        }

        var compilation = CSharpCompilation.Create("Orders", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true));
        var global = new ConfigOptions(new Dictionary<string, string>
        {
            ["build_property.ProjectDir"] = ProjectDir,
            ["build_property.PodBindingContainerName"] = "orders",
        });
        CSharpGeneratorDriver.Create([new PodBindingGenerator().AsSourceGenerator()], parseOptions: parse, optionsProvider: global)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _);

        var yaml = new List<AdditionalText>();
        for (int i = 0; i < Manifests - GeneratedManifests; i++)
        {
            yaml.Add(new Text(ProjectDir + $"deploy/apps/app{i}/deployment.yaml", Deployment(i)));
        }

        // The generator's own YAML for the first classes, read back from its AssemblyMetadata attributes.
        foreach ((string file, string content) in GeneratedYaml(generated).Take(GeneratedManifests))
        {
            yaml.Add(new Text(ProjectDir + "deploy/podbinding/" + file, content));
        }

        ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(PodBindingGenerator).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        return new AnalyzerWorkload((CSharpCompilation)generated, new AnalyzerOptions([.. yaml], global), analyzers);
    }

    private static IEnumerable<(string File, string Content)> GeneratedYaml(Compilation generated)
    {
        // Whole files and the classes' binding tables, expanded as the build task expands them.
        return PodBinding.Generators.Emit.ManifestExpansion.Expand(PodBinding.TestSupport.CompiledManifests.Read(generated)).Select(f => (f.Key, f.Value!));
    }

    private static string BoundClass(int i) => $$"""
        namespace Orders.Bound{{i % 10}};

        [PodBinding.DownwardBinding(WorkloadKind = PodBinding.WorkloadKind.Deployment, WorkloadName = "app{{i}}")]
        public partial class Pod{{i}}
        {
            [PodBinding.FromDownward("metadata.name")] public string Name { get; init; } = "";
            [PodBinding.FromDownward("metadata.labels['tier']")] public string? Tier { get; init; }
            [PodBinding.FromDownward("metadata.annotations")] public System.Collections.Generic.IReadOnlyDictionary<string, string> Annotations { get; init; } = null!;
            [PodBinding.FromDownward("limits.memory", Divisor = "1Mi")] public long MemoryMi { get; init; }
            public int Compute(int x) => x * {{i}} + Name.Length;
        }
        """;

    private static string Plain(int i) => $$"""
        namespace Orders.Plain{{i % 50}};

        public sealed class Plain{{i}}
        {
            private readonly System.Collections.Generic.List<int> _items = new();
            public int Add(int value) { _items.Add(value); return _items.Count + {{i}}; }
            public string Describe() => $"Plain{{i}} with {_items.Count} items";
            public int Sum() { int s = 0; foreach (int v in _items) { s += v; } return s; }
        }
        """;

    // Every 20th plain file reads env vars: some set from labels/resources in the manifests (PB0202), some not.
    private static string RawReads(int i) => $$"""
        namespace Orders.Plain{{i % 50}};

        public static class Reader{{i}}
        {
            public static string? Tier() => System.Environment.GetEnvironmentVariable("APP{{i % 40}}_TIER");
            public static string? Name() => System.Environment.GetEnvironmentVariable("APP{{i % 40}}_NAME");
            public static string? Memory() => System.Environment.GetEnvironmentVariable("APP{{i % 40}}_MEMORY");
            public static string? Other(string name) => System.Environment.GetEnvironmentVariable(name);
        }
        """;

    private static string Deployment(int i) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app{{i}}
          labels: {app: app{{i}}}
        spec:
          replicas: 2
          template:
            metadata:
              labels: {app: app{{i}}, tier: backend}
              annotations: {owner: team-{{i}}}
            spec:
              containers:
              - name: orders
                image: shop/app{{i}}:1.0
                env:
                - name: APP{{i}}_TIER
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.labels['tier']
                - name: APP{{i}}_NAME
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.name
                - name: APP{{i}}_MEMORY
                  valueFrom:
                    resourceFieldRef:
                      resource: limits.memory
                      divisor: 1Mi
                - name: GREETING
                  value: hello
                volumeMounts:
                - name: podinfo
                  mountPath: /etc/podinfo{{(i % 10 == 0 ? "\n        - name: podinfo\n          mountPath: /etc/labels\n          subPath: labels" : "")}}
                resources:
                  limits: {memory: 512Mi}
              volumes:
              - name: podinfo
                downwardAPI:
                  items:
                  - path: labels
                    fieldRef:
                      fieldPath: metadata.labels
        """;

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class ConfigOptions(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
