using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>PB0202: env var reads in code that a manifest of the project sets from a label, annotation or resizable resource.</summary>
public sealed class RawEnvReadAnalyzerTests
{
    private const string Deployment = "deploy/base/deployment.yaml";

    private const string TierMessage = "POD_TIER is set from metadata.labels['tier'] in deploy/base/deployment.yaml:11 and keeps its start-up value when the label changes; read the live value from the downward API volume instead";

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
        PB0202(0, "OWNER is set from metadata.annotations['owner'] in deploy/base/deployment.yaml:28 and keeps its start-up value when the annotation changes; read the live value from the downward API volume instead"));

    [Fact]
    public Task Resizable_resource_is_reported_with_the_resize_reason() => Verify(
        """
        class C
        {
            string? M() => {|#0:System.Environment.GetEnvironmentVariable("MEMORY_LIMIT_MI")|};
        }
        """,
        PB0202(0, "MEMORY_LIMIT_MI is set from limits.memory in deploy/base/deployment.yaml:19 and keeps its start-up value after an in-place resize (env vars are only recomputed when the container restarts); read the live value from the downward API volume instead"));

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
        PB0202(6, "Orders__Tier is set from metadata.labels['tier'] in deploy/base/deployment.yaml:32 and keeps its start-up value when the label changes; read the live value from the downward API volume instead"));

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
}
