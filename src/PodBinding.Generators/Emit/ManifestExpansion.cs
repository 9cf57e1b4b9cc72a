using System;
using System.Collections.Generic;
using PodBinding.Shared;

namespace PodBinding.Generators.Emit;

/// <summary>
/// Turns the manifest attributes of a compiled assembly into the files they stand for: a <c>PodBinding.Manifest:</c>
/// attribute is one file as it is; a <c>PodBinding.Table:</c> attribute is a class's fragment and patch, and together
/// the tables give the workloads' merged volume patches, which must be the set <c>PodBinding.Volumes</c> lists. Linked
/// into the MSBuild task; the generator's tests and benchmarks read their output through it too.
/// </summary>
internal static class ManifestExpansion
{
    /// <summary>(file, content) pairs in attribute order, then the volume patches sorted by file.</summary>
    /// <exception cref="FormatException">A table is malformed, or the volume patches do not match the list.</exception>
    public static List<KeyValuePair<string, string?>> Expand(IEnumerable<KeyValuePair<string, string?>> attributes)
    {
        var files = new List<KeyValuePair<string, string?>>();
        var volumes = new List<WorkloadVolume>();
        string? expectedVolumes = null;
        foreach (KeyValuePair<string, string?> attribute in attributes)
        {
            if (attribute.Key.StartsWith(ManifestContract.KeyPrefix, StringComparison.Ordinal))
            {
                files.Add(new KeyValuePair<string, string?>(attribute.Key.Substring(ManifestContract.KeyPrefix.Length), attribute.Value));
            }
            else if (attribute.Key.StartsWith(ManifestContract.TablePrefix, StringComparison.Ordinal))
            {
                BindingTable table = BindingTable.Parse(attribute.Value ?? throw new FormatException($"The table attribute '{attribute.Key}' is null."));
                files.Add(new KeyValuePair<string, string?>(table.FragmentFile, ManifestEmitter.Fragment(table)));
                if (table.WorkloadKind is not null && table.WorkloadName is not null)
                {
                    files.Add(new KeyValuePair<string, string?>(table.PatchFile, ManifestEmitter.Patch(table)));
                }

                volumes.AddRange(WorkloadVolumes.Of(table));
            }
            else if (attribute.Key == ManifestContract.VolumesKey)
            {
                expectedVolumes = (expectedVolumes ?? "") + attribute.Value;
            }
        }

        volumes.Sort(WorkloadVolumes.Compare);
        var produced = new List<string>();
        foreach (KeyValuePair<string, string> patch in WorkloadVolumes.Patches(volumes))
        {
            produced.Add(patch.Key);
            files.Add(new KeyValuePair<string, string?>(patch.Key, patch.Value));
        }

        string actual = VolumeList(produced);
        if ((expectedVolumes ?? "") != actual)
        {
            throw new FormatException($"The classes' tables give the volume patches [{actual.Replace('\n', ' ').Trim()}] but the generator listed [{(expectedVolumes ?? "").Replace('\n', ' ').Trim()}].");
        }

        return files;
    }

    /// <summary>The <c>PodBinding.Volumes</c> value: each file name followed by a line break.</summary>
    public static string VolumeList(IEnumerable<string> files) => string.Concat(Lines(files));

    private static IEnumerable<string> Lines(IEnumerable<string> files)
    {
        foreach (string file in files)
        {
            yield return file + "\n";
        }
    }
}
