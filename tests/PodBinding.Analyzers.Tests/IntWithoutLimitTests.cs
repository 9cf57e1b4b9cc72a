using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.CodeFixes;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>
/// PB0023: an int member of limits.memory / limits.ephemeral-storage with a small divisor, where the project's manifests
/// give the container no such limit, so the kubelet reports the node's allocatable amount (which overflows an int).
/// </summary>
public sealed class IntWithoutLimitTests
{
    private const string Patch = "ContainerName = \"orders\", WorkloadKind = WorkloadKind.Deployment, WorkloadName = \"orders\"";

    private static string Class(string binding, string member) => $$"""
        using PodBinding;

        namespace Shop;

        [DownwardBinding({{binding}})]
        public partial class PodInfo
        {
            {{member}}
        }
        """;

    private static string Deployment(string resources = "", string podResources = "") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            spec:
        {{podResources}}      containers:
              - name: orders
                image: shop/orders:1.0
        {{resources}}      - name: envoy
                image: envoyproxy/envoy:v1.31.0
                resources:
                  limits:
                    memory: 128Mi
                    ephemeral-storage: 1Gi
        """;

    private static Task Verify(string source, (string, string)[] yaml, params DiagnosticResult[] expected)
    {
        var test = ManifestTestState.Analyzer<BindingAnalyzer>(source, yaml);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static string Message(string member, string resource, string divisor, string where, string limit, string capacity) =>
        $"'Shop.PodInfo.{member}' reads {resource} with divisor {divisor} into an int, but container 'orders' of Deployment/orders ({where}) sets no resources.limits.{limit}, "
        + $"so the kubelet reports the node's allocatable {limit}; an int holds at most {capacity} in that unit and loading fails on a larger node; "
        + $"declare the property as long, use a divisor of 1Mi or more, or set resources.limits.{limit} on the container";

    [Theory]
    [InlineData("limits.memory", "", "1", "memory", "2 GiB")]
    [InlineData("limits.memory", "1Ki", "1Ki", "memory", "2 TiB")]
    [InlineData("limits.memory", "1k", "1k", "memory", "2.1 TB")]
    [InlineData("limits.ephemeral-storage", "1Ki", "1Ki", "ephemeral-storage", "2 TiB")]
    public Task An_int_with_a_small_divisor_and_no_limit_is_reported_on_the_property(string resource, string divisor, string shown, string limit, string capacity) => Verify(
        Class(Patch, $$"""[FromDownward("{{resource}}", Source = DownwardSource.Volume{{(divisor.Length == 0 ? "" : $", Divisor = \"{divisor}\"")}})] public int {|#0:Value|} { get; init; }"""),
        [("deploy/base/deployment.yaml", Deployment())],
        new DiagnosticResult("PB0023", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(Message("Value", resource, shown, "deploy/base/deployment.yaml:9", limit, capacity)));

    [Theory]
    [InlineData("public int Value { get; init; }", "1Mi")]        // 2 PiB: no node has that much
    [InlineData("public int Value { get; init; }", "1M")]
    [InlineData("public long Value { get; init; }", "1")]         // long holds any node
    [InlineData("public int? Value { get; init; }", "1Gi")]
    public Task Large_divisors_and_long_members_are_not_reported(string property, string divisor) => Verify(
        Class(Patch, $$"""[FromDownward("limits.memory", Source = DownwardSource.Volume, Divisor = "{{divisor}}")] {{property}}"""),
        [("deploy/base/deployment.yaml", Deployment())]);

    [Fact]
    public Task A_limit_on_the_container_in_any_file_of_the_workload_silences_it() => Verify(
        Class(Patch, """[FromDownward("limits.memory", Source = DownwardSource.Volume, Divisor = "1Ki")] public int Value { get; init; }"""),
        [
            ("deploy/base/deployment.yaml", Deployment()),
            ("deploy/overlays/prod/limits.patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      containers:\n      - name: orders\n        resources:\n          limits:\n            memory: 512Mi\n"),
        ]);

    [Fact]
    public Task A_limit_in_the_base_and_a_pod_level_limit_both_count() => Verify(
        Class(Patch, """[FromDownward("limits.memory", Source = DownwardSource.Volume, Divisor = "1Ki")] public int Memory { get; init; }""")
        + "\n" + Class("ContainerName = \"orders\", VolumeName = \"facts\", MountPath = \"/etc/facts\"", """[FromDownward("limits.ephemeral-storage", Source = DownwardSource.Volume)] public int Scratch { get; init; }""")
            .Replace("public partial class PodInfo", "public partial class Facts", StringComparison.Ordinal)
            .Replace("using PodBinding;\n\nnamespace Shop;\n", "", StringComparison.Ordinal),
        [("deploy/base/deployment.yaml", Deployment(
            resources: "        resources:\n          limits:\n            memory: 1Gi\n",
            podResources: "      resources:\n        limits:\n          ephemeral-storage: 10Gi\n"))]);

    [Fact]
    public Task A_zero_limit_counts_as_none_and_a_class_without_a_workload_looks_in_every_workload() => Verify(
        Class("ContainerName = \"orders\"", """[FromDownward("limits.memory", Source = DownwardSource.Volume)] public int {|#0:Memory|} { get; init; }"""),
        [("deploy/base/deployment.yaml", Deployment(resources: "        resources:\n          limits:\n            memory: 0\n"))],
        new DiagnosticResult("PB0023", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(Message("Memory", "limits.memory", "1", "deploy/base/deployment.yaml:9", "memory", "2 GiB")));

    [Fact]
    public Task A_container_no_manifest_has_and_a_project_without_yaml_are_not_reported() => Verify(
        Class("ContainerName = \"worker\"", """[FromDownward("limits.memory", Source = DownwardSource.Volume)] public int Memory { get; init; }"""),
        [("deploy/base/deployment.yaml", Deployment())]);

    [Fact]
    public Task The_fix_declares_the_property_as_long()
    {
        var test = ManifestTestState.CodeFix<BindingAnalyzer, ChangeTypeCodeFix>(
            Class(Patch, """[FromDownward("limits.memory", Source = DownwardSource.Volume, Divisor = "1Ki")] public int? {|PB0023:Memory|} { get; init; }"""),
            Class(Patch, """[FromDownward("limits.memory", Source = DownwardSource.Volume, Divisor = "1Ki")] public long? Memory { get; init; }"""),
            ("deploy/base/deployment.yaml", Deployment()));
        return test.RunAsync();
    }
}
