using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>PB0202: env var reads in code that a manifest of the project sets from a label, annotation or resizable resource.</summary>
public sealed class RawEnvReadAnalyzerTests
{
    private const string Deployment = "deploy/base/deployment.yaml";

    private const string TierMessage = "POD_TIER is set from metadata.labels['tier'] by container 'orders' of Deployment/orders at deploy/base/deployment.yaml:11 and keeps its start-up value when the label changes; read the live value from the downward API volume instead";

    private static Task Verify(string source, params DiagnosticResult[] expected) => Verify(source, [(Deployment, ManifestYaml.Deployment)], expected);

    private static Task Verify(string source, (string, string)[] yaml, params DiagnosticResult[] expected)
    {
        var test = ManifestTestState.Analyzer<RawEnvReadAnalyzer>(source, yaml);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult PB0202(int markup, string message) => new DiagnosticResult("PB0202", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(markup).WithMessage(message);

    [Fact]
    public Task GetEnvironmentVariable_of_a_label_env_var_is_reported_with_file_and_line() => Verify(
        """
        class C
        {
            string? M() => {|#0:System.Environment.GetEnvironmentVariable("POD_TIER")|};
        }
        """,
        PB0202(0, TierMessage));

    [Fact]
    public Task Constant_expressions_count_as_the_name() => Verify(
        """
        using System;
        class C
        {
            const string Prefix = "POD_";
            string? A() => {|#0:Environment.GetEnvironmentVariable(Prefix + "TIER")|};
            string? B() => {|#1:Environment.GetEnvironmentVariable(variable: "POD_" + nameof(TIER))|};
            string? C2() => {|#2:Environment.GetEnvironmentVariable("POD_TIER", EnvironmentVariableTarget.Process)|};
            const int TIER = 0;
        }
        """,
        PB0202(0, TierMessage), PB0202(1, TierMessage), PB0202(2, TierMessage));

    [Fact]
    public Task GetEnvironmentVariables_indexer_is_reported() => Verify(
        """
        class C
        {
            object? M() => {|#0:System.Environment.GetEnvironmentVariables()["POD_TIER"]|};
        }
        """,
        PB0202(0, TierMessage));

    [Fact]
    public Task Annotation_env_var_names_the_annotation() => Verify(
        """
        class C
        {
            string? M() => {|#0:System.Environment.GetEnvironmentVariable("OWNER")|};
        }
        """,
        PB0202(0, "OWNER is set from metadata.annotations['owner'] by container 'orders' of Deployment/orders at deploy/base/deployment.yaml:28 and keeps its start-up value when the annotation changes; read the live value from the downward API volume instead"));

    [Fact]
    public Task Resizable_resource_is_reported_with_the_resize_reason() => Verify(
        """
        class C
        {
            string? M() => {|#0:System.Environment.GetEnvironmentVariable("MEMORY_LIMIT_MI")|};
        }
        """,
        PB0202(0, "MEMORY_LIMIT_MI is set from limits.memory by container 'orders' of Deployment/orders at deploy/base/deployment.yaml:19 and keeps its start-up value after an in-place resize (env vars are only recomputed when the container restarts); read the live value from the downward API volume instead"));

    [Fact]
    public Task Configuration_reads_are_reported_case_insensitively_with_double_underscore_as_colon() => Verify(
        """
        using Microsoft.Extensions.Configuration;
        class C
        {
            void M(IConfiguration configuration, IConfigurationRoot root, ConfigurationManager manager)
            {
                _ = {|#0:configuration["POD_TIER"]|};
                _ = {|#1:root["pod_tier"]|};
                _ = {|#2:manager["POD_TIER"]|};
                _ = {|#3:configuration.GetValue<string>("POD_TIER")|};
                _ = {|#4:configuration.GetValue<string>("POD_TIER", "none")|};
                _ = {|#5:configuration.GetSection("POD_TIER").Value|};
                _ = {|#6:configuration["Orders:Tier"]|};
                _ = configuration.GetSection("Orders")["Tier"]; // a relative key: not resolved
            }
        }
        """,
        PB0202(0, TierMessage), PB0202(1, TierMessage), PB0202(2, TierMessage), PB0202(3, TierMessage), PB0202(4, TierMessage), PB0202(5, TierMessage),
        PB0202(6, "Orders__Tier is set from metadata.labels['tier'] by container 'orders' of Deployment/orders at deploy/base/deployment.yaml:32 and keeps its start-up value when the label changes; read the live value from the downward API volume instead"));

    [Fact]
    public Task Stable_fields_unknown_names_other_resources_and_non_constant_names_are_not_reported() => Verify(
        """
        using System;
        using Microsoft.Extensions.Configuration;
        class C
        {
            void M(IConfiguration configuration, string name)
            {
                _ = Environment.GetEnvironmentVariable("POD_NAME");          // metadata.name never changes
                _ = Environment.GetEnvironmentVariable("SCRATCH");           // ephemeral-storage is not resizable
                _ = Environment.GetEnvironmentVariable("GREETING");          // a literal value
                _ = Environment.GetEnvironmentVariable("UNKNOWN");
                _ = Environment.GetEnvironmentVariable("pod_tier");          // env names are case-sensitive on Linux
                _ = Environment.GetEnvironmentVariable(name);
                _ = Environment.GetEnvironmentVariables()[name];
                _ = configuration[name];
                _ = configuration.GetSection("POD_TIER").Key;
                Environment.SetEnvironmentVariable("POD_TIER", "x");
            }
        }
        """);

    [Fact]
    public Task Nothing_is_reported_without_manifests_or_with_yaml_that_sets_nothing() => Verify(
        """
        class C
        {
            string? M() => System.Environment.GetEnvironmentVariable("POD_TIER");
        }
        """,
        [("deploy/values.yaml", "replicas: 2\nimage: orders\n"), ("deploy/chart/templates/deployment.yaml", "{{- if .Values.enabled }}\nkind: Deployment\n{{- end }}\n")]);

    [Fact]
    public Task Yaml_that_is_not_an_additional_yaml_file_is_ignored()
    {
        var test = ManifestTestState.Analyzer<RawEnvReadAnalyzer>(
            """
            class C
            {
                string? M() => System.Environment.GetEnvironmentVariable("POD_TIER");
            }
            """,
            ("deploy/base/deployment.txt", ManifestYaml.Deployment));
        return test.RunAsync();
    }

    [Fact]
    public Task Generated_code_is_not_analyzed() => Verify(
        """
        // <auto-generated/>
        class C
        {
            string? M() => System.Environment.GetEnvironmentVariable("POD_TIER");
        }
        """);

    // Two services in one deploy/ folder: the orders project's reads must only see the orders container's env.
    private const string TwoServices = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            spec:
              containers:
              - name: orders
                env:
                - name: POD_TIER
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.labels['tier']
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: billing
        spec:
          template:
            spec:
              containers:
              - name: billing
                env:
                - name: BILLING_TEAM
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.annotations['team']
              - name: orders
                env:
                - name: SIDECAR_TIER
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.labels['tier']
        """;

    private static string Bound(string binding) => $$"""
        namespace Shop
        {
            [PodBinding.DownwardBinding({{binding}})]
            public partial class PodInfo
            {
                [PodBinding.FromDownward("metadata.name")] public string? Name { get; init; }
            }
        }
        """;

    private static Task VerifyWith(string source, string podInfo, (string, string)[] yaml, params DiagnosticResult[] expected)
    {
        var test = ManifestTestState.Analyzer<RawEnvReadAnalyzer>(source, yaml);
        test.TestState.Sources.Add(("/src/Orders/PodInfo.cs", podInfo));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string ReadAll = """
        using System;
        class C
        {
            void M()
            {
                _ = {|#0:Environment.GetEnvironmentVariable("POD_TIER")|};
                _ = Environment.GetEnvironmentVariable("BILLING_TEAM");
                _ = Environment.GetEnvironmentVariable("SIDECAR_TIER");
            }
        }
        """;

    [Fact]
    public Task With_a_bound_class_only_its_container_in_its_workload_counts() => VerifyWith(
        ReadAll,
        Bound("ContainerName = \"orders\", WorkloadKind = PodBinding.WorkloadKind.Deployment, WorkloadName = \"orders\""),
        [("deploy/all.yaml", TwoServices)],
        PB0202(0, "POD_TIER is set from metadata.labels['tier'] by container 'orders' of Deployment/orders at deploy/all.yaml:11 and keeps its start-up value when the label changes; read the live value from the downward API volume instead"));

    [Fact]
    public Task A_class_that_names_no_workload_takes_its_container_in_every_workload()
    {
        string source = ReadAll.Replace("_ = Environment.GetEnvironmentVariable(\"SIDECAR_TIER\")", "_ = {|#1:Environment.GetEnvironmentVariable(\"SIDECAR_TIER\")|}", StringComparison.Ordinal);
        return VerifyWith(
            source,
            Bound("ContainerName = \"orders\""),
            [("deploy/all.yaml", TwoServices)],
            PB0202(0, "POD_TIER is set from metadata.labels['tier'] by container 'orders' of Deployment/orders at deploy/all.yaml:11 and keeps its start-up value when the label changes; read the live value from the downward API volume instead"),
            PB0202(1, "SIDECAR_TIER is set from metadata.labels['tier'] by container 'orders' of Deployment/billing at deploy/all.yaml:32 and keeps its start-up value when the label changes; read the live value from the downward API volume instead"));
    }

    [Fact]
    public Task Without_a_bound_class_every_manifest_counts() => Verify(
        ReadAll.Replace("_ = Environment.GetEnvironmentVariable(\"BILLING_TEAM\")", "_ = {|#1:Environment.GetEnvironmentVariable(\"BILLING_TEAM\")|}", StringComparison.Ordinal)
            .Replace("_ = Environment.GetEnvironmentVariable(\"SIDECAR_TIER\")", "_ = {|#2:Environment.GetEnvironmentVariable(\"SIDECAR_TIER\")|}", StringComparison.Ordinal),
        [("deploy/all.yaml", TwoServices)],
        PB0202(0, "POD_TIER is set from metadata.labels['tier'] by container 'orders' of Deployment/orders at deploy/all.yaml:11 and keeps its start-up value when the label changes; read the live value from the downward API volume instead"),
        PB0202(1, "BILLING_TEAM is set from metadata.annotations['team'] by container 'billing' of Deployment/billing at deploy/all.yaml:26 and keeps its start-up value when the annotation changes; read the live value from the downward API volume instead"),
        PB0202(2, "SIDECAR_TIER is set from metadata.labels['tier'] by container 'orders' of Deployment/billing at deploy/all.yaml:32 and keeps its start-up value when the label changes; read the live value from the downward API volume instead"));

    [Fact]
    public Task A_class_whose_container_no_manifest_has_does_not_hide_the_reads() => VerifyWith(
        ReadAll.Replace("_ = Environment.GetEnvironmentVariable(\"BILLING_TEAM\")", "_ = {|#1:Environment.GetEnvironmentVariable(\"BILLING_TEAM\")|}", StringComparison.Ordinal)
            .Replace("_ = Environment.GetEnvironmentVariable(\"SIDECAR_TIER\")", "_ = {|#2:Environment.GetEnvironmentVariable(\"SIDECAR_TIER\")|}", StringComparison.Ordinal),
        Bound("ContainerName = \"ordres\""),
        [
            ("deploy/all.yaml", TwoServices),
            // PodBinding's own fragment always names the class's container: it must not switch scoping on.
            ("deploy/podbinding/pod-info.yaml", "# Generated by PodBinding 1.0.0 from Shop.PodInfo. Do not edit.\ncontainers:\n- name: ordres\n  volumeMounts:\n  - name: podinfo\n    mountPath: /etc/podinfo\n"),
        ],
        PB0202(0, "POD_TIER is set from metadata.labels['tier'] by container 'orders' of Deployment/orders at deploy/all.yaml:11 and keeps its start-up value when the label changes; read the live value from the downward API volume instead"),
        PB0202(1, "BILLING_TEAM is set from metadata.annotations['team'] by container 'billing' of Deployment/billing at deploy/all.yaml:26 and keeps its start-up value when the annotation changes; read the live value from the downward API volume instead"),
        PB0202(2, "SIDECAR_TIER is set from metadata.labels['tier'] by container 'orders' of Deployment/billing at deploy/all.yaml:32 and keeps its start-up value when the label changes; read the live value from the downward API volume instead"));

    [Fact]
    public Task Candidates_in_scope_that_map_the_name_differently_are_named() => VerifyWith(
        """
        class C
        {
            string? M() => {|#0:System.Environment.GetEnvironmentVariable("POD_TIER")|};
        }
        """,
        Bound("ContainerName = \"orders\""),
        [
            ("deploy/base/deployment.yaml", ManifestYaml.Deployment),
            ("deploy/jobs/migrate.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      containers:\n      - name: orders\n        env:\n        - name: POD_TIER\n          valueFrom:\n            fieldRef:\n              fieldPath: metadata.name\n"),
        ],
        PB0202(0, "POD_TIER is set from metadata.labels['tier'] by container 'orders' of Deployment/orders at deploy/base/deployment.yaml:11 (container 'orders' of Job/migrate at deploy/jobs/migrate.yaml:11 sets it from metadata.name instead) and keeps its start-up value when the label changes; read the live value from the downward API volume instead"));
}
