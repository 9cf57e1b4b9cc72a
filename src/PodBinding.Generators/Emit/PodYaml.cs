namespace PodBinding.Generators.Emit;

/// <summary>
/// The pieces of pod YAML that supply one bound value: an env entry, a volume item, the volume and its mount. The
/// generator writes manifests from them, and the runtime (which links this file and the YAML writer) builds the
/// "Fix:" of a missing value from the same pieces, so an error message never disagrees with the manifest.
/// </summary>
internal static class PodYaml
{
    public static YamlMap EnvEntry(string name, string? fieldPath, string? resource, string? containerName, string? divisor) =>
        YamlNode.Map().Add("name", name).Add("valueFrom", Reference(fieldPath, resource, containerName, divisor));

    public static YamlMap VolumeItem(string path, string? fieldPath, string? resource, string? containerName, string? divisor)
    {
        YamlMap item = YamlNode.Map().Add("path", path);
        foreach (var entry in Reference(fieldPath, resource, containerName, divisor).Entries)
        {
            item.Add(entry.Key, entry.Value);
        }

        return item;
    }

    public static YamlMap Volume(string volumeName, YamlSeq items, int? defaultMode = null)
    {
        YamlMap source = YamlNode.Map();
        if (defaultMode is { } mode)
        {
            // Decimal: JSON has no octal, and YAML parsers disagree on a leading 0 (YAML 1.1 octal, 1.2 decimal).
            source.Add("defaultMode", YamlNode.Raw(mode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return YamlNode.Map().Add("name", volumeName).Add("downwardAPI", source.Add("items", items));
    }

    public static YamlMap Mount(string volumeName, string mountPath) =>
        YamlNode.Map().Add("name", volumeName).Add("mountPath", mountPath).Add("readOnly", YamlNode.Raw("true"));

    // fieldRef always carries apiVersion v1; resourceFieldRef always names its container and a canonical divisor
    // (docs/kubernetes-rules.md): explicit values survive copy-paste into another container, and volumes require the name.
    public static YamlMap Reference(string? fieldPath, string? resource, string? containerName, string? divisor)
    {
        if (fieldPath is not null)
        {
            return YamlNode.Map().Add("fieldRef", YamlNode.Map().Add("apiVersion", "v1").Add("fieldPath", fieldPath));
        }

        return YamlNode.Map().Add("resourceFieldRef", YamlNode.Map()
            .Add("containerName", containerName!)
            .Add("resource", resource!)
            .Add("divisor", divisor!));
    }

    /// <summary>
    /// What to add to the pod when a value is missing: the env entry, or the volume item and its mount. The member's
    /// wiring comes first (channel, env var or item path, field or resource), then the class's (container, volume,
    /// mount path) and the generated fragment that holds all of it (null when unknown).
    /// </summary>
    public static string MissingValueFix(
        bool isVolume, string name, string? fieldPath, string? resource, string? resourceContainer, string? divisor,
        string container, string volumeName, string mountPath, string? manifestFile)
    {
        string where = manifestFile is null ? "" : $" (all of it is in {manifestFile})";
        if (!isVolume)
        {
            return $"add to the env of container '{container}'{where}:\n"
                 + YamlNode.Map().Add("env", YamlNode.Seq().Add(EnvEntry(name, fieldPath, resource, resourceContainer, divisor))).ToYaml().TrimEnd('\n');
        }

        return $"mount the downwardAPI volume in container '{container}'{where}:\n"
             + YamlNode.Map()
                 .Add("volumes", YamlNode.Seq().Add(Volume(volumeName, YamlNode.Seq().Add(VolumeItem(name, fieldPath, resource, resourceContainer, divisor)))))
                 .Add("volumeMounts", YamlNode.Seq().Add(Mount(volumeName, mountPath)))
                 .ToYaml().TrimEnd('\n');
    }
}
