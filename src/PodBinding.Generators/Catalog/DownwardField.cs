namespace PodBinding.Generators.Catalog;

/// <summary>One entry of the field catalog: what a path is, where it is legal, what it holds, whether it changes.</summary>
/// <param name="Path">The field path or resource name; for key entries, the base (<c>metadata.labels</c>).</param>
/// <param name="LegalIn">Where the API server accepts it.</param>
/// <param name="Shape">What Kubernetes writes.</param>
/// <param name="Volatility">Whether it can change while the pod runs.</param>
/// <param name="DefaultEnvVar">The env var name PodBinding uses unless told otherwise.</param>
/// <param name="DefaultFile">The volume item path PodBinding uses unless told otherwise.</param>
internal sealed record DownwardField(
    string Path,
    Channels LegalIn,
    ValueShape Shape,
    Volatility Volatility,
    string DefaultEnvVar,
    string DefaultFile)
{
    public bool IsResource => Shape == ValueShape.Resource;
}
