namespace PodBinding.Kubernetes.Facts;

/// <summary>The pod's own status beyond what the Downward API gives.</summary>
/// <param name="Phase">status.phase</param>
/// <param name="QosClass">status.qosClass (<c>Guaranteed</c>, <c>Burstable</c>, <c>BestEffort</c>).</param>
/// <param name="StartTime">status.startTime</param>
/// <param name="Conditions">status.conditions: type → status (<c>True</c>/<c>False</c>/<c>Unknown</c>).</param>
/// <param name="Containers">status.containerStatuses (and initContainerStatuses of native sidecars).</param>
/// <param name="Resize">status.resize, or the PodResizePending/PodResizeInProgress condition, or null.</param>
public sealed record PodStatusFacts(
    string? Phase,
    string? QosClass,
    DateTimeOffset? StartTime,
    IReadOnlyDictionary<string, string> Conditions,
    IReadOnlyList<ContainerStatusFacts> Containers,
    string? Resize)
{
    /// <summary>The <c>Ready</c> condition is <c>True</c>.</summary>
    public bool Ready => Conditions.TryGetValue("Ready", out string? s) && s == "True";
}

/// <summary>One container's status.</summary>
/// <param name="Name">The container's name.</param>
/// <param name="Ready">ready</param>
/// <param name="RestartCount">restartCount</param>
/// <param name="ImageId">imageID (the digest actually running).</param>
/// <param name="State">The state's name: <c>waiting</c>, <c>running</c> or <c>terminated</c>.</param>
/// <param name="Requests">resources.requests actually applied (after an in-place resize), quantity strings.</param>
/// <param name="Limits">resources.limits actually applied, quantity strings.</param>
public sealed record ContainerStatusFacts(
    string Name,
    bool Ready,
    int RestartCount,
    string? ImageId,
    string? State,
    IReadOnlyDictionary<string, string> Requests,
    IReadOnlyDictionary<string, string> Limits);
