using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>
/// A class's patch against the workload it targets in the project's own manifests, as kustomize would merge it:
/// PB0020 (no such container), PB0021 (mount path taken), PB0301 (no such workload), PB0302 (no YAML at all), and
/// PB0022 (a mount over the service-account folder), which needs no manifest.
/// </summary>
public sealed class WorkloadCrossCheckTests
{
    private static string Class(string binding, string member = """[FromDownward("metadata.labels")] public required IReadOnlyDictionary<string, string> Labels { get; init; }""") => $$"""
        using System.Collections.Generic;
        using PodBinding;

        namespace App;

        [DownwardBinding({{binding}})]
        public partial class {|#0:PodInfo|}
        {
            {{member}}
        }
        """;

    private const string Orders = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            spec:
              containers:
              - name: orders-api
                image: shop/orders:1.0
                volumeMounts:
                - name: app-config
                  mountPath: /etc/podinfo
              - name: envoy
                image: envoyproxy/envoy:v1.31.0
              volumes:
              - name: app-config
                configMap: {name: orders}
        """;

    private static Task Verify(string source, (string, string)[] yaml, params DiagnosticResult[] expected)
    {
        var test = ManifestTestState.Analyzer<BindingAnalyzer>(source, yaml);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task A_container_the_workload_does_not_have_is_reported_with_the_names_it_has() => Verify(
        Class("ContainerName = \"orders\", WorkloadKind = WorkloadKind.Deployment, WorkloadName = \"orders\""),
        [("deploy/base/deployment.yaml", Orders)],
        new DiagnosticResult("PB0020", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'App.PodInfo' patches container 'orders' of Deployment/orders, but deploy/base/deployment.yaml:9 defines its containers as 'orders-api', 'envoy'; " +
            "kustomize would add a container 'orders' with no image, which the API server rejects; set [DownwardBinding(ContainerName = \"...\")] (or PodBindingContainerName) to one of them"));

    [Fact]
    public Task A_container_listed_only_in_a_hand_written_patch_of_the_workload_counts() => Verify(
        Class("ContainerName = \"migrate\", WorkloadKind = WorkloadKind.Deployment, WorkloadName = \"orders\", MountPath = \"/etc/pod\""),
        [
            ("deploy/base/deployment.yaml", Orders),
            ("deploy/overlays/prod/migrate.patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      initContainers:\n      - name: migrate\n        image: shop/migrate:1.0\n"),
        ]);

    [Fact]
    public Task A_mount_path_another_volume_already_uses_is_reported_on_the_class() => Verify(
        Class("ContainerName = \"orders-api\", WorkloadKind = WorkloadKind.Deployment, WorkloadName = \"orders\""),
        [("deploy/base/deployment.yaml", Orders)],
        new DiagnosticResult("PB0021", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'App.PodInfo' mounts volume 'podinfo' at '/etc/podinfo' in container 'orders-api' of Deployment/orders, but deploy/base/deployment.yaml:12 already mounts volume 'app-config' there; " +
            "kustomize merges mounts by mountPath, so that mount would be replaced; set [DownwardBinding(MountPath = \"...\")] to a free path"));

    [Fact]
    public Task Env_only_classes_and_free_mount_paths_are_not_reported() => Verify(
        Class("ContainerName = \"orders-api\", WorkloadKind = WorkloadKind.Deployment, WorkloadName = \"orders\"", """[FromDownward("metadata.name")] public required string Name { get; init; }""")
        + "\n" + Class("ContainerName = \"orders-api\", WorkloadKind = WorkloadKind.Deployment, WorkloadName = \"orders\", MountPath = \"/etc/pod-facts\"").Replace("PodInfo", "Facts", StringComparison.Ordinal).Replace("{|#0:Facts|}", "Facts", StringComparison.Ordinal).Replace("using System.Collections.Generic;\nusing PodBinding;\n\nnamespace App;\n", "", StringComparison.Ordinal),
        [("deploy/base/deployment.yaml", Orders)]);

    [Fact]
    public Task A_workload_none_of_the_manifests_defines_is_Info_listing_those_found() => Verify(
        Class("ContainerName = \"orders-api\", WorkloadKind = WorkloadKind.StatefulSet, WorkloadName = \"orders\""),
        [("deploy/base/deployment.yaml", Orders)],
        new DiagnosticResult("PB0301", DiagnosticSeverity.Info).WithLocation(0).WithMessage(
            "'App.PodInfo' patches StatefulSet/orders, but none of the project's 1 manifest files defines it (workloads found: Deployment/orders); " +
            "kustomize fails with no match for the patch unless the workload comes from elsewhere; check WorkloadKind and WorkloadName, or add the file to PodBindingManifestGlobs"));

    [Fact]
    public Task No_yaml_of_the_projects_own_is_said_once_for_the_project() => Verify(
        Class("ContainerName = \"orders-api\", WorkloadKind = WorkloadKind.Deployment, WorkloadName = \"orders\"")
        + "\n[DownwardBinding] public partial class Other { [FromDownward(\"metadata.name\")] public required string Name { get; init; } }\n",
        [("deploy/podbinding/pod-info.yaml", "# Generated by PodBinding 1.0.0 from App.PodInfo. Do not edit.\nkind: Pod\n")],
        new DiagnosticResult("PB0302", DiagnosticSeverity.Info).WithMessage(
            "No Kubernetes YAML of the project's own was found (the manifest folder 'deploy/podbinding' holds only PodBinding's files, and PodBindingManifestGlobs matched none), " +
            "so the checks against the project's manifests (PB0018, PB0020, PB0021, PB0023, PB0202, PB0203, PB0301) had nothing to read; set PodBindingManifestGlobs to where the YAML lives, or PodBindingAnalyzeManifests=false to say there is none"));

    [Fact]
    public Task No_yaml_on_purpose_is_not_reported()
    {
        var test = ManifestTestState.Analyzer<BindingAnalyzer>(Class("ContainerName = \"orders-api\"").Replace("{|#0:PodInfo|}", "PodInfo", StringComparison.Ordinal));
        test.TestState.AnalyzerConfigFiles.Clear();
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", ManifestTestState.GlobalConfig() + "build_property.PodBindingAnalyzeManifests = false\n"));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("/var/run/secrets/kubernetes.io/serviceaccount", "is", "the token, ca.crt and namespace files are hidden, so every API client in the container fails")]
    [InlineData("/var/run/secrets", "is above", "the token, ca.crt and namespace files are hidden, so every API client in the container fails")]
    [InlineData("/var/run/secrets/kubernetes.io/serviceaccount/podinfo", "is inside", "the kubelet cannot create a mount point in that read-only volume, and the container does not start")]
    public Task A_mount_over_the_service_account_folder_is_reported_on_MountPath(string path, string relation, string consequence)
    {
        string source = $$"""
            using System.Collections.Generic;
            using PodBinding;

            namespace App;

            [DownwardBinding(ContainerName = "orders-api", {|#0:MountPath = "{{path}}"|})]
            public partial class PodInfo
            {
                [FromDownward("metadata.labels")] public required IReadOnlyDictionary<string, string> Labels { get; init; }
            }
            """;
        return Verify(source, [("deploy/base/deployment.yaml", Orders)],
            new DiagnosticResult("PB0022", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                $"MountPath '{path}' {relation} the service-account folder /var/run/secrets/kubernetes.io/serviceaccount; {consequence}; choose a path outside it, such as /etc/podinfo"));
    }
}
