using k8s.Models;
using OpenTelemetry.Resources;
using PodBinding.Kubernetes;
using PodBinding.Kubernetes.Workloads;
using PodBinding.OpenTelemetry;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.Auth;
using PodBinding.Testing.Kubernetes.ServiceAccount;

namespace PodBinding.OpenTelemetry.Tests;

/// <summary>
/// The workload attribute from the owner chain the API server reports, for a class that declares none (or the wrong
/// one): a real HTTPS test API server, the pod's service-account folder as the kubelet writes it, PodBinding.Kubernetes
/// resolving pod → ReplicaSet → Deployment, and the detector emitting what the chain says.
/// </summary>
public sealed class OwnerChainWorkloadTests : IDisposable
{
    private readonly string _serviceAccount = Path.Combine(Path.GetTempPath(), "podbinding-otel-sa-" + Guid.NewGuid().ToString("N"));
    private readonly PodFolder _worker = new(WorkerPod.DownwardApi);
    private readonly PodFolder _checkout = new(CheckoutPod.DownwardApi);

    public void Dispose()
    {
        _worker.Dispose();
        _checkout.Dispose();
        try
        {
            Directory.Delete(_serviceAccount, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_class_without_a_workload_gets_the_deployment_its_pod_belongs_to()
    {
        _worker.Sync();
        (TestApiServer server, KubernetesConnection connection) = await StartAsync(_worker.Pod.Name, topKind: "Deployment", topName: "checkout");
        await using (server)
        using (connection)
        {
            OwningWorkload owner = await connection.ResolveWorkloadAsync("shop", _worker.Pod.Name);
            PodResourceAttributes read = PodResourceAttributes.Read<WorkerPod>(new PodBindingResourceOptions
            {
                Source = _worker.Source,
                WorkloadKind = owner.WorkloadKind,
                WorkloadName = owner.Workload?.Name,
            });

            Assert.Equal(WorkloadKind.Deployment, owner.WorkloadKind);
            Assert.Contains(new KeyValuePair<string, object>("k8s.deployment.name", "checkout"), read.Attributes);
            Assert.DoesNotContain(read.Attributes, a => a.Key == "k8s.replicaset.name");
        }
    }

    [Fact]
    public async Task The_chain_wins_over_a_declaration_that_names_another_workload()
    {
        // CheckoutPod declares Deployment "checkout"; the cluster runs it as a StatefulSet.
        _checkout.Sync();
        (TestApiServer server, KubernetesConnection connection) = await StartAsync(_checkout.Pod.Name, topKind: "StatefulSet", topName: "checkout-db");
        await using (server)
        using (connection)
        {
            OwningWorkload owner = await connection.ResolveWorkloadAsync("shop", _checkout.Pod.Name);
            Resource resource = ResourceBuilder.CreateEmpty().AddPodBindingDetector<CheckoutPod>(o =>
            {
                o.Source = _checkout.Source;
                o.WorkloadKind = owner.WorkloadKind;
                o.WorkloadName = owner.Workload?.Name;
            }).Build();

            Assert.Contains(new KeyValuePair<string, object>("k8s.statefulset.name", "checkout-db"), resource.Attributes);
            Assert.DoesNotContain(resource.Attributes, a => a.Key == "k8s.deployment.name");
        }
    }

    private async Task<(TestApiServer, KubernetesConnection)> StartAsync(string podName, string topKind, string topName)
    {
        TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions
        {
            TokenFile = Path.Join(_serviceAccount, "token"),
            Identity = new ServiceAccountIdentity { Namespace = "shop", Name = "checkout" },
        });
        var top = new V1ObjectMeta { Name = topName, NamespaceProperty = "shop", Uid = "uid-top" };
        V1OwnerReference controller;
        if (topKind == "Deployment")
        {
            server.Store.Upsert(new V1Deployment { ApiVersion = "apps/v1", Kind = "Deployment", Metadata = top });
            server.Store.Upsert(new V1ReplicaSet
            {
                ApiVersion = "apps/v1", Kind = "ReplicaSet",
                Metadata = new V1ObjectMeta { Name = topName + "-5c9d7f", NamespaceProperty = "shop", Uid = "uid-rs", OwnerReferences = [Controls("Deployment", topName, "uid-top")] },
            });
            controller = Controls("ReplicaSet", topName + "-5c9d7f", "uid-rs");
        }
        else
        {
            server.Store.Upsert(new V1StatefulSet { ApiVersion = "apps/v1", Kind = topKind, Metadata = top });
            controller = Controls(topKind, topName, "uid-top");
        }

        server.Store.Upsert(new V1Pod
        {
            ApiVersion = "v1", Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = podName, NamespaceProperty = "shop", Uid = "uid-pod", OwnerReferences = [controller] },
        });
        _ = new ServiceAccountFolder(_serviceAccount, "otel-token.payload.sig", server.CaBundlePem, "shop");
        var connection = KubernetesConnection.Connect(new KubernetesConnectionOptions
        {
            Mode = KubernetesConnectionMode.InCluster,
            ServiceAccountDirectory = _serviceAccount,
            GetEnvironmentVariable = name => server.ServiceEnvironment.GetValueOrDefault(name),
        });
        return (server, connection);
    }

    private static V1OwnerReference Controls(string kind, string name, string uid) =>
        new() { ApiVersion = "apps/v1", Kind = kind, Name = name, Uid = uid, Controller = true, BlockOwnerDeletion = true };
}
