using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>PB0106 (the target version property), PB0500 ([KubernetesApi] the generator cannot write) and PB0501 (InCluster, but a manifest turns the token off).</summary>
public sealed class KubernetesApiAnalyzerTests
{
    private const string Usings = "using System.Collections.Generic;\nusing PodBinding;\n";

    private static DiagnosticResult PB0500(int markup, string type, string problem) =>
        new DiagnosticResult("PB0500", DiagnosticSeverity.Warning).WithLocation(markup).WithMessage($"[KubernetesApi] on '{type}' writes no YAML: {problem}");

    private static Task Verify(string source, (string, string)[] yaml, string? version, params DiagnosticResult[] expected)
    {
        var test = ManifestTestState.Analyzer<KubernetesApiAnalyzer>(Usings + source, yaml);
        if (version is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/version.globalconfig", "is_global = true\nbuild_property.PodBindingKubernetesVersion = " + version + "\n"));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task Verify(string source, params DiagnosticResult[] expected) => Verify(source, [], null, expected);

    private const string Bound = """
            [FromDownward("metadata.name")]
            public string? Name { get; init; }
        """;

    [Theory]
    [InlineData("v1.30")]
    [InlineData("1.30.2")]
    [InlineData("latest")]
    public Task PB0106_MalformedVersion_NamesThePropertyAndTheAcceptedForm(string version) => Verify(
        "public partial class P\n{\n" + Bound + "\n}\n", [], version,
        new DiagnosticResult("PB0106", DiagnosticSeverity.Error).WithMessage(
            $"The MSBuild property PodBindingKubernetesVersion is '{version}', which is not a Kubernetes version; write it as <major>.<minor>, such as 1.30 (no 'v', no patch number). Until then PodBinding targets Kubernetes 1.30."));

    [Theory]
    [InlineData("1.28")]
    [InlineData("1.34")]
    public Task PB0106_AValidVersion_IsSilent(string version) => Verify("public partial class P\n{\n" + Bound + "\n}\n", [], version);

    [Fact]
    public Task PB0500_EachProblem_AtItsArgument() => Verify($$"""
        [DownwardBinding(ContainerName = "app", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "app")]
        [KubernetesApi(KubernetesApiMode.InCluster, {|#0:(KubernetesApiMode)9|}, {|#1:KubernetesApiMode.InCluster|}, {|#2:ServiceAccountName = "Not_Valid"|}, {|#3:RunAsUser = 0|})]
        public partial class Api
        {
        {{Bound}}
        }
        """,
        PB0500(0, "Api", "KubernetesApiMode 9 is not a mode PodBinding writes YAML for; use InCluster, Ambassador or AmbassadorUnixSocket"),
        PB0500(1, "Api", "KubernetesApiMode.InCluster is listed twice; list each mode once"),
        PB0500(2, "Api", "ServiceAccountName 'Not_Valid' is not a valid ServiceAccount name (lower-case letters, digits, '-' and '.', at most 253); the API server would reject it"),
        PB0500(3, "Api", "RunAsUser 0 is not a non-root user id (1 to 2147483647); the containers run with runAsNonRoot: true, so use the app image's user, e.g. 1654 for the .NET images"));

    [Fact]
    public Task PB0500_NoModes_AndNoWorkload() => Verify($$"""
        [DownwardBinding(ContainerName = "app", WorkloadKind = WorkloadKind.Job, WorkloadName = "app")]
        [{|#0:KubernetesApi|}]
        public partial class NoModes
        {
        {{Bound}}
        }

        [{|#1:DownwardBinding|}(ContainerName = "app")]
        [KubernetesApi(KubernetesApiMode.Ambassador)]
        public partial class NoWorkload
        {
        {{Bound}}
        }

        [DownwardBinding(ContainerName = "app", {|#2:WorkloadKind = WorkloadKind.Deployment|})]
        [KubernetesApi(KubernetesApiMode.Ambassador)]
        public partial class NoWorkloadName
        {
        {{Bound}}
        }
        """,
        PB0500(0, "NoModes", "it lists no mode; name the in-pod modes, e.g. [KubernetesApi(KubernetesApiMode.InCluster)]"),
        PB0500(1, "NoWorkload", "its Components patch the workload the class runs in, but [DownwardBinding] names no valid one; set WorkloadKind and WorkloadName on [DownwardBinding]"),
        PB0500(2, "NoWorkloadName", "its Components patch the workload the class runs in, but [DownwardBinding] names no valid one; set WorkloadKind and WorkloadName on [DownwardBinding]"));

    [Fact]
    public Task PB0500_OnAClassWithoutBoundValues() => Verify("""
        [{|#0:KubernetesApi|}(KubernetesApiMode.InCluster)]
        public partial class Unbound
        {
            public string? Name { get; init; }
        }
        """,
        PB0500(0, "Unbound", "the class has no [FromDownward] property, so PodBinding generates nothing for it; put [KubernetesApi] on the class that binds the pod's values and names its workload in [DownwardBinding]"));

    [Fact]
    public Task PB0500_AValidDeclaration_IsSilent() => Verify($$"""
        [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
        [PodBinding.KubernetesApiAttribute(KubernetesApiMode.InCluster, KubernetesApiMode.Ambassador, KubernetesApiMode.AmbassadorUnixSocket, ServiceAccountName = "orders.reader", RunAsUser = 1654)]
        public partial class Valid
        {
        {{Bound}}
        }
        """);

    private const string NoTokenBase = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            spec:
              automountServiceAccountToken: false
              containers:
              - name: orders
                image: shop/orders:1.4.2
        """;

    private const string InClusterOrders = """
        [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
        [KubernetesApi(KubernetesApiMode.Ambassador, {|#0:KubernetesApiMode.InCluster|})]
        public partial class Orders
        {
            [FromDownward("metadata.name")]
            public string? Name { get; init; }
        }
        """;

    [Fact]
    public Task PB0501_TheWorkloadsManifestTurnsTheTokenOff_ReportedAtTheInClusterMode() => Verify(
        InClusterOrders, [("deploy/base/deployment.yaml", NoTokenBase)], null,
        new DiagnosticResult("PB0501", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'Orders' declares KubernetesApiMode.InCluster, but deploy/base/deployment.yaml:8 sets automountServiceAccountToken: false on Deployment/orders, so that pod gets no token at /var/run/secrets/kubernetes.io/serviceaccount; remove that line (the in-cluster Component sets it to true), or use KubernetesApiMode.Ambassador to keep the token out of the app"));

    [Fact]
    public Task PB0501_NotForAnotherWorkload_TrueOrTheGeneratedAmbassadorPatch() => Verify(
        InClusterOrders.Replace("{|#0:KubernetesApiMode.InCluster|}", "KubernetesApiMode.InCluster", StringComparison.Ordinal),
        [
            ("deploy/base/other.yaml", NoTokenBase.Replace("name: orders\n", "name: billing\n", StringComparison.Ordinal)),
            ("deploy/base/true.yaml", NoTokenBase.Replace("automountServiceAccountToken: false", "automountServiceAccountToken: true", StringComparison.Ordinal)),
            ("deploy/podbinding/kubernetes-api/ambassador/orders.patch.yaml", "# Generated by PodBinding from Orders. Do not edit: change the [KubernetesApi] attribute and rebuild.\n" + NoTokenBase),
        ],
        null);

    [Fact]
    public Task PB0501_NotWithoutTheInClusterMode() => Verify(
        InClusterOrders.Replace(", {|#0:KubernetesApiMode.InCluster|}", "", StringComparison.Ordinal),
        [("deploy/base/deployment.yaml", NoTokenBase)], null);
}
