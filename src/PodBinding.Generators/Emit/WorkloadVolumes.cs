using System;
using System.Collections.Generic;
using System.Text;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Model;
using PodBinding.Shared;

namespace PodBinding.Generators.Emit;

/// <summary>One volume item a class adds to a workload's downward API volume (strings only: a pipeline model).</summary>
internal sealed record WorkloadVolumeItem(string Path, string? FieldPath, string? Resource, string? ContainerName, string? Divisor);

/// <summary>A class's share of one workload's downward API volume: what the aggregate volume patch is built from.</summary>
internal sealed record WorkloadVolume(int WorkloadKind, string WorkloadName, string VolumeName, string Owner, EquatableArray<WorkloadVolumeItem> Items, int? DefaultMode = null)
{
    // Computed once: sorting and grouping compare it many times.
    public string PatchFile { get; } = WorkloadVolumes.PatchFile(WorkloadKind, WorkloadName);
}

/// <summary>
/// The downward API volumes of each patched workload, built from every class that patches it. A strategic-merge patch
/// merges <c>volumes</c> by name but replaces a volume's <c>items</c> list whole (no merge key), so two classes whose
/// patches each carried their own <c>podinfo</c> volume would leave only the last one's items. The class patches
/// therefore carry containers (env, mounts) only, and one patch per workload carries the merged volume.
/// </summary>
internal static partial class WorkloadVolumes
{
    /// <summary><c>deployment-orders.volumes.patch.yaml</c>.</summary>
    public static string PatchFile(int workloadKind, string workloadName) =>
        (WorkloadKinds.FromValue(workloadKind)?.Kind ?? "workload").ToLowerInvariant() + "-" + workloadName + ".volumes.patch.yaml";

    /// <summary>The class's volume items for its workload, or nothing (no patch, a class-level error, no volume member).</summary>
    public static IEnumerable<WorkloadVolume> Of(BindingTable plan)
    {
        if (plan.WorkloadKind is null || plan.WorkloadName is null || plan.HasClassError)
        {
            yield break;
        }

        var items = new List<WorkloadVolumeItem>();
        foreach (BindingTableRow m in plan.Members)
        {
            if (m.IsVolume)
            {
                items.Add(new WorkloadVolumeItem(m.Name, m.FieldPath, m.Resource, m.ContainerName, m.Divisor));
            }
        }

        if (items.Count > 0)
        {
            yield return new WorkloadVolume(ManifestEmitter.KindValue(plan), plan.WorkloadName, plan.VolumeName, plan.TypeName, new EquatableArray<WorkloadVolumeItem>(items.ToArray()), plan.DefaultMode);
        }
    }

    /// <summary>Sorted by workload, volume and class, so the merged files are the same whatever order classes come in.</summary>
    public static int Compare(WorkloadVolume a, WorkloadVolume b)
    {
        int c = string.CompareOrdinal(a.PatchFile, b.PatchFile);
        c = c != 0 ? c : string.CompareOrdinal(a.VolumeName, b.VolumeName);
        return c != 0 ? c : string.CompareOrdinal(a.Owner, b.Owner);
    }

    /// <summary>One patch file per workload, from <paramref name="volumes"/> sorted with <see cref="Compare"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Patches(IReadOnlyList<WorkloadVolume> volumes)
    {
        for (int start = 0; start < volumes.Count;)
        {
            int end = start;
            while (end < volumes.Count && volumes[end].PatchFile == volumes[start].PatchFile)
            {
                end++;
            }

            yield return new KeyValuePair<string, string>(volumes[start].PatchFile, Patch(volumes, start, end));
            start = end;
        }
    }

    private static string Patch(IReadOnlyList<WorkloadVolume> volumes, int start, int end)
    {
        WorkloadVolume first = volumes[start];
        WorkloadKindInfo kind = WorkloadKinds.FromValue(first.WorkloadKind)
            ?? throw new InvalidOperationException($"WorkloadKind {first.WorkloadKind} reached the volume patch writer");
        var owners = new List<string>();
        var volumeList = YamlNode.Seq();
        for (int v = start; v < end;)
        {
            string volumeName = volumes[v].VolumeName;
            var items = YamlNode.Seq();
            var paths = new HashSet<string>(StringComparer.Ordinal);
            int? defaultMode = null;
            for (; v < end && volumes[v].VolumeName == volumeName; v++)
            {
                // One volume has one mode: the first class (by name) that sets one decides it.
                defaultMode ??= volumes[v].DefaultMode;
                if (!owners.Contains(volumes[v].Owner))
                {
                    owners.Add(volumes[v].Owner);
                }

                foreach (WorkloadVolumeItem item in volumes[v].Items)
                {
                    // Two classes reading the same item name the same value (a different one is PB0013): write it once.
                    if (paths.Add(item.Path))
                    {
                        items.Add(PodYaml.VolumeItem(item.Path, item.FieldPath, item.Resource, item.ContainerName, item.Divisor));
                    }
                }
            }

            volumeList.Add(PodYaml.Volume(volumeName, items, defaultMode));
        }

        var text = new StringBuilder();
        text.Append(ManifestEmitter.HeaderPrefix).Append(" from ").Append(string.Join(", ", owners))
            .Append(". Do not edit: change the [FromDownward] attributes and rebuild.\n");
        text.Append("# The downward API volume(s) of ").Append(kind.Kind).Append('/').Append(first.WorkloadName)
            .Append(", merged from every class that patches it: a patch replaces a volume's items whole, so they live in one file.\n");
        YamlMap root = YamlNode.Map()
            .Add("apiVersion", kind.ApiVersion)
            .Add("kind", kind.Kind)
            .Add("metadata", YamlNode.Map().Add("name", first.WorkloadName));
        YamlNode nested = YamlNode.Map().Add("volumes", volumeList);
        for (int i = kind.PodSpecPath.Count - 1; i > 0; i--)
        {
            nested = YamlNode.Map().Add(kind.PodSpecPath[i], nested);
        }

        root.Add(kind.PodSpecPath[0], nested);
        text.Append(root.ToYaml());
        return text.ToString();
    }
}
