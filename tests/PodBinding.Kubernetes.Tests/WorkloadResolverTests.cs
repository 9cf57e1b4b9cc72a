using k8s.Models;
using PodBinding.Kubernetes.Workloads;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.Auth;
using PodBinding.Testing.Kubernetes.Rbac;
using PodBinding.Testing.Kubernetes.ServiceAccount;

namespace PodBinding.Kubernetes.Tests;

/// <summary>The owner chain against the test API server, with RBAC enforced from YAML.</summary>
public sealed class WorkloadResolverTests : IDisposable
{
    private const string LeastPrivilege = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: workload-reader, namespace: shop}
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get]
        - apiGroups: [apps]
          resources: [replicasets]
          verbs: [get]
        - apiGroups: [batch]
          resources: [jobs]
          verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: workload-reader, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: workload-reader}
        subjects:
        - {kind: ServiceAccount, name: orders, namespace: shop}
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbinding-owner-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static V1OwnerReference Controls(string apiVersion, string kind, string name, string uid) =>
        new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = uid, Controller = true, BlockOwnerDeletion = true };

    private static V1ObjectMeta Meta(string name, string uid, params V1OwnerReference[] owners) =>
        new() { Name = name, NamespaceProperty = "shop", Uid = uid, OwnerReferences = owners.Length == 0 ? null : owners.ToList() };

    private static void Seed(ObjectStore store)
    {
        store.Upsert(new V1Deployment { ApiVersion = "apps/v1", Kind = "Deployment", Metadata = Meta("orders", "uid-deploy") });
        store.Upsert(new V1ReplicaSet { ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = Meta("orders-7d4b9", "uid-rs", Controls("apps/v1", "Deployment", "orders", "uid-deploy")) });
        store.Upsert(new V1Pod
        {
            ApiVersion = "v1", Kind = "Pod",
            Metadata = Meta("orders-7d4b9-x2k4q", "uid-pod-1", Controls("apps/v1", "ReplicaSet", "orders-7d4b9", "uid-rs")),
        });
        store.Upsert(new V1CronJob { ApiVersion = "batch/v1", Kind = "CronJob", Metadata = Meta("nightly", "uid-cron") });
        store.Upsert(new V1Job { ApiVersion = "batch/v1", Kind = "Job", Metadata = Meta("nightly-29011440", "uid-job", Controls("batch/v1", "CronJob", "nightly", "uid-cron")) });
        store.Upsert(new V1Pod
        {
            ApiVersion = "v1", Kind = "Pod",
            Metadata = Meta("nightly-29011440-5hq2d", "uid-pod-2", Controls("batch/v1", "Job", "nightly-29011440", "uid-job")),
        });
        store.Upsert(new V1Pod
        {
            ApiVersion = "v1", Kind = "Pod",
            // A non-controller owner first: only the controller reference counts.
            Metadata = Meta("db-0", "uid-pod-3",
                new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "db-config", Uid = "uid-cm" },
                Controls("apps/v1", "StatefulSet", "db", "uid-sts")),
        });
        store.Upsert(new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = Meta("debug", "uid-pod-4") });
    }

    private async Task<(TestApiServer Server, KubernetesConnection Connection)> StartAsync(string? rbac)
    {
        TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions
        {
            TokenFile = Path.Join(_dir, "token"),
            Identity = new ServiceAccountIdentity { Namespace = "shop", Name = "orders" },
            Rbac = rbac is null ? null : RbacPolicy.FromYaml(rbac),
        });
        Seed(server.Store);
        _ = new ServiceAccountFolder(_dir, "owner-token.payload.sig", server.CaBundlePem, "shop");
        var connection = KubernetesConnection.Connect(new KubernetesConnectionOptions
        {
            Mode = KubernetesConnectionMode.InCluster,
            ServiceAccountDirectory = _dir,
            GetEnvironmentVariable = name => server.ServiceEnvironment.GetValueOrDefault(name),
        });
        return (server, connection);
    }

    [Fact]
    public async Task Get_on_pods_replicasets_and_jobs_is_enough_and_every_rule_is_used()
    {
        (TestApiServer server, KubernetesConnection connection) = await StartAsync(LeastPrivilege);
        await using (server)
        using (connection)
        {
            OwningWorkload deployment = await connection.ResolveWorkloadAsync(new DownwardIdentity(PodName: "orders-7d4b9-x2k4q"));
            OwningWorkload cron = await connection.ResolveWorkloadAsync("shop", "nightly-29011440-5hq2d");
            OwningWorkload stateful = await connection.ResolveWorkloadAsync("shop", "db-0");
            OwningWorkload bare = await connection.ResolveWorkloadAsync("shop", "debug");

            Assert.Equal(new WorkloadReference("Deployment", "apps/v1", "orders", "uid-deploy"), deployment.Workload);
            Assert.Equal(["ReplicaSet/orders-7d4b9", "Deployment/orders"], deployment.Chain.Select(c => c.ToString()));
            Assert.Equal(("shop", "uid-pod-1"), (deployment.Namespace, deployment.PodUid)); // the namespace came from the service-account folder
            Assert.Equal(["Job/nightly-29011440", "CronJob/nightly"], cron.Chain.Select(c => c.ToString()));
            Assert.Equal(new WorkloadReference("StatefulSet", "apps/v1", "db", "uid-sts"), Assert.Single(stateful.Chain));
            Assert.True(bare.IsBarePod);
            Assert.Null(bare.Workload);

            // Least privilege: each rule allowed something, nothing else was asked for (the tops are never read).
            Assert.Empty(server.UnusedRbacRules);
            Assert.Equal(
                new[] { ("pods", 4L), ("replicasets", 1L), ("jobs", 1L) },
                server.RbacRuleUses.OrderBy(u => u.Key.RuleIndex).Select(u => (u.Key.Rule.Resources.Single(), u.Value)));
            Assert.All(server.Requests, r => Assert.Equal("get", r.Verb));
        }
    }

    [Fact]
    public async Task A_refused_step_names_it_and_prints_the_role_for_that_get()
    {
        string withoutReplicaSets = LeastPrivilege.Replace("resources: [replicasets]", "resources: [statefulsets]", StringComparison.Ordinal);
        (TestApiServer server, KubernetesConnection connection) = await StartAsync(withoutReplicaSets);
        await using (server)
        using (connection)
        {
            var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => connection.ResolveWorkloadAsync("shop", "orders-7d4b9-x2k4q"));

            Assert.Equal(KubernetesConnectionErrorKind.Forbidden, e.Kind);
            Assert.Equal(403, e.StatusCode);
            Assert.Contains("Resolving the workload that owns pod shop/orders-7d4b9-x2k4q was refused reading ReplicaSet/orders-7d4b9", e.Message);
            Assert.Contains("system:serviceaccount:shop:orders may not get replicasets (API group apps) in namespace shop (name orders-7d4b9)", e.Message);
            string yaml = e.Message.ReplaceLineEndings("\n");
            Assert.Contains("- apiGroups: [\"apps\"]\n  resources: [\"replicasets\"]\n  resourceNames: [\"orders-7d4b9\"]\n  verbs: [\"get\"]", yaml);
            Assert.Contains("kind: ServiceAccount\n  name: orders\n  namespace: shop", yaml);
            Assert.Contains("The owner chain needs only get", e.Message);
        }
    }

    [Fact]
    public async Task A_pod_that_does_not_exist_says_where_its_name_should_come_from()
    {
        (TestApiServer server, KubernetesConnection connection) = await StartAsync(rbac: null);
        await using (server)
        using (connection)
        {
            var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => connection.ResolveWorkloadAsync("shop", "orders-gone"));

            Assert.Equal(KubernetesConnectionErrorKind.NotFound, e.Kind);
            Assert.Contains("Pod shop/orders-gone does not exist", e.Message);
            Assert.Contains("fieldRef metadata.name", e.Message);
        }
    }

    [Fact]
    public async Task An_owner_recreated_under_the_same_name_ends_the_chain_at_the_reference()
    {
        (TestApiServer server, KubernetesConnection connection) = await StartAsync(rbac: null);
        await using (server)
        using (connection)
        {
            Assert.True(server.Store.Delete<V1ReplicaSet>("shop", "orders-7d4b9")); // the UID stays on update, as on a real server
            server.Store.Upsert(new V1ReplicaSet { ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = Meta("orders-7d4b9", "uid-rs-new", Controls("apps/v1", "Deployment", "orders", "uid-deploy")) });

            OwningWorkload owner = await connection.ResolveWorkloadAsync("shop", "orders-7d4b9-x2k4q");

            Assert.Equal(new WorkloadReference("ReplicaSet", "apps/v1", "orders-7d4b9", "uid-rs"), Assert.Single(owner.Chain));
        }
    }

    [Fact]
    public void A_missing_pod_name_says_how_to_expose_it()
    {
        using KubernetesConnection connection = KubernetesConnectionForNothing();
        var e = Assert.Throws<ArgumentException>(() => { _ = connection.ResolveWorkloadAsync(new DownwardIdentity()); });

        Assert.Contains("fieldPath: metadata.name", e.Message);
    }

    private static KubernetesConnection KubernetesConnectionForNothing() => KubernetesConnection.Connect(new KubernetesConnectionOptions
    {
        Mode = KubernetesConnectionMode.Proxy,
        ProxyUri = new Uri($"http://127.0.0.1:{ModeSelectionTests.ClosedPort()}"),
        GetEnvironmentVariable = new FakeEnvironment().Get,
    });
}
