using k8s.Models;

namespace PodBinding.Kubernetes.Workloads;

/// <summary>
/// Which owner references the chain follows, and which need a <c>get</c>. Only the controller reference counts
/// (<c>controller: true</c>, at most one per object: k8s.io/apimachinery pkg/apis/meta/v1/controller_ref.go,
/// <c>GetControllerOf</c>). A Deployment's ReplicaSets and a CronJob's Jobs carry such a reference to it
/// (pkg/controller/deployment/sync.go <c>getNewReplicaSet</c>; pkg/controller/cronjob/utils.go <c>getJobFromTemplate2</c>);
/// a StatefulSet, DaemonSet or ReplicationController owns its pods directly. Only a ReplicaSet or a Job is read
/// (to find its controller); the top's own reference already says kind, name and UID.
/// </summary>
internal static class OwnerSteps
{
    public const string RbacHint =
        "The owner chain needs only get, on: pods; replicasets (apiGroups: [\"apps\"]) for pods of a Deployment; " +
        "jobs (apiGroups: [\"batch\"]) for pods of a CronJob (the top workload itself is never read: its reference is enough). " +
        "Grant them in one Role in the pod's namespace, without resourceNames: pod, ReplicaSet and Job names change with every rollout or run.";

    public static WorkloadReference? Controller(V1ObjectMeta? metadata)
    {
        if (metadata?.OwnerReferences is not { Count: > 0 } owners)
        {
            return null;
        }

        foreach (V1OwnerReference owner in owners)
        {
            if (owner.Controller == true)
            {
                return new WorkloadReference(owner.Kind, owner.ApiVersion, owner.Name, owner.Uid);
            }
        }

        return null;
    }
}
