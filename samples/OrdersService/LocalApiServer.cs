using System.Security.Cryptography;
using k8s.Models;
using PodBinding.Kubernetes;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.Auth;
using PodBinding.Testing.Kubernetes.Proxy;

namespace OrdersService;

/// <summary>
/// A cluster to talk to on a laptop without one: the in-repo test API server (real HTTPS on loopback) holding the
/// simulated pod, its ReplicaSet and Deployment, and its node, as KubernetesClient models. Reached through a real
/// `kubectl proxy` when kubectl is on PATH (Proxy mode, as on a laptop with a cluster), else directly (Kubeconfig mode).
/// </summary>
internal sealed class LocalApiServer : IAsyncDisposable
{
    private readonly string _directory;

    private LocalApiServer(TestApiServer server, string directory, string kubeconfig, KubectlProxy? proxy)
    {
        Server = server;
        _directory = directory;
        KubeconfigPath = kubeconfig;
        Proxy = proxy;
    }

    public TestApiServer Server { get; }

    public string KubeconfigPath { get; }

    public KubectlProxy? Proxy { get; }

    public static async Task<LocalApiServer> StartAsync(PodInfo pod, bool viaKubectlProxy)
    {
        string token = "local-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions
        {
            Token = token,
            Identity = new ServiceAccountIdentity
            {
                Namespace = pod.Namespace,
                Name = pod.ServiceAccount,
                PodName = pod.Name,
                PodUid = pod.Uid.ToString(),
                NodeName = pod.NodeName,
            },
        });
        string directory = Directory.CreateTempSubdirectory("orders-local-api-").FullName;
        try
        {
            Seed(server.Store, pod);
            string kubeconfig = Path.Join(directory, "kubeconfig");
            File.WriteAllText(kubeconfig, Kubeconfig.Render(server.BaseAddress, server.CaBundlePem, token, pod.Namespace));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(kubeconfig, UnixFileMode.UserRead | UnixFileMode.UserWrite); // it holds the token
            }
            KubectlProxy? proxy = viaKubectlProxy && HasKubectl() ? await KubectlProxy.StartTcpAsync(server, token) : null;
            return new LocalApiServer(server, directory, kubeconfig, proxy);
        }
        catch
        {
            await server.DisposeAsync();
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Proxy mode through the started `kubectl proxy`, else Kubeconfig mode with the generated kubeconfig.</summary>
    public KubernetesConnection Connect(TimeSpan? requestTimeout = null)
    {
        var options = Proxy is { Address: { } address }
            ? new KubernetesConnectionOptions { Mode = KubernetesConnectionMode.Proxy, ProxyUri = address }
            : new KubernetesConnectionOptions { Mode = KubernetesConnectionMode.Kubeconfig, KubeconfigPath = KubeconfigPath };
        options.GetEnvironmentVariable = _ => null; // this process's own KUBECONFIG or mode override must not redirect the demo
        options.RequestTimeout = requestTimeout ?? options.RequestTimeout;
        return KubernetesConnection.Connect(options);
    }

    public string Describe() => Proxy is null
        ? $"the in-repo test API server at {Server.BaseAddress} (kubectl is not on PATH, so directly with a generated kubeconfig)"
        : $"the in-repo test API server at {Server.BaseAddress}, through a real `kubectl proxy` on {Proxy.Address}";

    public async ValueTask DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        await Server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static bool HasKubectl()
    {
        try
        {
            KubectlProxy.FindKubectl();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The second orders replica becomes ready (its readiness probe passed): what the facts watch reports live.</summary>
    public void MarkPeerReady(PodInfo pod)
    {
        string hash = pod.Labels.TryGetValue("pod-template-hash", out string? h) ? h : "5d8c9b7f6";
        string deployment = pod.Labels.TryGetValue("app.kubernetes.io/name", out string? n) ? n : "orders";
        V1ReplicaSet rs = Server.Store.Get<V1ReplicaSet>(pod.Namespace, $"{deployment}-{hash}")!;
        Server.Store.Upsert(Peer(pod, rs.Metadata.Name, rs.Metadata.Uid, deployment, hash, ready: true));
    }

    /// <summary>Another replica of the same ReplicaSet, on the same node, with the pod's labels.</summary>
    private static V1Pod Peer(PodInfo pod, string replicaSet, string replicaSetUid, string deployment, string hash, bool ready) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"{deployment}-{hash}-q7x2m", NamespaceProperty = pod.Namespace, Labels = pod.Labels.ToDictionary(),
            OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = replicaSet, Uid = replicaSetUid, Controller = true, BlockOwnerDeletion = true }],
        },
        Spec = new V1PodSpec { NodeName = pod.NodeName, ServiceAccountName = pod.ServiceAccount, Containers = [new V1Container { Name = "orders", Image = "orders:local" }] },
        Status = new V1PodStatus
        {
            Phase = "Running", PodIP = "10.244.1.23",
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        },
    };

    /// <summary>The pod as a Deployment's ReplicaSet would have created it: names from its pod-template-hash label.</summary>
    private static void Seed(ObjectStore store, PodInfo pod)
    {
        string hash = pod.Labels.TryGetValue("pod-template-hash", out string? h) ? h : "5d8c9b7f6";
        string deployment = pod.Labels.TryGetValue("app.kubernetes.io/name", out string? n) ? n : "orders";
        string replicaSet = $"{deployment}-{hash}";
        V1Deployment d = store.Upsert(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = deployment, NamespaceProperty = pod.Namespace, Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = deployment } },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = deployment } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = deployment } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "orders", Image = "orders:local" }] },
                },
            },
        });
        V1ReplicaSet rs = store.Upsert(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta
            {
                Name = replicaSet, NamespaceProperty = pod.Namespace,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = deployment, Uid = d.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
            },
            Spec = new V1ReplicaSetSpec { Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["pod-template-hash"] = hash } } },
        });
        store.Upsert(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = pod.Name, NamespaceProperty = pod.Namespace, Uid = pod.Uid.ToString(),
                Labels = pod.Labels.ToDictionary(), Annotations = pod.Annotations.ToDictionary(),
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = replicaSet, Uid = rs.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
            },
            Spec = new V1PodSpec { NodeName = pod.NodeName, ServiceAccountName = pod.ServiceAccount, Containers = [new V1Container { Name = "orders", Image = "orders:local" }] },
            Status = new V1PodStatus
            {
                Phase = "Running", PodIP = pod.PodIP.ToString(), PodIPs = pod.PodIPs.Select(ip => new V1PodIP { Ip = ip.ToString() }).ToList(),
                Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }],
            },
        });
        store.Upsert(Peer(pod, replicaSet, rs.Metadata.Uid, deployment, hash, ready: false));
        store.Upsert(new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = pod.NodeName,
                Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = pod.NodeName, ["topology.kubernetes.io/zone"] = "eu-west-1a", ["topology.kubernetes.io/region"] = "eu-west-1" },
            },
            Status = new V1NodeStatus { NodeInfo = new V1NodeSystemInfo { KubeletVersion = "v1.32.0", OsImage = "simulated", Architecture = "amd64", OperatingSystem = "linux" } },
        });
    }
}
