using PodBinding.Kubernetes.Workloads;

namespace PodBinding.Kubernetes.Facts;

/// <summary>
/// One consistent snapshot of what the API server says about this pod: each part is null unless its
/// <see cref="ApiFactKinds"/> was asked for. Replaced as a whole when a watch reports a change.
/// </summary>
/// <param name="Pod">The pod's own status.</param>
/// <param name="Node">The node the pod runs on.</param>
/// <param name="Owner">The owner chain up to the workload.</param>
/// <param name="Peers">The pods sharing the selector (this pod included).</param>
public sealed record ApiFacts(PodStatusFacts? Pod, NodeFacts? Node, OwningWorkload? Owner, PeerSet? Peers);
