namespace PodBinding.Shared;

/// <summary>
/// The two families of <c>resourceFieldRef.resource</c> names (Kubernetes <c>pkg/apis/core/validation/validation.go</c>,
/// <c>validateContainerResourceFieldSelector</c>: <c>limits.cpu</c>, <c>requests.memory</c>, <c>limits.hugepages-2Mi</c>,
/// …). The generator's field catalog spells its resource names with them and the simulated pod splits a name with them;
/// linked into both, and a contract test checks that every catalog resource starts with one of them.
/// </summary>
internal static class DownwardResourcePrefixes
{
    public const string Limits = "limits.";
    public const string Requests = "requests.";

    /// <summary>After a family prefix: <c>hugepages-&lt;size&gt;</c>.</summary>
    public const string HugePages = "hugepages-";
}
