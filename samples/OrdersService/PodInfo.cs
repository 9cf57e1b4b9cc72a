using System.Net;
using PodBinding;

namespace OrdersService;

/// <summary>What the orders service knows about the pod it runs in; loaded by the generated <c>Load()</c>.</summary>
[DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
// The API server is reached from the pod directly or through an ambassador: one kustomize Component per mode.
[KubernetesApi(KubernetesApiMode.InCluster, KubernetesApiMode.Ambassador)]
public sealed partial class PodInfo
{
    [FromDownward("metadata.name")]
    public required string Name { get; init; }

    [FromDownward("metadata.namespace")]
    public required string Namespace { get; init; }

    [FromDownward("metadata.uid")]
    public required Guid Uid { get; init; }

    /// <summary>Live: read from the downward API volume, so relabeling the pod reaches a running process.</summary>
    [FromDownward("metadata.labels")]
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    [FromDownward("metadata.annotations")]
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    /// <summary>One label; null when the pod has none.</summary>
    [FromDownward("metadata.labels['app.kubernetes.io/version']")]
    public string? Version { get; init; }

    [FromDownward("spec.nodeName")]
    public required string NodeName { get; init; }

    [FromDownward("spec.serviceAccountName")]
    public required string ServiceAccount { get; init; }

    [FromDownward("status.podIP")]
    public required IPAddress PodIP { get; init; }

    [FromDownward("status.podIPs")]
    public required IReadOnlyList<IPAddress> PodIPs { get; init; }

    [FromDownward("limits.memory", Divisor = "1Mi")]
    public required long MemoryLimitMi { get; init; }

    [FromDownward("requests.cpu", Divisor = "1m")]
    public required int CpuRequestMillicores { get; init; }
}
