namespace PodBinding.Kubernetes.Workloads;

/// <summary>One object in a pod's owner chain, as its controller ownerReference names it.</summary>
/// <param name="Kind">The owner's kind (ReplicaSet, Deployment, Job, CronJob, StatefulSet, DaemonSet, ReplicationController, or another controller's kind).</param>
/// <param name="ApiVersion">The owner's apiVersion (apps/v1, batch/v1, v1, …).</param>
/// <param name="Name">The owner's name (same namespace as the pod).</param>
/// <param name="Uid">The owner's UID.</param>
public sealed record WorkloadReference(string Kind, string ApiVersion, string Name, string Uid)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Kind}/{Name}";
}
