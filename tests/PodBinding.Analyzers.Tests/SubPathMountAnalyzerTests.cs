using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>PB0203: downward API volumes mounted through subPath/subPathExpr, reported on the YAML line.</summary>
public sealed class SubPathMountAnalyzerTests
{
    private const string Source = "class C { }";

    private static DiagnosticResult PB0203(string relative, int line, int column, int endColumn, string container, string volume, string key) =>
        new DiagnosticResult("PB0203", DiagnosticSeverity.Warning)
            .WithSpan(ManifestTestState.Path(relative), line, column, line, endColumn)
            .WithMessage($"Container '{container}' mounts the downward API volume '{volume}' through {key}: such a mount is a bind mount taken once and never updates, so label, annotation and resource changes never reach the file; mount the whole volume at a directory without {key} and read the file inside it");

    private static Task Verify((string, string)[] yaml, params DiagnosticResult[] expected)
    {
        var test = ManifestTestState.Analyzer<SubPathMountAnalyzer>(Source, yaml);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task SubPath_mount_of_a_downwardAPI_volume_is_reported_but_not_other_volumes_or_whole_mounts() => Verify(
        [("deploy/statefulset.yaml", """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: orders
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    volumeMounts:
                    - name: podinfo
                      mountPath: /etc/podinfo/labels
                      subPath: labels
                    - name: config
                      mountPath: /etc/config/app.json
                      subPath: app.json
                    - name: podinfo
                      mountPath: /etc/podinfo
                    - name: podinfo
                      mountPath: /etc/other
                      subPath: ""
                  volumes:
                  - name: podinfo
                    downwardAPI:
                      items:
                      - path: labels
                        fieldRef:
                          fieldPath: metadata.labels
                  - name: config
                    configMap:
                      name: orders
            """)],
        PB0203("deploy/statefulset.yaml", 13, 11, 26, "orders", "podinfo", "subPath"));

    [Fact]
    public Task SubPathExpr_of_a_projected_volume_with_downwardAPI_sources_in_a_CronJob_init_container_is_reported() => Verify(
        [("k8s/cronjob.yml", """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: report
            spec:
              schedule: "0 * * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: prepare
                        volumeMounts:
                        - name: all-in-one
                          mountPath: /etc/pod/name
                          subPathExpr: $(POD_NAME)
                      containers:
                      - name: report
                      volumes:
                      - name: all-in-one
                        projected:
                          sources:
                          - configMap:
                              name: report
                          - downwardAPI:
                              items:
                              - path: name
                                fieldRef:
                                  fieldPath: metadata.name
            """)],
        PB0203("k8s/cronjob.yml", 16, 15, 39, "prepare", "all-in-one", "subPathExpr"));

    [Fact]
    public Task A_kustomize_patch_that_mounts_the_base_volume_through_subPath_is_reported_in_the_patch() => Verify(
        [
            ("deploy/base/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: orders
                spec:
                  template:
                    spec:
                      containers:
                      - name: orders
                      volumes:
                      - name: podinfo
                        downwardAPI:
                          items:
                          - path: labels
                            fieldRef:
                              fieldPath: metadata.labels
                """),
            ("deploy/overlays/prod/mount.patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: orders
                spec:
                  template:
                    spec:
                      containers:
                      - name: orders
                        volumeMounts:
                        - name: podinfo
                          mountPath: /app/labels
                          subPath: labels
                """),
            // Same volume name in a different workload: not the same volume.
            ("deploy/overlays/prod/other.patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: billing
                spec:
                  template:
                    spec:
                      containers:
                      - name: billing
                        volumeMounts:
                        - name: podinfo
                          mountPath: /app/labels
                          subPath: labels
                """),
        ],
        PB0203("deploy/overlays/prod/mount.patch.yaml", 13, 11, 26, "orders", "podinfo", "subPath"));

    [Fact]
    public Task Every_document_of_a_multi_document_file_is_checked_and_CRLF_keeps_columns() => Verify(
        [("deploy/pods.yaml", "kind: Pod\r\nmetadata:\r\n  name: a\r\nspec:\r\n  containers:\r\n  - name: a\r\n    volumeMounts:\r\n    - {name: info, mountPath: /x, subPath: labels}\r\n  volumes:\r\n  - name: info\r\n    downwardAPI: {items: []}\r\n---\r\n---\r\nkind: Pod\r\nmetadata:\r\n  name: b\r\nspec:\r\n  containers:\r\n  - name: b\r\n    volumeMounts:\r\n    - name: info\r\n      mountPath: /x\r\n      subPath: labels\r\n  volumes:\r\n  - name: info\r\n    downwardAPI: {items: []}\r\n")],
        PB0203("deploy/pods.yaml", 8, 35, 50, "a", "info", "subPath"),
        PB0203("deploy/pods.yaml", 23, 7, 22, "b", "info", "subPath"));

    [Fact]
    public Task Broken_yaml_helm_templates_and_non_kubernetes_yaml_report_nothing() => Verify(
        [
            ("deploy/broken.yaml", "kind: Pod\nspec:\n  containers: [\n    - name: a\n"),
            ("deploy/chart/templates/pod.yaml", "kind: Pod\nspec:\n  containers:\n  - name: {{ .Values.name }}\n    volumeMounts:\n    - name: info\n      subPath: labels\n  volumes:\n  - name: info\n    downwardAPI: {}\n"),
            ("deploy/workflow.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n    - uses: actions/checkout@v4\n"),
        ]);
}
