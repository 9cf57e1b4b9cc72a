using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>
/// PB0509–PB0511: the Roles and bindings in the project's own YAML against the requests of the [FromApi] reader
/// (ApiAccessContract), for the ServiceAccount the workload runs as. Each case is real RBAC YAML as a user writes it.
/// </summary>
public sealed class ApiRbacAnalyzerTests
{
    // Node + Owner of a Deployment: get pods; get replicasets; get, watch deployments named orders; get, watch nodes (cluster).
    private const string Facts = """
        using PodBinding;
        [DownwardBinding(WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
        public partial class {|#0:ShopFacts|}
        {
            [FromApi("node.zone")] public string? Zone { get; init; }
            [FromApi("owner.name")] public string? Deployment { get; init; }
        }
        """;

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            spec:
              serviceAccountName: orders
              containers:
              - name: orders
                image: orders:1
        """;

    private const string RoleRules = """
        - apiGroups: [""]
          resources: [pods]
          verbs: [get]
        - apiGroups: [apps]
          resources: [replicasets]
          verbs: [get]
        - apiGroups: [apps]
          resources: [deployments]
          resourceNames: [orders]
          verbs: [get, watch]
        """;

    private const string NodeRules = """
        - apiGroups: [""]
          resources: [nodes]
          verbs: [get, watch]
        """;

    private const string Rbac = "deploy/base/rbac.yaml";

    private static string RbacYaml(string roleRules = RoleRules, string nodeRules = NodeRules, string roleSubject = "{kind: ServiceAccount, name: orders}",
        string clusterSubject = "{kind: ServiceAccount, name: orders, namespace: shop}") => $$"""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: orders-facts
        rules:
        {{roleRules}}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: orders-facts
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: orders-facts}
        subjects:
        - {{roleSubject}}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: orders-nodes
        rules:
        {{nodeRules}}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: orders-nodes
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: orders-nodes}
        subjects:
        - {{clusterSubject}}
        """;

    private const string AddAll = "a Role bound by a RoleBinding to ServiceAccount 'orders' with rules: {apiGroups: [\"\"], resources: [pods], verbs: [get]}, "
        + "{apiGroups: [\"apps\"], resources: [replicasets], verbs: [get]}, {apiGroups: [\"apps\"], resources: [deployments], resourceNames: [orders], verbs: [get, watch]}; "
        + "and a ClusterRole bound by a ClusterRoleBinding to ServiceAccount 'orders' (with its namespace) with rules: {apiGroups: [\"\"], resources: [nodes], verbs: [get, watch]}";

    private static Task Verify(string source, (string, string)[] yaml, params DiagnosticResult[] expected)
    {
        var test = ManifestTestState.Analyzer<ApiRbacAnalyzer>(source, yaml);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Narrower(string denied, string add) =>
        new DiagnosticResult("PB0509", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            $"'ShopFacts' reads the API server as ServiceAccount 'orders', but the RBAC in the project's manifests does not grant {denied}; the reader's requests would be denied (403); grant it with {add}");

    [Fact]
    public Task The_exact_grant_is_quiet() => Verify(Facts, [("deploy/base/deployment.yaml", Deployment), (Rbac, RbacYaml())]);

    [Fact]
    public Task A_ClusterRole_bound_by_a_RoleBinding_and_a_group_subject_grant_too()
    {
        // A RoleBinding may refer to a ClusterRole (its rules then apply in the binding's namespace); a ServiceAccount is in
        // the groups system:serviceaccounts:<namespace>, and one rule may list several groups and resources.
        string yaml = RbacYaml(roleRules: """
            - apiGroups: ["", apps]
              resources: [pods, replicasets]
              verbs: [get]
            """) + """

            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: deployment-reader}
            rules:
            - {apiGroups: [apps], resources: [deployments], resourceNames: [orders], verbs: ["get", "watch"]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: deployment-reader, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: deployment-reader}
            subjects: [{kind: Group, name: "system:serviceaccounts:shop"}]
            """;
        return Verify(Facts, [("deploy/base/deployment.yaml", Deployment), (Rbac, yaml)]);
    }

    [Fact]
    public Task A_missing_verb_is_narrower_and_names_the_rule_and_where_it_is() => Verify(
        Facts,
        [("deploy/base/deployment.yaml", Deployment), (Rbac, RbacYaml(roleRules: RoleRules.Replace("verbs: [get, watch]", "verbs: [get]", StringComparison.Ordinal)))],
        Narrower(
            "'watch' on apps/deployments 'orders' (namespaced): Role 'orders-facts' (deploy/base/rbac.yaml:12) lists verbs [get] without 'watch'",
            "a Role bound by a RoleBinding to ServiceAccount 'orders' with rules: {apiGroups: [\"apps\"], resources: [deployments], resourceNames: [orders], verbs: [get, watch]}"));

    [Fact]
    public Task A_missing_resource_is_narrower() => Verify(
        Facts,
        [("deploy/base/deployment.yaml", Deployment), (Rbac, RbacYaml(roleRules: RoleRules.Replace("resources: [replicasets]", "resources: [statefulsets]", StringComparison.Ordinal)))],
        Narrower(
            "'get' on apps/replicasets (namespaced): no rule in the project's manifests allows it",
            "a Role bound by a RoleBinding to ServiceAccount 'orders' with rules: {apiGroups: [\"apps\"], resources: [replicasets], verbs: [get]}"));

    [Fact]
    public Task ResourceNames_without_the_workload_are_narrower() => Verify(
        Facts,
        [("deploy/base/deployment.yaml", Deployment), (Rbac, RbacYaml(roleRules: RoleRules.Replace("resourceNames: [orders]", "resourceNames: [web]", StringComparison.Ordinal)))],
        Narrower(
            "'get' on apps/deployments 'orders' (namespaced): Role 'orders-facts' (deploy/base/rbac.yaml:12) limits it to resourceNames [web], which exclude 'orders'; "
            + "'watch' on apps/deployments 'orders' (namespaced): Role 'orders-facts' (deploy/base/rbac.yaml:12) limits it to resourceNames [web], which exclude 'orders'",
            "a Role bound by a RoleBinding to ServiceAccount 'orders' with rules: {apiGroups: [\"apps\"], resources: [deployments], resourceNames: [orders], verbs: [get, watch]}"));

    [Fact]
    public Task ResourceNames_on_pods_cannot_cover_a_pod_whose_name_is_generated() => Verify(
        Facts,
        [("deploy/base/deployment.yaml", Deployment), (Rbac, RbacYaml(roleRules: RoleRules.Replace("resources: [pods]", "resources: [pods]\n  resourceNames: [orders]", StringComparison.Ordinal)))],
        Narrower(
            "'get' on core/pods (namespaced): Role 'orders-facts' (deploy/base/rbac.yaml:6) limits it to resourceNames [orders], and the reader's get names an object whose name is generated at run time",
            "a Role bound by a RoleBinding to ServiceAccount 'orders' with rules: {apiGroups: [\"\"], resources: [pods], verbs: [get]}"));

    [Fact]
    public Task Nodes_in_a_Role_are_narrower_because_a_Role_cannot_grant_cluster_scoped_resources()
    {
        // Everything in one Role bound by one RoleBinding: the nodes rule never applies.
        string yaml = RbacYaml(roleRules: RoleRules + "\n" + NodeRules);
        yaml = yaml.Substring(0, yaml.IndexOf("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n", StringComparison.Ordinal));
        return Verify(
            Facts,
            [("deploy/base/deployment.yaml", Deployment), (Rbac, yaml)],
            Narrower(
                "'get' on core/nodes (cluster-scoped): Role 'orders-facts' (deploy/base/rbac.yaml:16) is bound by RoleBinding 'orders-facts' (deploy/base/rbac.yaml:21), which grants only inside its namespace, and nodes are cluster-scoped: use a ClusterRole and a ClusterRoleBinding; "
                + "'watch' on core/nodes (cluster-scoped): Role 'orders-facts' (deploy/base/rbac.yaml:16) is bound by RoleBinding 'orders-facts' (deploy/base/rbac.yaml:21), which grants only inside its namespace, and nodes are cluster-scoped: use a ClusterRole and a ClusterRoleBinding",
                "a ClusterRole bound by a ClusterRoleBinding to ServiceAccount 'orders' (with its namespace) with rules: {apiGroups: [\"\"], resources: [nodes], verbs: [get, watch]}"));
    }

    [Fact]
    public Task A_binding_to_another_ServiceAccount_is_narrower() => Verify(
        Facts,
        [("deploy/base/deployment.yaml", Deployment), (Rbac, RbacYaml(roleSubject: "{kind: ServiceAccount, name: web}"))],
        Narrower(
            string.Join("; ", new[] { "'get' on core/pods", "'get' on apps/replicasets", "'get' on apps/deployments 'orders'", "'watch' on apps/deployments 'orders'" }.Select(r =>
                r + " (namespaced): Role 'orders-facts' (deploy/base/rbac.yaml:" + (r.Contains("pods", StringComparison.Ordinal) ? 6 : r.Contains("replicasets", StringComparison.Ordinal) ? 9 : 12)
                + ") allows it, but RoleBinding 'orders-facts' (deploy/base/rbac.yaml:18) binds it to ServiceAccount 'web', not to ServiceAccount 'orders' of the workload's namespace")),
            "a Role bound by a RoleBinding to ServiceAccount 'orders' with rules: {apiGroups: [\"\"], resources: [pods], verbs: [get]}, {apiGroups: [\"apps\"], resources: [replicasets], verbs: [get]}, {apiGroups: [\"apps\"], resources: [deployments], resourceNames: [orders], verbs: [get, watch]}"));

    [Fact]
    public Task A_binding_in_another_namespace_is_narrower()
    {
        string deployment = Deployment.Replace("  name: orders\nspec:", "  name: orders\n  namespace: shop\nspec:", StringComparison.Ordinal);
        string yaml = RbacYaml(roleSubject: "{kind: ServiceAccount, name: orders, namespace: staging}");
        return Verify(
            Facts,
            [("deploy/base/deployment.yaml", deployment), (Rbac, yaml)],
            Narrower(
                string.Join("; ", new[] { "'get' on core/pods", "'get' on apps/replicasets", "'get' on apps/deployments 'orders'", "'watch' on apps/deployments 'orders'" }.Select(r =>
                    r + " (namespaced): Role 'orders-facts' (deploy/base/rbac.yaml:" + (r.Contains("pods", StringComparison.Ordinal) ? 6 : r.Contains("replicasets", StringComparison.Ordinal) ? 9 : 12)
                    + ") allows it, but RoleBinding 'orders-facts' (deploy/base/rbac.yaml:18) binds it to ServiceAccount 'orders' of namespace 'staging', not to ServiceAccount 'orders' of the workload's namespace")),
                "a Role bound by a RoleBinding to ServiceAccount 'orders' with rules: {apiGroups: [\"\"], resources: [pods], verbs: [get]}, {apiGroups: [\"apps\"], resources: [replicasets], verbs: [get]}, {apiGroups: [\"apps\"], resources: [deployments], resourceNames: [orders], verbs: [get, watch]}"));
    }

    [Fact]
    public Task A_ClusterRoleBinding_subject_without_a_namespace_matches_nobody() => Verify(
        Facts,
        [("deploy/base/deployment.yaml", Deployment), (Rbac, RbacYaml(clusterSubject: "{kind: ServiceAccount, name: orders}"))],
        Narrower(
            "'get' on core/nodes (cluster-scoped): ClusterRole 'orders-nodes' (deploy/base/rbac.yaml:30) allows it, but ClusterRoleBinding 'orders-nodes' (deploy/base/rbac.yaml:35) names ServiceAccount 'orders' without a namespace, which a ClusterRoleBinding must give; "
            + "'watch' on core/nodes (cluster-scoped): ClusterRole 'orders-nodes' (deploy/base/rbac.yaml:30) allows it, but ClusterRoleBinding 'orders-nodes' (deploy/base/rbac.yaml:35) names ServiceAccount 'orders' without a namespace, which a ClusterRoleBinding must give",
            "a ClusterRole bound by a ClusterRoleBinding to ServiceAccount 'orders' (with its namespace) with rules: {apiGroups: [\"\"], resources: [nodes], verbs: [get, watch]}"));

    [Fact]
    public Task Without_serviceAccountName_the_pod_runs_as_default()
    {
        string deployment = Deployment.Replace("      serviceAccountName: orders\n", "", StringComparison.Ordinal);
        return Verify(
            Facts,
            [("deploy/base/deployment.yaml", deployment), (Rbac, RbacYaml(roleSubject: "{kind: ServiceAccount, name: default}", clusterSubject: "{kind: ServiceAccount, name: default, namespace: shop}"))]);
    }

    [Fact]
    public Task Grants_beyond_the_need_are_wider() => Verify(
        Facts,
        [("deploy/base/deployment.yaml", Deployment), (Rbac, RbacYaml(roleRules: """
            - apiGroups: [""]
              resources: [pods]
              verbs: [get, list, watch]
            - apiGroups: [apps]
              resources: [replicasets, deployments]
              verbs: [get, watch, update, delete]
            - apiGroups: [""]
              resources: [secrets]
              verbs: [get]
            """, nodeRules: """
            - apiGroups: ["*"]
              resources: ["*"]
              verbs: ["*"]
            """))],
        new DiagnosticResult("PB0510", DiagnosticSeverity.Info).WithLocation(0).WithMessage(
            "The RBAC bound to ServiceAccount 'orders' grants more than the [FromApi] members of Deployment orders need: "
            + "Role 'orders-facts' (deploy/base/rbac.yaml:6) grants 'list', 'watch' on core/pods (the reader needs only get); "
            + "Role 'orders-facts' (deploy/base/rbac.yaml:9) grants 'watch' and write verbs 'update', 'delete' on apps/replicasets (the reader needs only get), "
            + "write verbs 'update', 'delete' on apps/deployments (the reader needs only get, watch), all apps/deployments, with no resourceNames (the reader needs only 'orders'); "
            + "ClusterRole 'orders-nodes' (deploy/base/rbac.yaml:29) grants every API group ('*'), every resource ('*'), every verb ('*'), all apps/deployments, with no resourceNames (the reader needs only 'orders'), "
            + "pods, replicasets, deployments in every namespace, through ClusterRoleBinding 'orders-nodes' (deploy/base/rbac.yaml:34); a RoleBinding in the workload's namespace suffices"));

    [Fact]
    public Task Nothing_granting_any_request_is_missing() => Verify(
        Facts,
        [("deploy/base/deployment.yaml", Deployment)],
        new DiagnosticResult("PB0511", DiagnosticSeverity.Info).WithLocation(0).WithMessage(
            "'ShopFacts' reads the API server as ServiceAccount 'orders' of Deployment orders, but nothing in the project's manifests grants any of its requests, and PodBinding generates no RBAC for the workload without [KubernetesApi]; add "
            + AddAll + ", or declare [KubernetesApi] on the workload's bound class so PodBinding writes the Role"));

    [Fact]
    public Task No_manifests_at_all_is_quiet() => Verify(Facts, []);

    [Fact]
    public Task A_workload_the_manifests_do_not_define_is_quiet() =>
        Verify(Facts, [("deploy/base/deployment.yaml", Deployment.Replace("name: orders\nspec", "name: web\nspec", StringComparison.Ordinal))]);

    [Fact]
    public Task A_binding_to_a_role_outside_the_project_is_not_judged() => Verify(
        Facts,
        [("deploy/base/deployment.yaml", Deployment), (Rbac, """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: orders-view}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects: [{kind: ServiceAccount, name: orders}]
            """)]);

    [Fact]
    public async Task A_generated_rbac_file_is_left_to_PB0300()
    {
        // A stale generated RBAC file (the [KubernetesApi] that wrote it is gone): PB0300 says so, PB0509/PB0511 stay quiet.
        const string generated = "deploy/podbinding/kubernetes-api/in-cluster/deployment-orders.rbac.yaml";
        string yaml = "# Generated by PodBinding from ShopFacts. Do not edit: change the [FromApi] members and rebuild.\n"
            + RbacYaml(roleRules: RoleRules.Replace("verbs: [get, watch]", "verbs: [get]", StringComparison.Ordinal));
        (string, string)[] files = [("deploy/base/deployment.yaml", Deployment), (generated, yaml)];
        await Verify(Facts, files);

        var drift = ManifestTestState.Analyzer<ManifestDriftAnalyzer>(Facts.Replace("{|#0:ShopFacts|}", "ShopFacts", StringComparison.Ordinal), files);
        drift.ExpectedDiagnostics.Add(new DiagnosticResult("PB0300", DiagnosticSeverity.Warning).WithSpan(ManifestTestState.Path(generated), 1, 1, 1, yaml.IndexOf('\n', StringComparison.Ordinal) + 1)
            .WithMessage(generated + " is out of date: no [FromDownward] class in this project generates it any more; delete it (a build that writes the manifests deletes it)"));
        await drift.RunAsync();
    }

    [Fact]
    public Task With_KubernetesApi_the_generated_account_is_judged_and_only_wider_is_reported()
    {
        // [KubernetesApi] makes PodBinding write the workload's RBAC (PB0300 keeps it current): the hand-written Role
        // lacking 'watch' is not PB0509. Its pod runs as the declared ServiceAccount, whose extra grant is PB0510.
        const string source = Facts + """

            [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
            [KubernetesApi(KubernetesApiMode.InCluster, ServiceAccountName = "orders-api")]
            public partial class PodInfo
            {
                [FromDownward("metadata.name")] public string Name { get; init; } = "";
            }
            """;
        string yaml = RbacYaml(roleRules: RoleRules.Replace("verbs: [get, watch]", "verbs: [get, list, watch]", StringComparison.Ordinal), roleSubject: "{kind: ServiceAccount, name: orders-api}");
        return Verify(
            source,
            [("deploy/base/deployment.yaml", Deployment), (Rbac, RbacYaml(roleRules: RoleRules.Replace("verbs: [get, watch]", "verbs: [get]", StringComparison.Ordinal))), ("deploy/base/rbac-api.yaml", yaml.Replace("orders-facts", "orders-api", StringComparison.Ordinal).Replace("orders-nodes", "orders-api-nodes", StringComparison.Ordinal))],
            new DiagnosticResult("PB0510", DiagnosticSeverity.Info).WithLocation(0).WithMessage(
                "The RBAC bound to ServiceAccount 'orders-api' grants more than the [FromApi] members of Deployment orders need: "
                + "Role 'orders-api' (deploy/base/rbac-api.yaml:12) grants 'list' on apps/deployments (the reader needs only get, watch)"));
    }
}
