namespace PodBinding.Kubernetes.Facts;

/// <summary>The node the pod runs on: its labels and what it can give to pods.</summary>
/// <param name="Name">metadata.name</param>
/// <param name="Labels">metadata.labels</param>
/// <param name="Allocatable">status.allocatable as quantity strings (<c>cpu</c> = <c>3920m</c>, <c>memory</c> = <c>15Gi</c>, …).</param>
/// <param name="Ready">The <c>Ready</c> condition is <c>True</c>.</param>
/// <param name="KubeletVersion">status.nodeInfo.kubeletVersion</param>
public sealed record NodeFacts(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Allocatable,
    bool Ready,
    string? KubeletVersion)
{
    /// <summary>The well-known label <c>topology.kubernetes.io/zone</c>, or null.</summary>
    public string? Zone => Labels.TryGetValue("topology.kubernetes.io/zone", out string? v) ? v : null;

    /// <summary>The well-known label <c>topology.kubernetes.io/region</c>, or null.</summary>
    public string? Region => Labels.TryGetValue("topology.kubernetes.io/region", out string? v) ? v : null;

    /// <summary>The well-known label <c>node.kubernetes.io/instance-type</c>, or null.</summary>
    public string? InstanceType => Labels.TryGetValue("node.kubernetes.io/instance-type", out string? v) ? v : null;
}
