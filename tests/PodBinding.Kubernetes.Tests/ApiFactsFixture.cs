using System.Text;
using k8s.Models;
using PodBinding.Kubernetes.Facts;
using PodBinding.Shared;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.Auth;
using PodBinding.Testing.Kubernetes.Rbac;
using PodBinding.Testing.Kubernetes.ServiceAccount;

namespace PodBinding.Kubernetes.Tests;

/// <summary>A Deployment's pod with a node, two peers and RBAC from the shared access table, on the test API server.</summary>
internal sealed class ApiFactsFixture : IAsyncDisposable
{
    public const string Ns = "shop";
    public const string PodName = "orders-7d4b9-x2k4q";
    public static readonly DownwardIdentity Identity = new(PodName: PodName, Namespace: Ns, ServiceAccountName: "orders");

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbinding-facts-" + Guid.NewGuid().ToString("N"));

    public TestApiServer Server { get; private set; } = null!;

    public KubernetesConnection Connection { get; private set; } = null!;

    /// <summary>Fast reconnects for tests; the defaults are 0.8 s → 30 s and a 3 min idle timeout.</summary>
    public static ApiWatchOptions FastOptions(TimeSpan? idle = null) => new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromSeconds(1),
        IdleTimeout = idle ?? TimeSpan.FromSeconds(30),
    };

    /// <summary>The Role and ClusterRole (with bindings) for <paramref name="kinds"/>, written from <c>ApiAccessContract</c>.</summary>
    public static string ContractRbac(ApiFactKinds kinds, string? workloadKind, string workloadName = "orders", Func<ApiAccessContract.Rule, bool>? keep = null)
    {
        var yaml = new StringBuilder();
        void Role(string kind, IEnumerable<ApiAccessContract.Rule> rules)
        {
            string ns = kind == "Role" ? $", namespace: {Ns}" : "";
            yaml.Append($"---\napiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata: {{name: orders-api-facts{ns}}}\nrules:\n");
            foreach (ApiAccessContract.Rule r in rules)
            {
                yaml.Append($"- apiGroups: [\"{r.ApiGroup}\"]\n  resources: [{r.Resource}]\n");
                if (r.NamedByWorkload)
                {
                    yaml.Append($"  resourceNames: [{workloadName}]\n");
                }

                yaml.Append($"  verbs: [{string.Join(", ", r.Verbs)}]\n");
            }

            yaml.Append($"---\napiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}Binding\nmetadata: {{name: orders-api-facts{ns}}}\n" +
                $"roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: {kind}, name: orders-api-facts}}\nsubjects:\n- {{kind: ServiceAccount, name: orders, namespace: {Ns}}}\n");
        }

        List<ApiAccessContract.Rule> all = ApiAccessContract.Rules((int)kinds, workloadKind).Where(keep ?? (_ => true)).ToList();
        if (all.Any(r => !r.ClusterScoped))
        {
            Role("Role", all.Where(r => !r.ClusterScoped));
        }

        if (all.Any(r => r.ClusterScoped))
        {
            Role("ClusterRole", all.Where(r => r.ClusterScoped));
        }

        return yaml.ToString();
    }

    public static async Task<ApiFactsFixture> StartAsync(string? rbac)
    {
        var fixture = new ApiFactsFixture();
        fixture.Server = await TestApiServer.StartAsync(new TestApiServerOptions
        {
            TokenFile = Path.Join(fixture._dir, "token"),
            Identity = new ServiceAccountIdentity { Namespace = Ns, Name = "orders" },
            Rbac = rbac is null ? null : RbacPolicy.FromYaml(rbac),
            BookmarkInterval = TimeSpan.FromMilliseconds(300),
        });
        Seed(fixture.Server.Store);
        _ = new ServiceAccountFolder(fixture._dir, "facts-token.payload.sig", fixture.Server.CaBundlePem, Ns);
        fixture.Connection = KubernetesConnection.Connect(new KubernetesConnectionOptions
        {
            Mode = KubernetesConnectionMode.InCluster,
            ServiceAccountDirectory = fixture._dir,
            GetEnvironmentVariable = name => fixture.Server.ServiceEnvironment.GetValueOrDefault(name),
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
        return fixture;
    }

    public static V1OwnerReference Controls(string apiVersion, string kind, string name, string uid) =>
        new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = uid, Controller = true };

    public static V1Pod Pod(string name, bool ready, string? ip, string node = "node-a", string cpu = "500m") => new()
    {
        ApiVersion = "v1", Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name, NamespaceProperty = Ns,
            Labels = new Dictionary<string, string> { ["app"] = "orders", ["pod-template-hash"] = "7d4b9" },
            OwnerReferences = [Controls("apps/v1", "ReplicaSet", "orders-7d4b9", "uid-rs")],
        },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "app", Image = "shop/orders:1" }] },
        Status = new V1PodStatus
        {
            Phase = "Running", QosClass = "Burstable", PodIP = ip, StartTime = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc),
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "app", Ready = ready, RestartCount = 2, Image = "shop/orders:1", ImageID = "shop/orders@sha256:abc",
                    State = new V1ContainerState { Running = new V1ContainerStateRunning() },
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new("256Mi") },
                        Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("512Mi") },
                    },
                },
            ],
        },
    };

    public static V1Node Node(string zone) => new()
    {
        ApiVersion = "v1", Kind = "Node",
        Metadata = new V1ObjectMeta { Name = "node-a", Labels = new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = zone, ["topology.kubernetes.io/region"] = "eu-west-1" } },
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("3920m"), ["memory"] = new("15Gi") },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
            NodeInfo = new V1NodeSystemInfo { KubeletVersion = "v1.32.0", Architecture = "amd64", BootID = "b", ContainerRuntimeVersion = "c", KernelVersion = "k", KubeProxyVersion = "p", MachineID = "m", OperatingSystem = "linux", OsImage = "o", SystemUUID = "s" },
        },
    };

    public static V1Deployment Deployment(string uid) => new()
    {
        ApiVersion = "apps/v1", Kind = "Deployment", Metadata = new V1ObjectMeta { Name = "orders", NamespaceProperty = Ns, Uid = uid },
    };

    public static V1ReplicaSet ReplicaSet(string deploymentUid) => new()
    {
        ApiVersion = "apps/v1", Kind = "ReplicaSet",
        Metadata = new V1ObjectMeta { Name = "orders-7d4b9", NamespaceProperty = Ns, Uid = "uid-rs", OwnerReferences = [Controls("apps/v1", "Deployment", "orders", deploymentUid)] },
    };

    private static void Seed(ObjectStore store)
    {
        store.Upsert(Deployment("uid-deploy"));
        store.Upsert(ReplicaSet("uid-deploy"));
        store.Upsert(Node("eu-west-1a"));
        store.Upsert(Pod(PodName, ready: true, "10.0.0.10"));
        store.Upsert(Pod("orders-7d4b9-b2c3d", ready: true, "10.0.0.11"));
        store.Upsert(Pod("orders-7d4b9-c3d4e", ready: false, "10.0.0.12"));
        var other = Pod("billing-5f6g7-aaaaa", ready: true, "10.0.0.20");
        other.Metadata.Labels["app"] = "billing";
        store.Upsert(other);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; generous bound, no timing assert below it.</summary>
    public static Task Eventually(Func<bool> condition, string what, int seconds = 20) => Eventually(condition, () => what, seconds);

    /// <summary>As above, describing the state when it fails.</summary>
    public static async Task Eventually(Func<bool> condition, Func<string> what, int seconds = 20)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Not within {seconds} s: {what()}");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>What a generated binding looks like: a few mapped values, record equality.</summary>
internal sealed record ZoneAndPeers(string? Zone, string? Workload, int ReadyPeers) : IApiFactsBinding<ZoneAndPeers>
{
    public static ApiFactsRequest ApiRequest { get; } = new(ApiFactKinds.Node | ApiFactKinds.Owner | ApiFactKinds.Peers, WorkloadName: "orders");

    public static ZoneAndPeers FromApiFacts(ApiFacts facts) => new(facts.Node?.Zone, facts.Owner?.Workload?.Name, facts.Peers?.Ready.Count ?? 0);
}
