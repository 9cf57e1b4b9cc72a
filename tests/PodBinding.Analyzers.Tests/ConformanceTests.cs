using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PodBinding.Analyzers.Tests.Helpers;
using PodBinding.Generators;
using PodBinding.Generators.Catalog;

namespace PodBinding.Analyzers.Tests;

/// <summary>What Kubernetes does with a value (docs/kubernetes-downward-api.md): accepted, or rejected and by which layer.</summary>
public enum Kubernetes
{
    Accepts,
    ApiServerRejects,
    KubeletRejects,
}

/// <summary>
/// One attribute pushed through the analyzer. <paramref name="Expected"/> is the only PodBinding diagnostic the member
/// may get (null: none). <paramref name="Stricter"/> says why PodBinding deliberately rejects what Kubernetes accepts.
/// </summary>
/// <paramref name="Target"/> is the PodBindingKubernetesVersion of a version-dependent row (null: the default, 1.30), and
/// <paramref name="Gate"/> the <c>KubernetesVersions</c> fact the row tests on one side of.
public sealed record ConformanceCase(string Name, string Arguments, string Type, Kubernetes Kubernetes, string? Expected, string? Stricter = null, string? Target = null, string? Gate = null);

/// <summary>
/// A version-dependent choice the generator makes in the YAML (not a diagnostic), at one target: the API ambassador's
/// container list and kubectl image. <paramref name="Expected"/> are texts the ambassador patch must contain,
/// <paramref name="Absent"/> one it must not.
/// </summary>
public sealed record VersionRow(string Name, string Gate, string Target, string[] Expected, string? Absent = null);

/// <summary>
/// The table-driven conformance test: field paths (both channels), subscripts, resources, divisors, env var names and
/// item paths, each with Kubernetes' verdict (pkg/apis/core/validation/validation.go and the kubelet's validatePath). PodBinding's verdict (an error or not) must
/// match it, except in the rows marked stricter, where it must reject what Kubernetes would accept.
/// </summary>
public class ConformanceTests
{
    private const string Env = "Source = DownwardSource.Environment";
    private const string Vol = "Source = DownwardSource.Volume";
    private const string Map = "IReadOnlyDictionary<string, string>?";

    public static IReadOnlyList<ConformanceCase> Cases { get; } = BuildCases();

    public static TheoryData<string> Names { get; } = new(Cases.Select(c => c.Name));

    private static readonly Lazy<Dictionary<string, ImmutableArray<Diagnostic>>> Results = new(Analyze);

    [Theory]
    [MemberData(nameof(Names))]
    public void PodBinding_Agrees_With_Kubernetes(string name)
    {
        ConformanceCase c = Cases.Single(x => x.Name == name);
        ImmutableArray<Diagnostic> diagnostics = Results.Value[name];
        string[] ids = diagnostics.Select(d => d.Id).Distinct().ToArray();
        Assert.Equal(c.Expected is null ? Array.Empty<string>() : new[] { c.Expected }, ids);

        bool podBindingAccepts = !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        if (c.Stricter is null)
        {
            Assert.Equal(c.Kubernetes == Kubernetes.Accepts, podBindingAccepts);
        }
        else
        {
            // Deliberately stricter: Kubernetes accepts, PodBinding refuses (and says why in the row).
            Assert.Equal(Kubernetes.Accepts, c.Kubernetes);
            Assert.False(podBindingAccepts, c.Stricter);
        }
    }

    [Fact]
    public void Table_Covers_Every_Allow_List_Entry_In_Both_Channels()
    {
        string[] allowList =
        {
            "metadata.name", "metadata.namespace", "metadata.uid", "metadata.labels", "metadata.annotations",
            "metadata.labels['app']", "metadata.annotations['example.com/team']", "spec.nodeName", "spec.serviceAccountName",
            "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
        };
        foreach (string path in allowList)
        {
            Assert.Contains(Cases, c => c.Name == $"env {path}");
            Assert.Contains(Cases, c => c.Name == $"volume {path}");
        }
    }

    private static IReadOnlyList<ConformanceCase> BuildCases()
    {
        var cases = new List<ConformanceCase>();
        void Add(string name, string arguments, string type, Kubernetes k8s, string? expected, string? stricter = null) =>
            cases.Add(new ConformanceCase(name, arguments, type, k8s, expected, stricter));

        // The allow-lists (validEnvDownwardAPIFieldPathExpressions, validVolumeDownwardAPIFieldPathExpressions): (path, type, env?, volume?, what env says when legal).
        (string Path, string Type, bool Env, bool Volume, string? EnvNote)[] fields =
        {
            ("metadata.name", "string?", true, true, null),
            ("metadata.namespace", "string?", true, true, null),
            ("metadata.uid", "Guid", true, true, null),
            ("metadata.labels", Map, false, true, null),
            ("metadata.annotations", Map, false, true, null),
            ("metadata.labels['app']", "string?", true, true, "PB0200"), // legal, but an env var is set once at container start
            ("metadata.annotations['example.com/team']", "string?", true, true, "PB0200"),
            ("spec.nodeName", "string?", true, false, null),
            ("spec.serviceAccountName", "string?", true, false, null),
            ("status.hostIP", "IPAddress?", true, false, null),
            ("status.hostIPs", "IReadOnlyList<IPAddress>?", true, false, null),
            ("status.podIP", "IPAddress?", true, false, null),
            ("status.podIPs", "IReadOnlyList<IPAddress>?", true, false, null),
        };
        foreach (var f in fields)
        {
            Add($"env {f.Path}", $"{Lit(f.Path)}, {Env}", f.Type, f.Env ? Kubernetes.Accepts : Kubernetes.ApiServerRejects, f.Env ? f.EnvNote : "PB0002");
            Add($"volume {f.Path}", $"{Lit(f.Path)}, {Vol}", f.Type, f.Volume ? Kubernetes.Accepts : Kubernetes.ApiServerRejects, f.Volume ? null : "PB0002");
        }

        // validateObjectFieldSelector: spec.host is an env-only alias of spec.nodeName; PodBinding asks for the real name.
        Add("env spec.host", $"{Lit("spec.host")}, {Env}", "string?", Kubernetes.Accepts, "PB0001",
            stricter: "spec.host is a legacy alias: PodBinding asks for spec.nodeName, which means the same and works everywhere");
        Add("volume spec.host", $"{Lit("spec.host")}, {Vol}", "string?", Kubernetes.ApiServerRejects, "PB0001");
        foreach (string path in new[] { "status.phase", "spec.restartPolicy", "spec.schedulerName", "spec.terminationGracePeriodSeconds",
                     "metadata.ownerReferences", "metadata.generateName", "metadata.creationTimestamp", "metadata.Name", "" })
        {
            Add($"path '{path}'", Lit(path), "string?", Kubernetes.ApiServerRejects, "PB0001");
        }

        // Subscripts (fieldpath.SplitMaybeSubscriptedPath, IsQualifiedName) (Auto: the volume, legal for both labels and annotations).
        (string Path, Kubernetes K8s, string? Id)[] subscripts =
        {
            ("metadata.labels['a']b']", Kubernetes.ApiServerRejects, "PB0003"),
            ("metadata.labels[ 'k' ]", Kubernetes.ApiServerRejects, "PB0001"),
            ("['k']", Kubernetes.ApiServerRejects, "PB0001"),
            ("metadata.labels[\"k\"]", Kubernetes.ApiServerRejects, "PB0001"),
            ("metadata.labels[k]", Kubernetes.ApiServerRejects, "PB0001"),
            ("metadata.labels['k']x", Kubernetes.ApiServerRejects, "PB0001"),
            ("metadata.labels['']", Kubernetes.ApiServerRejects, "PB0003"),
            ("metadata.name['x']", Kubernetes.ApiServerRejects, "PB0003"),
            ("spec.nodeName['x']", Kubernetes.ApiServerRejects, "PB0003"),
            ("status.podIPs['0']", Kubernetes.ApiServerRejects, "PB0003"),
            ("metadata.labels['Www.k8s.io/test']", Kubernetes.ApiServerRejects, "PB0003"),
            ("metadata.labels['myKey']", Kubernetes.Accepts, null),
            ("metadata.labels['test.example.com/key']", Kubernetes.Accepts, null),
            ("metadata.annotations['TEST.EXAMPLE.COM/key']", Kubernetes.Accepts, null),
            ("metadata.annotations['invalid~key']", Kubernetes.ApiServerRejects, "PB0003"),
            ("metadata.annotations['spec.pod.beta.kubernetes.io/statefulset-index']", Kubernetes.Accepts, null),
            ("metadata.labels['topology.kubernetes.io/zone']", Kubernetes.Accepts, null),
            ("metadata.labels['a/b/c']", Kubernetes.ApiServerRejects, "PB0003"),
            ("metadata.labels['/k']", Kubernetes.ApiServerRejects, "PB0003"),
            ("metadata.labels['-k']", Kubernetes.ApiServerRejects, "PB0003"),
            ($"metadata.labels['{new string('k', 63)}']", Kubernetes.Accepts, null),
            ($"metadata.labels['{new string('k', 64)}']", Kubernetes.ApiServerRejects, "PB0003"),
        };
        foreach (var s in subscripts)
        {
            Add($"subscript {s.Path}", Lit(s.Path), "string?", s.K8s, s.Id);
        }

        // Resource names (validateContainerResourceFieldSelector) (through the volume, container named on the class).
        foreach (string resource in new[] { "limits.cpu", "requests.cpu", "limits.memory", "requests.memory", "limits.ephemeral-storage",
                     "requests.ephemeral-storage", "limits.hugepages-2Mi", "requests.hugepages-1Gi" })
        {
            Add($"resource {resource}", $"{Lit(resource)}, {Vol}", "long", Kubernetes.Accepts, null);
        }

        foreach (string resource in new[] { "limits.hugepages-", "limits.hugepages-foo", "limits.hugepages-2mi" })
        {
            Add($"resource {resource}", $"{Lit(resource)}, {Vol}", "long", Kubernetes.Accepts, "PB0004",
                stricter: "the API checks only the hugepages- prefix (validateContainerResourceFieldSelector); such a resource always reads 0, so PodBinding asks for a real page size");
        }

        foreach (string resource in new[] { "limits.CPU", "Limits.cpu", "cpu", "limits.cpu ", "limits.nvidia.com/gpu", "limits.pods", "requests.storage" })
        {
            Add($"resource '{resource}'", $"{Lit(resource)}, {Vol}", "long", Kubernetes.ApiServerRejects, "PB0001");
        }

        // cpu and memory in env are legal but stale after an in-place resize (Info).
        Add("env resource requests.cpu", $"{Lit("requests.cpu")}, {Env}, Divisor = \"1m\"", "int", Kubernetes.Accepts, "PB0201");
        Add("env resource limits.memory", $"{Lit("limits.memory")}, {Env}, Divisor = \"1Mi\"", "long", Kubernetes.Accepts, "PB0201");
        Add("env resource limits.ephemeral-storage", $"{Lit("limits.ephemeral-storage")}, {Env}", "long", Kubernetes.Accepts, null);

        // Divisors (validateContainerResourceDivisor): accepted when the canonical string is allowed; non-canonical spellings warn (PB0006).
        (string Resource, string Divisor, Kubernetes K8s, string? Id)[] divisors =
        {
            ("limits.cpu", "1", Kubernetes.Accepts, null),
            ("limits.cpu", "1m", Kubernetes.Accepts, null),
            ("limits.cpu", "1000m", Kubernetes.Accepts, "PB0006"),
            ("limits.cpu", "0.001", Kubernetes.Accepts, "PB0006"),
            ("limits.cpu", "1.0", Kubernetes.Accepts, "PB0006"),
            ("limits.cpu", "0", Kubernetes.Accepts, "PB0006"), // zero means unset, i.e. 1
            ("limits.memory", "1000", Kubernetes.Accepts, "PB0006"),
            ("limits.memory", "1024Ki", Kubernetes.Accepts, "PB0006"),
            ("limits.memory", "1Mi", Kubernetes.Accepts, null),
            ("limits.memory", "1k", Kubernetes.Accepts, null),
            ("limits.memory", "1Ei", Kubernetes.Accepts, null),
            ("limits.hugepages-2Mi", "1Mi", Kubernetes.Accepts, null),
            ("limits.memory", "1e3", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.cpu", "1e3", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.memory", "1024", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.memory", "0.5Ki", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.cpu", "10m", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.cpu", "100m", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.cpu", "250m", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.cpu", "2", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.cpu", "+1", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.cpu", "01", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.cpu", "1Mi", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.memory", "1m", Kubernetes.ApiServerRejects, "PB0005"),
            ("limits.memory", "1 Mi", Kubernetes.ApiServerRejects, "PB0005"),
        };
        foreach (var d in divisors)
        {
            Add($"divisor {d.Divisor} for {d.Resource}", $"{Lit(d.Resource)}, {Vol}, Divisor = {Lit(d.Divisor)}", "long", d.K8s, d.Id);
        }

        // Env var names (validateEnvVarName). Relaxed names depend on the target: the API server of 1.31 rejects them (gate off by
        // default), 1.34's accepts them (GA); PB0011 then only warns that a POSIX shell cannot read them.
        foreach (string name in new[] { "MY_VAR", "a.b-c", ".a", "_", "-", "POD_NAME2" })
        {
            Add($"env var '{name}'", $"{Lit("metadata.name")}, EnvVar = {Lit(name)}", "string?", Kubernetes.Accepts, null);
        }

        // 1.31: below the on-by-default release (1.32); 1.32: at it; 1.34: GA.
        const string relaxed = nameof(KubernetesVersions.RelaxedEnvVarNames);
        foreach (string name in new[] { "1abc", "..a", ".", "a b", "* +,-./0123456789", "0 a", "a:b" })
        {
            cases.Add(new ConformanceCase($"relaxed env var '{name}' at 1.31", $"{Lit("metadata.name")}, EnvVar = {Lit(name)}", "string?", Kubernetes.ApiServerRejects, "PB0010", Target: "1.31", Gate: relaxed));
            cases.Add(new ConformanceCase($"relaxed env var '{name}' at 1.32", $"{Lit("metadata.name")}, EnvVar = {Lit(name)}", "string?", Kubernetes.Accepts, "PB0011", Target: "1.32", Gate: relaxed));
            cases.Add(new ConformanceCase($"relaxed env var '{name}' at 1.34", $"{Lit("metadata.name")}, EnvVar = {Lit(name)}", "string?", Kubernetes.Accepts, "PB0011", Target: "1.34", Gate: relaxed));
        }

        // In-place resize (on by default from 1.33) is deliberately not a gate: cpu and memory read at container start are
        // reported at every target (a cluster is upgraded under a running app), so both sides give the same verdict.
        const string resize = nameof(KubernetesVersions.InPlaceResize);
        foreach (string target in new[] { "1.32", "1.33" })
        {
            cases.Add(new ConformanceCase($"env resource limits.memory at {target} (resize not gated)", $"{Lit("limits.memory")}, {Env}, Divisor = \"1Mi\"", "long", Kubernetes.Accepts, "PB0201", Target: target, Gate: resize));
            cases.Add(new ConformanceCase($"env resource requests.cpu at {target} (resize not gated)", $"{Lit("requests.cpu")}, {Env}, Divisor = \"1m\"", "int", Kubernetes.Accepts, "PB0201", Target: target, Gate: resize));
        }

        foreach (string name in new[] { "a=b", "=abc", "a=", "café", "a\tb", "a\u007fb", "" })
        {
            Add($"invalid env var '{name}'", $"{Lit("metadata.name")}, EnvVar = {Lit(name)}", "string?", Kubernetes.ApiServerRejects, "PB0010");
        }

        // Item paths: validateDownwardAPIVolumeFile (API server) and validatePath in pkg/volume/util/atomic_writer.go (kubelet).
        foreach (string path in new[] { "a", "a/b", "a\\..\\b", "a/..b", "a..b", ".hidden", "path/with/leading/..dotdot", "./a", "a//b", "a/", "a/.", new string('x', 255) })
        {
            Add($"item path '{Short(path)}'", $"{Lit("metadata.name")}, File = {Lit(path)}", "string?", Kubernetes.Accepts, null);
        }

        foreach (string path in new[] { "/abs", "../x", "a/../b", "..", "..data", "..badFileName", "..badDirName/goodFileName", "" })
        {
            Add($"item path '{path}'", $"{Lit("metadata.name")}, File = {Lit(path)}", "string?", Kubernetes.ApiServerRejects, "PB0014");
        }

        string longPath = string.Join("/", Enumerable.Repeat(new string('x', 200), 21));
        foreach (string path in new[] { ".", "./", new string('x', 256), longPath })
        {
            Add($"item path '{Short(path)}' ({path.Length})", $"{Lit("metadata.name")}, File = {Lit(path)}", "string?", Kubernetes.KubeletRejects, "PB0014");
        }

        return cases;
    }

    /// <summary>
    /// The generated YAML's version-dependent choices, one row below and one at or above each version. Native sidecars:
    /// below 1.29 the SidecarContainers gate is off by default and the API server drops an init container's
    /// <c>restartPolicy</c>, so a proxy that never exits would hold the pod in Init: a regular container instead. kubectl:
    /// one minor above the target (kubectl is supported within one minor of the API server), never below the first
    /// published image (1.28), which is still one minor above a 1.27 target.
    /// </summary>
    public static IReadOnlyList<VersionRow> VersionRows { get; } = new[]
    {
        new VersionRow("native sidecars at 1.28", nameof(KubernetesVersions.NativeSidecars), "1.28", ["      containers:\n      - name: kube-api-ambassador\n"], Absent: "restartPolicy: Always"),
        new VersionRow("native sidecars at 1.29", nameof(KubernetesVersions.NativeSidecars), "1.29", ["      initContainers:\n      - name: kube-api-ambassador\n", "restartPolicy: Always"]),
        new VersionRow("kubectl image at 1.27", nameof(KubernetesVersions.FirstKubectlImage), "1.27", ["image: \"registry.k8s.io/kubectl:v1.28.0\""]),
        new VersionRow("kubectl image at 1.28", nameof(KubernetesVersions.FirstKubectlImage), "1.28", ["image: \"registry.k8s.io/kubectl:v1.29.0\""]),
        new VersionRow("kubectl image at 1.33", nameof(KubernetesVersions.FirstKubectlImage), "1.33", ["image: \"registry.k8s.io/kubectl:v1.34.3\""]),
    };

    public static TheoryData<string> VersionRowNames { get; } = new(VersionRows.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(VersionRowNames))]
    public void The_generated_yaml_follows_the_target(string name)
    {
        VersionRow row = VersionRows.Single(r => r.Name == name);
        string patch = AmbassadorPatch(row.Target);
        foreach (string expected in row.Expected)
        {
            Assert.Contains(expected, patch, StringComparison.Ordinal);
        }

        if (row.Absent is not null)
        {
            Assert.DoesNotContain(row.Absent, patch, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The catalog's versions that no rule reads as a gate, each with why. Any other <c>KubernetesVersion</c> in
    /// <c>KubernetesVersions</c> is a gate and must have rows on both sides of it, so a new version-dependent rule
    /// cannot land without conformance rows.
    /// </summary>
    private static readonly Dictionary<string, string> NotGates = new(StringComparer.Ordinal)
    {
        [nameof(KubernetesVersions.Default)] = "the target when the project sets none, not a feature",
        [nameof(KubernetesVersions.NativeSidecarsGA)] = "named in docs and messages; the rule uses the on-by-default release",
        [nameof(KubernetesVersions.RelaxedEnvVarNamesGA)] = "named in PB0010's message; the rule uses the on-by-default release",
        [nameof(KubernetesVersions.SelfSubjectReviewGA)] = "runtime only (KubernetesConnection.WhoAmIAsync): no build-time rule reads it",
    };

    [Fact]
    public void Every_version_a_rule_reads_has_rows_below_and_at_or_above_it()
    {
        var versions = typeof(KubernetesVersions).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(KubernetesVersion))
            .ToDictionary(f => f.Name, f => (KubernetesVersion)f.GetValue(null)!, StringComparer.Ordinal);
        Assert.All(NotGates.Keys, name => Assert.Contains(name, versions.Keys));

        var targets = Cases.Where(c => c.Gate is not null).Select(c => (c.Gate!, c.Target!))
            .Concat(VersionRows.Select(r => (r.Gate, r.Target)))
            .ToList();
        foreach ((string gate, KubernetesVersion version) in versions.Where(v => !NotGates.ContainsKey(v.Key)))
        {
            KubernetesVersion[] rows = targets.Where(t => t.Item1 == gate).Select(t => Parse(t.Item2)).ToArray();
            Assert.True(rows.Any(t => !t.AtLeast(version)), $"{gate} ({version}) has no conformance row below it");
            Assert.True(rows.Any(t => t.AtLeast(version)), $"{gate} ({version}) has no conformance row at or above it");
        }

        // Not gated on purpose: the rows on either side of in-place resize must agree.
        ConformanceCase[] resize = Cases.Where(c => c.Gate == nameof(KubernetesVersions.InPlaceResize)).ToArray();
        Assert.All(resize, c => Assert.Equal("PB0201", c.Expected));
    }

    private static KubernetesVersion Parse(string target) =>
        KubernetesVersions.TryParse(target, out KubernetesVersion version) ? version : throw new InvalidOperationException($"Bad target {target}");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Patches = new(StringComparer.Ordinal);

    /// <summary>Runs the generator on a class with the ambassador mode at <paramref name="target"/>; the ambassador's patch YAML.</summary>
    private static string AmbassadorPatch(string target) => Patches.GetOrAdd(target, static t =>
    {
        CSharpCompilation compilation = AnalyzerRunner.Compile([("/cases/Api.cs", """
            using PodBinding;
            namespace Conformance;
            [DownwardBinding(ContainerName = "app", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "app")]
            [KubernetesApi(KubernetesApiMode.Ambassador)]
            public partial class ApiPod
            {
                [FromDownward("metadata.name")] public required string Name { get; init; }
            }
            """)]);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new PodBindingGenerator().AsSourceGenerator()],
            parseOptions: AnalyzerRunner.ParseOptions,
            optionsProvider: AnalyzerRunner.WithProperties(new Dictionary<string, string> { ["PodBindingKubernetesVersion"] = t }).AnalyzerConfigOptionsProvider);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        foreach (AttributeData attribute in output.Assembly.GetAttributes())
        {
            if (attribute.ConstructorArguments is [{ Value: string key }, { Value: string value }]
                && key == PodBinding.Shared.ManifestContract.KeyPrefix + "kubernetes-api/ambassador/api-pod.patch.yaml")
            {
                return value;
            }
        }

        throw new InvalidOperationException("The generator wrote no ambassador patch for target " + t);
    });

    private static string Lit(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Short(string value) => value.Length > 40 ? value.Substring(0, 20) + "…" : value;

    /// <summary>One class per case (own container and volume, so no cross-class clash), one file each, one analyzer run per target.</summary>
    private static Dictionary<string, ImmutableArray<Diagnostic>> Analyze()
    {
        var results = new Dictionary<string, ImmutableArray<Diagnostic>>(StringComparer.Ordinal);
        foreach (IGrouping<string?, ConformanceCase> target in Cases.GroupBy(c => c.Target))
        {
            foreach (KeyValuePair<string, ImmutableArray<Diagnostic>> result in Analyze(target.ToList(), target.Key))
            {
                results.Add(result.Key, result.Value);
            }
        }

        return results;
    }

    private static Dictionary<string, ImmutableArray<Diagnostic>> Analyze(List<ConformanceCase> cases, string? target)
    {
        var files = cases.Select((c, i) => ($"/cases/Case{i}.cs", $$"""
            using System; using System.Collections.Generic; using System.Net; using PodBinding;
            namespace Conformance;
            [DownwardBinding(ContainerName = "c{{i}}", VolumeName = "v{{i}}")]
            public partial class Case{{i}}
            {
                [FromDownward({{c.Arguments}})] public {{c.Type}} Value { get; init; }
            }
            """)).ToArray();
        ImmutableArray<Diagnostic> all = AnalyzerRunner.Run(
            AnalyzerRunner.Compile(files),
            target is null ? null : AnalyzerRunner.WithProperties(new Dictionary<string, string> { ["PodBindingKubernetesVersion"] = target }));

        // A case that does not compile (or crashes the analyzer) would pass as "rejected": refuse that here.
        Diagnostic[] broken = all.Where(d => d.Id == "AD0001" || (!d.Id.StartsWith("PB", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning)).ToArray();
        Assert.True(broken.Length == 0, string.Join(Environment.NewLine, broken.Select(d => d.ToString())));

        return cases.Select((c, i) => (c.Name, Path: $"/cases/Case{i}.cs"))
            .ToDictionary(x => x.Name, x => all.Where(d => d.Id.StartsWith("PB", StringComparison.Ordinal) && d.Location.SourceTree?.FilePath == x.Path).ToImmutableArray());
    }
}
