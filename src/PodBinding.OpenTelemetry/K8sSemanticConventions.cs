namespace PodBinding.OpenTelemetry;

/// <summary>
/// The Kubernetes resource attribute names this package emits, from one pinned release of the OpenTelemetry semantic
/// conventions (the <c>registry.k8s</c> group in <c>model/k8s/registry.yaml</c>). Every name the detector writes
/// comes from here; a test checks each against that release's attribute list.
/// </summary>
public static class K8sSemanticConventions
{
    /// <summary>The semantic-conventions release the names follow. All of them are <c>stable</c> there.</summary>
    public const string Version = "1.44.0";

    /// <summary>The schema URL of <see cref="Version"/>.</summary>
    public const string SchemaUrl = "https://opentelemetry.io/schemas/" + Version;

    /// <summary><c>metadata.name</c> of the pod.</summary>
    public const string PodName = "k8s.pod.name";

    /// <summary><c>metadata.uid</c> of the pod.</summary>
    public const string PodUid = "k8s.pod.uid";

    /// <summary>The pod's namespace.</summary>
    public const string NamespaceName = "k8s.namespace.name";

    /// <summary><c>spec.nodeName</c>: the node the pod was scheduled to.</summary>
    public const string NodeName = "k8s.node.name";

    /// <summary>The container's name in the pod spec.</summary>
    public const string ContainerName = "k8s.container.name";

    /// <summary>A template: <c>k8s.pod.label.&lt;key&gt;</c>.</summary>
    public const string PodLabelPrefix = "k8s.pod.label.";

    /// <summary>A template: <c>k8s.pod.annotation.&lt;key&gt;</c>.</summary>
    public const string PodAnnotationPrefix = "k8s.pod.annotation.";

    /// <summary>The Deployment's name.</summary>
    public const string DeploymentName = "k8s.deployment.name";

    /// <summary>The StatefulSet's name.</summary>
    public const string StatefulSetName = "k8s.statefulset.name";

    /// <summary>The DaemonSet's name.</summary>
    public const string DaemonSetName = "k8s.daemonset.name";

    /// <summary>The ReplicaSet's name.</summary>
    public const string ReplicaSetName = "k8s.replicaset.name";

    /// <summary>The Job's name.</summary>
    public const string JobName = "k8s.job.name";

    /// <summary>The CronJob's name.</summary>
    public const string CronJobName = "k8s.cronjob.name";

    /// <summary>
    /// The attribute that names a workload of <paramref name="kind"/>, or <see langword="null"/> for
    /// <see cref="WorkloadKind.None"/> and <see cref="WorkloadKind.Pod"/> (a bare pod is already <see cref="PodName"/>).
    /// </summary>
    public static string? WorkloadNameKey(WorkloadKind kind) => kind switch
    {
        WorkloadKind.Deployment => DeploymentName,
        WorkloadKind.StatefulSet => StatefulSetName,
        WorkloadKind.DaemonSet => DaemonSetName,
        WorkloadKind.ReplicaSet => ReplicaSetName,
        WorkloadKind.Job => JobName,
        WorkloadKind.CronJob => CronJobName,
        _ => null,
    };
}
