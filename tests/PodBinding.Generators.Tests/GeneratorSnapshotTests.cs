using System.Runtime.CompilerServices;
using PodBinding.Generators.Tests.Helpers;

namespace PodBinding.Generators.Tests;

/// <summary>
/// The generated loader and every YAML file, compared with reviewed snapshots. Each case also runs the generator a
/// second time on a fresh compilation and demands identical text, and (in the runner) that the output compiles cleanly.
/// </summary>
public sealed class GeneratorSnapshotTests
{
    [Fact]
    public void IssueExample() =>
        Verify(Sources.IssueExample,
            loaders: new[] { "Shop.Api.PodInfo" },
            manifests: new[] { "pod-info.yaml" });

    [Fact]
    public void OrdersDeployment() =>
        Verify(Sources.OrdersDeployment,
            loaders: new[] { "OrdersService.PodInfo" },
            manifests: new[] { "deployment-orders.volumes.patch.yaml", "kustomization.yaml", "pod-info.patch.yaml", "pod-info.yaml" });

    [Fact]
    public void CronJob() =>
        Verify(Sources.ReportCronJob,
            loaders: new[] { "Orders.Reports.ReportPod" },
            manifests: new[] { "cronjob-nightly-report.volumes.patch.yaml", "kustomization.yaml", "report-pod.patch.yaml", "report-pod.yaml" });

    [Fact]
    public void Pod() =>
        Verify(Sources.DebugPod,
            loaders: new[] { "Orders.Tools.DebugPodInfo" },
            manifests: new[] { "debug-pod-info.patch.yaml", "debug-pod-info.yaml", "kustomization.yaml", "pod-orders-debug.volumes.patch.yaml" });

    [Fact]
    public void GlobalNamespace() =>
        Verify(Sources.GlobalNamespace,
            loaders: new[] { "GlobalPod" },
            manifests: new[] { "global-pod.yaml" });

    [Fact]
    public void Overrides() =>
        Verify(Sources.Overrides,
            loaders: new[] { "Orders.Overrides.TunedPod" },
            manifests: new[] { "kustomization.yaml", "statefulset-orders-db.volumes.patch.yaml", "tuned-pod.patch.yaml", "tuned-pod.yaml" });

    [Fact]
    public void Optional() =>
        Verify(Sources.Optional,
            loaders: new[] { "Orders.Optional.OptionalPod" },
            manifests: new[] { "daemonset-orders-agent.volumes.patch.yaml", "kustomization.yaml", "optional-pod.patch.yaml", "optional-pod.yaml" });

    [Fact]
    public void AllSkipped() =>
        Verify(Sources.AllSkipped,
            loaders: new[] { "Orders.Broken.BrokenPod" },
            manifests: new[] { "broken-pod.patch.yaml", "broken-pod.yaml", "kustomization.yaml" });

    /// <summary>Default target (1.30): native sidecars, kubectl one minor above the target.</summary>
    [Fact]
    public void ApiModes() =>
        Verify(Sources.ApiModes,
            loaders: new[] { "Shop.Catalog.CatalogPod" },
            manifests: new[]
            {
                "catalog-pod.patch.yaml", "catalog-pod.yaml", "deployment-catalog.volumes.patch.yaml", "kubernetes-api/ambassador-unix-socket/catalog-pod.patch.yaml",
                "kubernetes-api/ambassador-unix-socket/catalog-pod.service-account.yaml", "kubernetes-api/ambassador-unix-socket/kustomization.yaml",
                "kubernetes-api/ambassador/catalog-pod.patch.yaml", "kubernetes-api/ambassador/catalog-pod.service-account.yaml",
                "kubernetes-api/ambassador/kustomization.yaml", "kubernetes-api/in-cluster/catalog-pod.patch.yaml",
                "kubernetes-api/in-cluster/catalog-pod.service-account.yaml", "kubernetes-api/in-cluster/kustomization.yaml", "kustomization.yaml",
            });

    /// <summary>A 1.28 target predates native sidecars by default: the ambassador is a regular container, kubectl 1.29.</summary>
    [Fact]
    public void ApiModes_Target128() =>
        Verify(Sources.ApiStatefulSet,
            loaders: new[] { "Shop.Ledger.LedgerPod" },
            manifests: new[]
            {
                "kubernetes-api/ambassador-unix-socket/kustomization.yaml", "kubernetes-api/ambassador-unix-socket/ledger-pod.patch.yaml",
                "kubernetes-api/ambassador-unix-socket/ledger-pod.service-account.yaml", "kustomization.yaml", "ledger-pod.patch.yaml", "ledger-pod.yaml",
            },
            kubernetesVersion: "1.28");

    [Fact]
    public void AllSkipped_ReasonsAppearInCSharpAndYaml()
    {
        GeneratorOutput output = GeneratorRunner.Run(Sources.AllSkipped);
        string loader = output.Source("Orders.Broken.BrokenPod.PodBinding.g.cs");
        string fragment = output.Manifest("broken-pod.yaml");
        string patch = output.Manifest("broken-pod.patch.yaml");
        string[] members =
        {
            "NoSetter", "UnsupportedType", "WrongType", "Phase", "NodeInVolume", "AnnotationsInEnv", "BadDivisor",
            "DivisorOnField", "BadLabelKey", "BadFile", "BadEnvVar", "NoPageSize",
        };

        var reasons = new HashSet<string>(StringComparer.Ordinal);
        foreach (string member in members)
        {
            string cs = Assert.Single(loader.Split('\n'), l => l.TrimStart().StartsWith($"// PodBinding skipped '{member}' (PB", StringComparison.Ordinal));
            string idAndReason = cs.Substring(cs.IndexOf("' (PB", StringComparison.Ordinal) + 2); // "(PB0103): reason"
            Assert.True(reasons.Add(idAndReason), $"Two members share the reason '{idAndReason}'");
            Assert.Contains($"# Skipped {member} {idAndReason}\n", fragment, StringComparison.Ordinal);
            Assert.Contains($"# Skipped {member} {idAndReason}\n", patch, StringComparison.Ordinal);
        }

        // Nothing was bound, so no member is read and no env var or volume is written.
        Assert.DoesNotContain("reader.Get", loader, StringComparison.Ordinal);
        Assert.DoesNotContain("valueFrom", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("volumes", fragment, StringComparison.Ordinal);
    }

    private static void Verify(string source, string[] loaders, string[] manifests, string? kubernetesVersion = null, [CallerMemberName] string test = "")
    {
        GeneratorOutput first = kubernetesVersion is null ? GeneratorRunner.Run(source) : GeneratorRunner.RunForTarget(kubernetesVersion, source);
        GeneratorOutput second = kubernetesVersion is null ? GeneratorRunner.Run(source) : GeneratorRunner.RunForTarget(kubernetesVersion, source);

        // Determinism: a second run on a fresh compilation gives the same hint names and the same text.
        Assert.Equal(first.Sources, second.Sources);
        Assert.Equal(first.Manifests, second.Manifests);

        // A class's pod YAML travels as its loader's table constant; a file of manifest attributes only carries API files.
        bool apiFiles = manifests.Any(m => m.StartsWith("kubernetes-api/", StringComparison.Ordinal));
        var expectedHints = loaders.SelectMany(l => apiFiles ? new[] { l + ".PodBinding.g.cs", l + ".PodBinding.Manifests.g.cs" } : new[] { l + ".PodBinding.g.cs" }).ToList();
        if (manifests.Contains("kustomization.yaml"))
        {
            expectedHints.Add("PodBinding.Kustomization.g.cs");
        }

        if (manifests.Any(m => m.StartsWith("kubernetes-api/", StringComparison.Ordinal)))
        {
            expectedHints.Add("PodBinding.KubernetesApi.Kustomization.g.cs");
        }

        if (manifests.Any(m => m.EndsWith(".volumes.patch.yaml", StringComparison.Ordinal)))
        {
            expectedHints.Add("PodBinding.WorkloadVolumes.g.cs");
        }

        Assert.Equal(expectedHints.OrderBy(h => h, StringComparer.Ordinal), first.Sources.Keys.OrderBy(h => h, StringComparer.Ordinal));
        Assert.Equal(manifests.OrderBy(m => m, StringComparer.Ordinal), first.Manifests.Keys);

        string name = $"{nameof(GeneratorSnapshotTests)}.{test}";
        foreach (string loader in loaders)
        {
            string prefix = loaders.Length == 1 ? name : $"{name}_{loader}";
            Snapshot.Match(first.Source(loader + ".PodBinding.g.cs"), prefix, "cs");
        }

        foreach ((string file, string yaml) in first.Manifests)
        {
            Snapshot.Match(yaml, $"{name}_{file.Substring(0, file.Length - ".yaml".Length).Replace('/', '.')}", "yaml");
        }
    }
}
