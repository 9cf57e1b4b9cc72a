using k8s;
using k8s.Models;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>One served resource: where it lives in the URL space and how its objects and lists are typed.</summary>
internal abstract class ResourceType
{
    protected ResourceType(string group, string version, string plural, string kind, bool namespaced)
    {
        Group = group;
        Version = version;
        Plural = plural;
        Kind = kind;
        Namespaced = namespaced;
    }

    /// <summary>The API group ("" for the core group).</summary>
    public string Group { get; }

    public string Version { get; }

    public string Plural { get; }

    public string Kind { get; }

    public bool Namespaced { get; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The group-qualified resource name used in messages: <c>pods</c>, <c>deployments.apps</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public abstract Type ObjectType { get; }

    public abstract IKubernetesObject<V1ObjectMeta> Deserialize(string json);

    public abstract object CreateList(IEnumerable<IKubernetesObject<V1ObjectMeta>> items, string resourceVersion);

    /// <summary>An empty object carrying only the resource version: the object of a BOOKMARK event.</summary>
    public abstract IKubernetesObject<V1ObjectMeta> CreateBookmark(string resourceVersion);
}

internal sealed class ResourceType<TObject, TList> : ResourceType
    where TObject : class, IKubernetesObject<V1ObjectMeta>, new()
    where TList : class, IKubernetesObject<V1ListMeta>, IItems<TObject>, new()
{
    public ResourceType(string group, string version, string plural, string kind, bool namespaced)
        : base(group, version, plural, kind, namespaced)
    {
    }

    public override Type ObjectType => typeof(TObject);

    public override IKubernetesObject<V1ObjectMeta> Deserialize(string json) => KubernetesJson.Deserialize<TObject>(json);

    public override object CreateList(IEnumerable<IKubernetesObject<V1ObjectMeta>> items, string resourceVersion) => new TList
    {
        ApiVersion = ApiVersion,
        Kind = Kind + "List",
        Metadata = new V1ListMeta { ResourceVersion = resourceVersion },
        Items = items.Cast<TObject>().ToList(),
    };

    public override IKubernetesObject<V1ObjectMeta> CreateBookmark(string resourceVersion) => new TObject
    {
        ApiVersion = ApiVersion,
        Kind = Kind,
        Metadata = new V1ObjectMeta { ResourceVersion = resourceVersion },
    };
}

/// <summary>The resources the test server serves, named as KubernetesClient's models name them (the API's own discovery names).</summary>
internal static class ResourceTypes
{
    public static readonly IReadOnlyList<ResourceType> All = new ResourceType[]
    {
        new ResourceType<V1Pod, V1PodList>(V1Pod.KubeGroup, V1Pod.KubeApiVersion, V1Pod.KubePluralName, V1Pod.KubeKind, namespaced: true),
        new ResourceType<V1Node, V1NodeList>(V1Node.KubeGroup, V1Node.KubeApiVersion, V1Node.KubePluralName, V1Node.KubeKind, namespaced: false),
        new ResourceType<V1ReplicaSet, V1ReplicaSetList>(V1ReplicaSet.KubeGroup, V1ReplicaSet.KubeApiVersion, V1ReplicaSet.KubePluralName, V1ReplicaSet.KubeKind, namespaced: true),
        new ResourceType<V1Deployment, V1DeploymentList>(V1Deployment.KubeGroup, V1Deployment.KubeApiVersion, V1Deployment.KubePluralName, V1Deployment.KubeKind, namespaced: true),
        new ResourceType<V1StatefulSet, V1StatefulSetList>(V1StatefulSet.KubeGroup, V1StatefulSet.KubeApiVersion, V1StatefulSet.KubePluralName, V1StatefulSet.KubeKind, namespaced: true),
        new ResourceType<V1Job, V1JobList>(V1Job.KubeGroup, V1Job.KubeApiVersion, V1Job.KubePluralName, V1Job.KubeKind, namespaced: true),
        new ResourceType<V1CronJob, V1CronJobList>(V1CronJob.KubeGroup, V1CronJob.KubeApiVersion, V1CronJob.KubePluralName, V1CronJob.KubeKind, namespaced: true),
    };

    public static ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public static ResourceType ForObject(IKubernetesObject<V1ObjectMeta> value) =>
        All.FirstOrDefault(t => t.ObjectType == value.GetType())
        ?? throw new ArgumentException(
            $"The test API server does not store {value.GetType().Name}; it serves {string.Join(", ", All.Select(t => t.Kind))}.",
            nameof(value));
}
