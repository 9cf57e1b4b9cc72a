using k8s;
using k8s.Models;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>
/// One immutable stored state of an object: the JSON sent to clients and a private typed copy used only to evaluate
/// selectors (never handed out, never mutated).
/// </summary>
internal sealed class StoredObject
{
    public StoredObject(ResourceType type, IKubernetesObject<V1ObjectMeta> value)
    {
        Type = type;
        Json = KubernetesJson.Serialize(value);
        Value = type.Deserialize(Json);
        Namespace = Value.Metadata.NamespaceProperty ?? "";
        Name = Value.Metadata.Name;
        ResourceVersion = long.Parse(Value.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
    }

    public ResourceType Type { get; }

    public string Json { get; }

    public IKubernetesObject<V1ObjectMeta> Value { get; }

    public string Namespace { get; }

    public string Name { get; }

    public long ResourceVersion { get; }

    /// <summary>A fresh typed copy the caller may change freely.</summary>
    public IKubernetesObject<V1ObjectMeta> Copy() => Type.Deserialize(Json);

    /// <summary>This state with another resource version (a deleted object carries the deletion's version).</summary>
    public StoredObject WithResourceVersion(long resourceVersion)
    {
        IKubernetesObject<V1ObjectMeta> copy = Copy();
        copy.Metadata.ResourceVersion = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new StoredObject(Type, copy);
    }
}

/// <summary>One write, as the watch cache keeps it: the state after (null for a delete) and before (null for a create).</summary>
internal sealed record StoredEvent(long ResourceVersion, ResourceType Type, StoredObject? Current, StoredObject? Previous);
