namespace PodBinding.OpenTelemetry;

/// <summary>What <c>AddPodBindingDetector&lt;TPod&gt;()</c> reads and emits.</summary>
/// <remarks>
/// The workload defaults to the class's own <see cref="DownwardBindingAttribute.WorkloadKind"/> and
/// <see cref="DownwardBindingAttribute.WorkloadName"/> (the generator carries them in <c>DownwardApi</c>); set
/// <see cref="WorkloadKind"/> here to override them, e.g. with the owner workload read from the API server.
/// </remarks>
public sealed class PodBindingResourceOptions
{
    /// <summary>Where to read. Default: the running pod (env vars and the volume at the class's mount path).</summary>
    public PodSource? Source { get; set; }

    /// <summary>
    /// The workload that owns the pod; with <see cref="WorkloadName"/>, emits <c>k8s.deployment.name</c> and the like.
    /// <see cref="PodBinding.WorkloadKind.None"/> (the default) means the class's own declaration.
    /// </summary>
    public WorkloadKind WorkloadKind { get; set; }

    /// <summary>The workload's <c>metadata.name</c>. Emitted only together with a <see cref="WorkloadKind"/> that has a key.</summary>
    public string? WorkloadName { get; set; }

    /// <summary>
    /// Label keys to emit as <c>k8s.pod.label.&lt;key&gt;</c>. Labels are opt-in: none are emitted unless listed here, and a
    /// listed key is emitted only when the class binds it (the whole <c>metadata.labels</c> map, or that one key).
    /// </summary>
    public ICollection<string> LabelKeys { get; } = new List<string>();

    /// <summary>Annotation keys to emit as <c>k8s.pod.annotation.&lt;key&gt;</c>; opt-in the same way as <see cref="LabelKeys"/>.</summary>
    public ICollection<string> AnnotationKeys { get; } = new List<string>();
}
