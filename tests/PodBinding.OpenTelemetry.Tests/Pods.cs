namespace PodBinding.OpenTelemetry.Tests;

/// <summary>A class binding every field the detector reads, compiled by the real generator.</summary>
[DownwardBinding(ContainerName = "checkout", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "checkout")]
public sealed partial class CheckoutPod
{
    [FromDownward("metadata.name")]
    public required string Name { get; init; }

    [FromDownward("metadata.namespace")]
    public required string Namespace { get; init; }

    [FromDownward("metadata.uid")]
    public required Guid Uid { get; init; }

    [FromDownward("spec.nodeName")]
    public required string NodeName { get; init; }

    [FromDownward("metadata.labels")]
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    [FromDownward("metadata.annotations")]
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }
}

/// <summary>A class binding only the pod name and one label: the detector must not invent the rest.</summary>
[DownwardBinding(ContainerName = "worker")]
public sealed partial class WorkerPod
{
    [FromDownward("metadata.name")]
    public required string Name { get; init; }

    [FromDownward("metadata.labels['tier']")]
    public string? Tier { get; init; }
}
