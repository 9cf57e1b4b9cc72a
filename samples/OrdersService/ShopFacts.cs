using PodBinding;
using PodBinding.Kubernetes.Facts;

namespace OrdersService;

/// <summary>
/// What only the API server knows about the orders pod: its node's zone, the Deployment that owns it, and the orders
/// pods that are ready. The generator implements <see cref="IApiFactsBinding{T}"/> for it and writes the least RBAC
/// these reads need into each API mode's Component (deploy/podbinding/kubernetes-api/&lt;mode&gt;/deployment-orders.rbac.yaml).
/// </summary>
[DownwardBinding(WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
[ApiPeers(Selector = "app.kubernetes.io/name=orders")]
public sealed partial class ShopFacts
{
    /// <summary>topology.kubernetes.io/zone of the node; null when the node has no zone label.</summary>
    [FromApi("node.zone")]
    public string? Zone { get; init; }

    /// <summary>The Deployment behind the pod's ReplicaSet.</summary>
    [FromApi("owner.name")]
    public string? Deployment { get; init; }

    /// <summary>The orders pods that are ready (this one included).</summary>
    [FromApi("peers.ready")]
    public IReadOnlyList<PeerPod> ReadyPeers { get; init; } = [];
}
