namespace PodBinding.Extensions.Tests;

/// <summary>A bound class compiled by the real generator.</summary>
[DownwardBinding(ContainerName = "shop")]
public sealed partial class ShopPod
{
    [FromDownward("metadata.name")]
    public required string Name { get; init; }

    [FromDownward("metadata.labels")]
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
