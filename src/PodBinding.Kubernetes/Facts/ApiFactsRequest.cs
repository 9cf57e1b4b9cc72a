namespace PodBinding.Kubernetes.Facts;

/// <summary>What one binding class asks of the API server; generated from its declaration.</summary>
/// <param name="Kinds">The fact kinds to read and watch.</param>
/// <param name="PeerSelector">
/// For <see cref="ApiFactKinds.Peers"/>: a label selector (<c>app=shop,tier in (web)</c>), or null for the pod's own
/// labels without the per-pod ones (<c>pod-template-hash</c>, <c>controller-revision-hash</c>,
/// <c>statefulset.kubernetes.io/pod-name</c>, <c>apps.kubernetes.io/pod-index</c>,
/// <c>batch.kubernetes.io/job-completion-index</c>).
/// </param>
/// <param name="WorkloadName">The top workload's name when the declaration knows it (<c>[DownwardBinding(WorkloadName = …)]</c>), else null.</param>
public sealed record ApiFactsRequest(ApiFactKinds Kinds, string? PeerSelector = null, string? WorkloadName = null);
