using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Manifests;
using PodBinding.Generators.Model;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// PB0018: the project's own manifests already define a volume of the name the generated patch writes into the same
/// workload. kustomize merges volumes by name: a downwardAPI volume's <c>items</c> are replaced whole by the generated
/// ones (the hand-written items are lost), and a volume of another type would end up with two sources, which the API
/// server rejects (<c>validateVolumeSource</c> in <c>pkg/apis/core/validation/validation.go</c>: one type per volume).
/// Checked by the binding analyzer on each plan it reports.
/// </summary>
internal sealed class ExistingVolumes
{
    private static readonly ExistingVolumes None = new(new Dictionary<string, List<(ManifestFile, VolumeEntry)>>(StringComparer.Ordinal));

    // "Kind/name\nvolume" → where the project's own manifests define it.
    private readonly Dictionary<string, List<(ManifestFile File, VolumeEntry Volume)>> _byWorkloadAndName;

    private ExistingVolumes(Dictionary<string, List<(ManifestFile, VolumeEntry)>> byWorkloadAndName) => _byWorkloadAndName = byWorkloadAndName;

    /// <summary>The volumes of every workload in the hand-written manifests (PodBinding's own files are skipped).</summary>
    public static ExistingVolumes Read(ManifestIndex manifests)
    {
        var volumes = new Dictionary<string, List<(ManifestFile, VolumeEntry)>>(StringComparer.Ordinal);
        foreach (ManifestFile file in manifests.Files)
        {
            if (file.Text.IsGenerated)
            {
                continue;
            }

            foreach (PodSpecEntry spec in file.Text.PodSpecs)
            {
                if (spec.Workload is null)
                {
                    continue;
                }

                foreach (VolumeEntry volume in spec.Volumes)
                {
                    string key = spec.Workload + "\n" + volume.Name;
                    if (!volumes.TryGetValue(key, out List<(ManifestFile, VolumeEntry)>? list))
                    {
                        volumes[key] = list = new List<(ManifestFile, VolumeEntry)>();
                    }

                    list.Add((file, volume));
                }
            }
        }

        return volumes.Count == 0 ? None : new ExistingVolumes(volumes);
    }

    /// <summary>Reports PB0018 on <paramref name="type"/> for each hand-written volume its patch would merge into.</summary>
    public void Report(BindingPlan plan, INamedTypeSymbol type, Action<Diagnostic> report)
    {
        if (_byWorkloadAndName.Count == 0 || !plan.HasPatch || plan.HasClassError || WorkloadKinds.FromValue(plan.WorkloadKind) is not { } kind
            || !HasVolumeMember(plan))
        {
            return;
        }

        string workload = kind.Kind + "/" + plan.WorkloadName;
        if (!_byWorkloadAndName.TryGetValue(workload + "\n" + plan.VolumeName, out List<(ManifestFile File, VolumeEntry Volume)>? existing))
        {
            return;
        }

        foreach ((ManifestFile file, VolumeEntry volume) in existing)
        {
            string consequence = volume.IsDownward
                ? "kustomize replaces a volume's items whole, so its items would be lost"
                : "it is another kind of volume, and a volume with two sources is rejected by the API server";
            report(Diagnostic.Create(DiagnosticDescriptors.ExistingVolume, type.Locations[0],
                plan.FullName, plan.VolumeName, workload, file.DisplayPath + ":" + (volume.Line + 1), consequence));
        }
    }

    private static bool HasVolumeMember(BindingPlan plan)
    {
        foreach (PlannedMember member in plan.Members)
        {
            if (member.IsVolume)
            {
                return true;
            }
        }

        return false;
    }
}
