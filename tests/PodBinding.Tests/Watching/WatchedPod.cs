namespace PodBinding.Tests.Watching;

/// <summary>A bound class compiled by the real generator: env members, a live map, an optional key.</summary>
[DownwardBinding(ContainerName = "app")]
public sealed partial class WatchedPod
{
    [FromDownward("metadata.name")]
    public required string Name { get; init; }

    [FromDownward("metadata.labels")]
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    [FromDownward("metadata.annotations['team']", File = "team")]
    public string? Team { get; init; }
}
