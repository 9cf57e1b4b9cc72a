namespace PodBinding.Testing;

/// <summary>A container's <c>resources</c>: resource name (<c>cpu</c>, <c>memory</c>, <c>hugepages-2Mi</c>, …) → quantity string.</summary>
public sealed class ContainerResources
{
    /// <summary><c>resources.limits</c>, e.g. <c>["memory"] = "256Mi"</c>, <c>["cpu"] = "500m"</c>.</summary>
    public Dictionary<string, string> Limits { get; } = new(StringComparer.Ordinal);

    /// <summary><c>resources.requests</c>.</summary>
    public Dictionary<string, string> Requests { get; } = new(StringComparer.Ordinal);
}
