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

/// <summary>The resources the test server serves.</summary>
internal static class ResourceTypes
{
    public static readonly IReadOnlyList<ResourceType> All = new ResourceType[]
    {
        new ResourceType<V1Pod, V1PodList>("", "v1", "pods", "Pod", namespaced: true),
        new ResourceType<V1Node, V1NodeList>("", "v1", "nodes", "Node", namespaced: false),
        new ResourceType<V1ReplicaSet, V1ReplicaSetList>("apps", "v1", "replicasets", "ReplicaSet", namespaced: true),
        new ResourceType<V1Deployment, V1DeploymentList>("apps", "v1", "deployments", "Deployment", namespaced: true),
        new ResourceType<V1StatefulSet, V1StatefulSetList>("apps", "v1", "statefulsets", "StatefulSet", namespaced: true),
        new ResourceType<V1Job, V1JobList>("batch", "v1", "jobs", "Job", namespaced: true),
        new ResourceType<V1CronJob, V1CronJobList>("batch", "v1", "cronjobs", "CronJob", namespaced: true),
    };

    public static ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public static ResourceType ForObject(IKubernetesObject<V1ObjectMeta> value) =>
        All.FirstOrDefault(t => t.ObjectType == value.GetType())
        ?? throw new ArgumentException(
            $"The test API server does not store {value.GetType().Name}; it serves {string.Join(", ", All.Select(t => t.Kind))}.",
            nameof(value));
}
