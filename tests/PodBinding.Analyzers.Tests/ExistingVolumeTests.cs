using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>PB0018: the project's manifest already has a volume of the generated volume's name in the patched workload.</summary>
public sealed class ExistingVolumeTests
{
    private const string Labels = """
        using System.Collections.Generic;
        using PodBinding;

        namespace App;

        [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
        public partial class {|#0:PodInfo|}
        {
            [FromDownward("metadata.labels")] public required IReadOnlyDictionary<string, string> Labels { get; init; }
        }
        """;

    private static string Deployment(string name, string volume) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          template:
            spec:
              containers:
              - name: orders
                image: shop/orders:1.0
              volumes:
        {{volume}}
        """;

    private const string DownwardPodinfo = """
              - name: podinfo
                downwardAPI:
                  items:
                  - path: name
                    fieldRef: {fieldPath: metadata.name}
        """;

    private const string EmptyDirPodinfo = """
              - name: podinfo
                emptyDir: {}
        """;

    private static Task Verify(string source, (string, string)[] yaml, params DiagnosticResult[] expected)
    {
        var test = ManifestTestState.Analyzer<BindingAnalyzer>(source, yaml);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult PB0018(string consequence) =>
        new DiagnosticResult("PB0018", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            $"'App.PodInfo' patches volume 'podinfo' into Deployment/orders, but deploy/base/deployment.yaml:12 already defines a volume of that name: {consequence}; set [DownwardBinding(VolumeName = \"...\")] to another name, or remove that volume from the manifest");

    [Fact]
    public Task A_downwardAPI_volume_of_that_name_would_lose_its_items() => Verify(
        Labels,
        [("deploy/base/deployment.yaml", Deployment("orders", DownwardPodinfo))],
        PB0018("kustomize replaces a volume's items whole, so its items would be lost"));

    [Fact]
    public Task A_volume_of_another_type_would_get_two_sources() => Verify(
        Labels,
        [("deploy/base/deployment.yaml", Deployment("orders", EmptyDirPodinfo))],
        PB0018("it is another kind of volume, and a volume with two sources is rejected by the API server"));

    [Fact]
    public Task Another_workload_another_volume_name_or_no_volume_member_is_not_reported() => Verify(
        Labels + """

            [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
            public partial class EnvOnly
            {
                [FromDownward("metadata.name")] public required string Name { get; init; }
            }
            """,
        [
            ("deploy/base/deployment.yaml", Deployment("orders", EmptyDirPodinfo.Replace("podinfo", "cache", StringComparison.Ordinal))),
            ("deploy/other/deployment.yaml", Deployment("billing", DownwardPodinfo)),
        ]);
}
