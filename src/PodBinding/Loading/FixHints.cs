using PodBinding.Generators.Emit;

namespace PodBinding.Loading;

/// <summary>
/// The "Fix:" of a load error, chosen by the failure: a missing value gets the pod YAML that supplies it (built from
/// the member's <see cref="DownwardReference"/> by the generator's own YAML pieces, so it matches the manifest); a
/// malformed value gets what the value should look like. Rendered only when a load fails, so generated code carries
/// none of it.
/// </summary>
internal static class FixHints
{
    public const string Uid = "a UID such as 3f2a1b9c-0d4e-4f60-8a7b-1c2d3e4f5a6b";
    public const string IPAddress = "one IPv4 or IPv6 address such as 10.1.2.3 or fd00::3";
    public const string IPAddressList = "a comma-separated list of IPv4 and IPv6 addresses such as 10.1.2.3,fd00::3";
    public const string Map = "one key=\"value\" per line, the value quoted as the kubelet quotes it";
    public const string Int32 = "a whole number of at most 2147483647";
    public const string Int64 = "a whole number of at most 9223372036854775807";
    public const string WholeNumber = "a whole number such as 256";

    /// <summary>The YAML to add when the value is not there at all.</summary>
    public static string Missing(DownwardBindingInfo info, DownwardReference r) => PodYaml.MissingValueFix(
        r.Source == DownwardSource.Volume, r.Name, r.FieldPath, r.Resource, r.ContainerName, r.Divisor,
        info.ContainerName, info.VolumeName, info.MountPath, info.ManifestFile);

    /// <summary>What a value that is there but unusable should look like, and where to look for what wrote it.</summary>
    public static string Malformed(DownwardReference r, string expected)
    {
        string what = r.FieldPath ?? (r.Divisor is null or "1" ? r.Resource! : $"{r.Resource} in units of {r.Divisor}");
        return r.Source == DownwardSource.Environment
            ? $"{r.Name} should hold {expected}, as the Downward API writes {what}: look for whatever else sets {r.Name} (a value:, envFrom, a second env entry with that name)"
            : $"the item {r.Name} should hold {expected}, as the kubelet writes {what}: look for whatever else writes into the volume";
    }
}
