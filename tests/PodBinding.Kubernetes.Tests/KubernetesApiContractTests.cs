using PodBinding.Shared;

namespace PodBinding.Kubernetes.Tests;

/// <summary>The generated [KubernetesApi] YAML sets exactly the variables, endpoints and folder the connection reads.</summary>
public sealed class KubernetesApiContractTests
{
    [Fact]
    public void TheYamlsNames_AreTheConnectionsDefaults()
    {
        var options = new KubernetesConnectionOptions();
        Assert.Equal(KubernetesApiContract.ModeVariable, options.ModeVariable);
        Assert.Equal(KubernetesApiContract.AmbassadorVariable, options.AmbassadorVariable);
        Assert.Equal(new Uri(KubernetesApiContract.AmbassadorTcpUri), options.AmbassadorUri);
        Assert.Equal(KubernetesApiContract.AmbassadorPort, options.AmbassadorUri.Port);
        Assert.Equal(KubernetesApiContract.ServiceAccountDirectory, KubernetesConnectionOptions.DefaultServiceAccountDirectory);
        Assert.Equal(KubernetesApiContract.InClusterMode, nameof(KubernetesConnectionMode.InCluster));
        Assert.Equal(KubernetesApiContract.AmbassadorMode, nameof(KubernetesConnectionMode.Ambassador));
    }

    [Fact]
    public void TheSocketVariant_IsAnAmbassadorEndpointTheConnectionAccepts()
    {
        // The generated env value, through the connection's own parsing: Ambassador mode, dialling the socket path.
        var options = new KubernetesConnectionOptions
        {
            Mode = KubernetesConnectionMode.Ambassador,
            GetEnvironmentVariable = name => name == KubernetesApiContract.AmbassadorVariable ? KubernetesApiContract.AmbassadorSocketUri : null,
        };
        using KubernetesConnection connection = KubernetesConnection.Connect(options);
        Assert.Equal(KubernetesConnectionMode.Ambassador, connection.Mode);
        Assert.Equal(KubernetesApiContract.AmbassadorSocketUri, connection.Endpoint);
        Assert.StartsWith(KubernetesApiContract.SocketDirectory + "/", KubernetesApiContract.SocketPath, StringComparison.Ordinal);
    }
}

/// <summary>The one workload table (src/Shared/WorkloadResources.cs) against KubernetesClient's model constants.</summary>
public sealed class WorkloadResourcesContractTests
{
    public static TheoryData<string, string, string, string, string> Models => new()
    {
        { k8s.Models.V1Pod.KubeKind, k8s.Models.V1Pod.KubeGroup, k8s.Models.V1Pod.KubeApiVersion, k8s.Models.V1Pod.KubePluralName, "api/v1/namespaces/ns/pods" },
        { k8s.Models.V1Deployment.KubeKind, k8s.Models.V1Deployment.KubeGroup, k8s.Models.V1Deployment.KubeApiVersion, k8s.Models.V1Deployment.KubePluralName, "apis/apps/v1/namespaces/ns/deployments" },
        { k8s.Models.V1StatefulSet.KubeKind, k8s.Models.V1StatefulSet.KubeGroup, k8s.Models.V1StatefulSet.KubeApiVersion, k8s.Models.V1StatefulSet.KubePluralName, "apis/apps/v1/namespaces/ns/statefulsets" },
        { k8s.Models.V1DaemonSet.KubeKind, k8s.Models.V1DaemonSet.KubeGroup, k8s.Models.V1DaemonSet.KubeApiVersion, k8s.Models.V1DaemonSet.KubePluralName, "apis/apps/v1/namespaces/ns/daemonsets" },
        { k8s.Models.V1ReplicaSet.KubeKind, k8s.Models.V1ReplicaSet.KubeGroup, k8s.Models.V1ReplicaSet.KubeApiVersion, k8s.Models.V1ReplicaSet.KubePluralName, "apis/apps/v1/namespaces/ns/replicasets" },
        { k8s.Models.V1Job.KubeKind, k8s.Models.V1Job.KubeGroup, k8s.Models.V1Job.KubeApiVersion, k8s.Models.V1Job.KubePluralName, "apis/batch/v1/namespaces/ns/jobs" },
        { k8s.Models.V1CronJob.KubeKind, k8s.Models.V1CronJob.KubeGroup, k8s.Models.V1CronJob.KubeApiVersion, k8s.Models.V1CronJob.KubePluralName, "apis/batch/v1/namespaces/ns/cronjobs" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void EachRow_IsNamedAsTheApiNamesIt(string kind, string group, string version, string plural, string path)
    {
        WorkloadResources.Resource row = WorkloadResources.ByKind(kind) ?? throw new Xunit.Sdk.XunitException($"{kind} is not in WorkloadResources");
        Assert.Equal((group, version, plural), (row.Group, row.Version, row.Plural));
        Assert.Equal(group.Length == 0 ? version : group + "/" + version, row.ApiVersion);
        Assert.Equal(path, row.CollectionPath("ns"));
    }

    [Fact]
    public void EveryRow_IsPinned() => Assert.Equal(Models.Count, WorkloadResources.All.Count);
}
