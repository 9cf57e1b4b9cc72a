namespace PodBinding;

/// <summary>The workload a generated kustomize patch targets; each kind nests its pod template differently.</summary>
public enum WorkloadKind
{
    /// <summary>No workload: only the pod-spec fragment is written.</summary>
    None = 0,

    /// <summary><c>v1 Pod</c>: <c>spec</c>.</summary>
    Pod,

    /// <summary><c>apps/v1 Deployment</c>: <c>spec.template.spec</c>.</summary>
    Deployment,

    /// <summary><c>apps/v1 StatefulSet</c>: <c>spec.template.spec</c>.</summary>
    StatefulSet,

    /// <summary><c>apps/v1 DaemonSet</c>: <c>spec.template.spec</c>.</summary>
    DaemonSet,

    /// <summary><c>apps/v1 ReplicaSet</c>: <c>spec.template.spec</c>.</summary>
    ReplicaSet,

    /// <summary><c>batch/v1 Job</c>: <c>spec.template.spec</c>.</summary>
    Job,

    /// <summary><c>batch/v1 CronJob</c>: <c>spec.jobTemplate.spec.template.spec</c>.</summary>
    CronJob,
}
