namespace PodBinding;

/// <summary>
/// Binds a property of a <c>partial</c> class to a fact only the Kubernetes API server knows: the node the pod runs on,
/// the workload that owns it, its own status beyond the downward fields, or its peers. With PodBinding.Kubernetes
/// referenced, the generator implements <c>PodBinding.Kubernetes.Facts.IApiFactsBinding&lt;T&gt;</c> for the class and
/// writes the least-privilege RBAC for what it reads into each <c>[KubernetesApi]</c> mode's kustomize Component.
/// </summary>
/// <remarks>
/// <para>Paths: <c>node.zone</c>, <c>node.region</c>, <c>node.instanceType</c>, <c>node.labels['k']</c>,
/// <c>node.allocatable['cpu']</c>, <c>owner.kind</c>, <c>owner.name</c>, <c>pod.qosClass</c>, <c>pod.startTime</c>,
/// <c>pod.conditions['Ready']</c>, <c>pod.containers['app'].restartCount</c>, <c>pod.containers['app'].requests['cpu']</c>,
/// <c>peers.ready</c>, <c>peers.ready.ips</c>, … (the README lists them all). A field the Downward API gives
/// (<c>pod.name</c>, <c>pod.labels</c>, …) belongs in <see cref="FromDownwardAttribute"/>: no network, no RBAC.</para>
/// <para>Peers are the pods matching <see cref="ApiPeersAttribute.Selector"/> on the class, or by default the pod's own
/// labels without the per-pod ones.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class FromApiAttribute : Attribute
{
    /// <summary>Binds the property to <paramref name="path"/>.</summary>
    /// <param name="path">An API fact path such as <c>node.zone</c> or <c>peers.ready</c>.</param>
    public FromApiAttribute(string path) => Path = path;

    /// <summary>The fact path (<c>node.zone</c>).</summary>
    public string Path { get; }
}
