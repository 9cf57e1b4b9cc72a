namespace PodBinding.Kubernetes.Workloads;

/// <summary>
/// Who owns a pod: the controller chain from the pod's own controller up to the top workload
/// (ReplicaSet → Deployment, Job → CronJob, or a StatefulSet, DaemonSet or ReplicationController directly).
/// </summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="PodName">The pod's name.</param>
/// <param name="PodUid">The pod's UID as the API server returned it.</param>
/// <param name="Chain">The controllers, nearest first; empty for a bare pod.</param>
public sealed record OwningWorkload(string Namespace, string PodName, string? PodUid, IReadOnlyList<WorkloadReference> Chain)
{
    /// <summary>The top of the chain (the Deployment, CronJob, StatefulSet, …), or null for a bare pod.</summary>
    public WorkloadReference? Workload => Chain.Count == 0 ? null : Chain[^1];

    /// <summary>Whether no controller owns the pod (created directly, or orphaned).</summary>
    public bool IsBarePod => Chain.Count == 0;

    /// <summary>
    /// The top workload as PodBinding's <see cref="PodBinding.WorkloadKind"/> (what <c>[DownwardBinding]</c> and the
    /// OpenTelemetry detector's options take): <see cref="PodBinding.WorkloadKind.Pod"/> for a bare pod,
    /// <see cref="PodBinding.WorkloadKind.None"/> for a controller PodBinding has no kind for (a ReplicationController).
    /// </summary>
    public PodBinding.WorkloadKind WorkloadKind =>
        Workload is null ? PodBinding.WorkloadKind.Pod
        // The enum's member names are the Kubernetes kinds (pinned by the generator's contract tests).
        : Enum.TryParse(Workload.Kind, ignoreCase: false, out PodBinding.WorkloadKind kind) && kind is not (PodBinding.WorkloadKind.None or PodBinding.WorkloadKind.Pod) ? kind
        : PodBinding.WorkloadKind.None;

    /// <inheritdoc/>
    public override string ToString() =>
        $"pod {Namespace}/{PodName}: " + (IsBarePod ? "no controller (a bare pod)" : string.Join(" → ", Chain) + $" (workload {Workload})");
}
