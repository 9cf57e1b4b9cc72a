using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PodBinding.Generators.Analyzers;
using PodBinding.Kubernetes.Facts;
using static PodBinding.Kubernetes.Tests.ApiFactsFixture;

namespace PodBinding.Kubernetes.Tests;

/// <summary>
/// The RBAC analyzer (PB0509) against the enforcing test API server, on the same hand-written RBAC: the analyzer says
/// "narrower" exactly when the server denies one of the reader's requests. The class is the one the reader's request
/// describes (node, owning Deployment, peers), the Deployment runs as ServiceAccount orders in namespace shop.
/// </summary>
public sealed class RbacAnalyzerCrossCheckTests
{
    private const string Source = """
        using System.Collections.Generic;
        using PodBinding;
        using PodBinding.Kubernetes.Facts;
        [DownwardBinding(WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
        [ApiPeers(Selector = "app=orders")]
        public sealed partial class ShopFacts
        {
            [FromApi("node.zone")] public string? Zone { get; init; }
            [FromApi("owner.name")] public string? Deployment { get; init; }
            [FromApi("peers.ready")] public IReadOnlyList<PeerPod> Ready { get; init; } = [];
        }
        """;

    private const string Workload = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: orders, namespace: shop}
        spec:
          template:
            spec:
              serviceAccountName: orders
              containers: [{name: app, image: "shop/orders:1"}]
        """;

    private static readonly ApiFactsRequest Request = new(ApiFactKinds.Node | ApiFactKinds.Owner | ApiFactKinds.Peers, "app=orders", "orders");

    private const string Pods = "- {apiGroups: [\"\"], resources: [pods], verbs: [get, list, watch]}";
    private const string ReplicaSets = "- {apiGroups: [apps], resources: [replicasets], verbs: [get]}";
    private const string Deployments = "- {apiGroups: [apps], resources: [deployments], resourceNames: [orders], verbs: [get, watch]}";
    private const string Nodes = "- {apiGroups: [\"\"], resources: [nodes], verbs: [get, watch]}";

    private static string Rbac(string roleRules, string? clusterRules = Nodes, string roleBindingNamespace = "shop",
        string roleSubject = "{kind: ServiceAccount, name: orders}", string clusterSubject = "{kind: ServiceAccount, name: orders, namespace: shop}") =>
        $$"""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: facts, namespace: {{roleBindingNamespace}}}
        rules:
        {{roleRules}}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: facts, namespace: {{roleBindingNamespace}}}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: facts}
        subjects: [{{roleSubject}}]
        """ + (clusterRules is null ? "" : $$"""

        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: facts-nodes}
        rules:
        {{clusterRules}}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: facts-nodes}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: facts-nodes}
        subjects: [{{clusterSubject}}]
        """);

    private static readonly string Exact = string.Join("\n", Pods, ReplicaSets, Deployments);

    public static TheoryData<string, string, bool> Cases() => new()
    {
        { "exact", Rbac(Exact), false },
        { "every verb and resource", Rbac("- {apiGroups: [\"*\"], resources: [\"*\"], verbs: [\"*\"]}", "- {apiGroups: [\"\"], resources: [\"*\"], verbs: [\"*\"]}"), false },
        { "deployments without watch", Rbac(Exact.Replace("verbs: [get, watch]}", "verbs: [get]}", StringComparison.Ordinal)), true },
        { "deployments of another name", Rbac(Exact.Replace("resourceNames: [orders]", "resourceNames: [web]", StringComparison.Ordinal)), true },
        { "pods by name", Rbac(Exact.Replace("resources: [pods],", "resources: [pods], resourceNames: [orders],", StringComparison.Ordinal)), true },
        { "peers not listed", Rbac(Exact.Replace("verbs: [get, list, watch]", "verbs: [get, watch]", StringComparison.Ordinal)), true },
        { "no replicasets", Rbac(string.Join("\n", Pods, Deployments)), true },
        { "nodes in the Role", Rbac(string.Join("\n", Pods, ReplicaSets, Deployments, Nodes), clusterRules: null), true },
        { "bound to another ServiceAccount", Rbac(Exact, roleSubject: "{kind: ServiceAccount, name: web}"), true },
        { "bound in another namespace", Rbac(Exact, roleBindingNamespace: "staging"), true },
        { "ClusterRoleBinding subject without a namespace", Rbac(Exact, clusterSubject: "{kind: ServiceAccount, name: orders}"), true },
        { "bound to the namespace's ServiceAccounts group", Rbac(Exact, roleSubject: "{kind: Group, name: \"system:serviceaccounts:shop\"}"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_analyzer_says_narrower_exactly_when_the_server_denies_a_request(string name, string rbac, bool narrower)
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(rbac);
        bool analyzerSaysNarrower = diagnostics.Any(d => d.Id == "PB0509");
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB0511"); // RBAC for these resources exists in every case

        await using ApiFactsFixture f = await StartAsync(rbac);
        bool serverDenies;
        try
        {
            ApiFacts facts = await f.Connection.LoadFactsAsync(Request, Identity with { NodeName = "node-a" });
            Assert.Equal("eu-west-1a", facts.Node!.Zone);
            serverDenies = f.Server.Requests.Any(r => r.StatusCode == 403);
        }
        catch (KubernetesConnectionException e) when (e.Kind == KubernetesConnectionErrorKind.Forbidden)
        {
            serverDenies = true;
        }

        Assert.True(serverDenies == narrower, $"{name}: the server {(serverDenies ? "denies" : "allows")} the reader's requests; expected {(narrower ? "a denial" : "none")}");
        Assert.True(analyzerSaysNarrower == serverDenies,
            $"{name}: the server {(serverDenies ? "denies" : "allows")}, the analyzer reports {string.Join(" | ", diagnostics.Select(d => d.Id + " " + d.GetMessage()))}");
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string rbac)
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        IEnumerable<MetadataReference> references = platform
            .Append(typeof(FromApiAttribute).Assembly.Location)
            .Append(typeof(ApiFacts).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Shop",
            [CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var files = ImmutableArray.Create<AdditionalText>(new Yaml("/src/Shop/deploy/deployment.yaml", Workload), new Yaml("/src/Shop/deploy/rbac.yaml", rbac));
        CompilationWithAnalyzers analyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ApiRbacAnalyzer()), new AnalyzerOptions(files));
        return await analyzers.GetAnalyzerDiagnosticsAsync();
    }

    private sealed class Yaml(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
