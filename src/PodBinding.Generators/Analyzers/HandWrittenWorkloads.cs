using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Manifests;
using PodBinding.Generators.Model;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// The workloads of the project's own manifests (PodBinding's generated files skipped), and the checks of a bound
/// class's patch against the workload it targets, as kustomize's strategic merge would apply it:
/// <list type="bullet">
/// <item>PB0018: a volume of the generated volume's name exists. Volumes merge by name: a downwardAPI volume's
/// <c>items</c> are replaced whole, and a volume of another type would get two sources, which the API server rejects
/// (<c>validateVolumeSource</c> in <c>pkg/apis/core/validation/validation.go</c>: one type per volume).</item>
/// <item>PB0020: the class's container is not a container of the workload. Containers merge by name, so the patch adds
/// a container with no image (<c>validateContainers</c>: image is required).</item>
/// <item>PB0021: the container already mounts another volume at the mount path. Mounts merge by <c>mountPath</c>
/// (the patch merge key of <c>VolumeMount</c> in <c>k8s.io/api/core/v1/types.go</c>), so that mount is replaced.</item>
/// <item>PB0023: an <c>int</c> member reads <c>limits.memory</c>/<c>limits.ephemeral-storage</c> with a small divisor
/// and the container sets no such limit: the kubelet then reports the node's allocatable amount
/// (<c>defaultPodLimitsForDownwardAPI</c> in <c>pkg/kubelet/kubelet_resources.go</c>), which can overflow an int.</item>
/// <item>PB0301 (Info): the workload is in none of the files read.</item>
/// </list>
/// Checked by the binding analyzer on each plan it reports.
/// </summary>
internal sealed class HandWrittenWorkloads
{
    // "Kind/name" → the pod specs that define (or patch) it, with their files.
    private readonly Dictionary<string, List<(ManifestFile File, PodSpecEntry Spec)>> _byWorkload;

    private HandWrittenWorkloads(Dictionary<string, List<(ManifestFile, PodSpecEntry)>> byWorkload, int fileCount)
    {
        _byWorkload = byWorkload;
        FileCount = fileCount;
    }

    /// <summary>How many hand-written YAML files the analyzers read (0: nothing to check against, PB0302).</summary>
    public int FileCount { get; }

    /// <summary>The workloads of every hand-written manifest.</summary>
    public static HandWrittenWorkloads Read(ManifestIndex manifests)
    {
        var workloads = new Dictionary<string, List<(ManifestFile, PodSpecEntry)>>(StringComparer.Ordinal);
        int files = 0;
        foreach (ManifestFile file in manifests.Files)
        {
            if (file.Text.IsGenerated)
            {
                continue;
            }

            files++;
            foreach (PodSpecEntry spec in file.Text.PodSpecs)
            {
                if (spec.Workload is null)
                {
                    continue;
                }

                if (!workloads.TryGetValue(spec.Workload, out List<(ManifestFile, PodSpecEntry)>? list))
                {
                    workloads[spec.Workload] = list = new List<(ManifestFile, PodSpecEntry)>();
                }

                list.Add((file, spec));
            }
        }

        return new HandWrittenWorkloads(workloads, files);
    }

    /// <summary>Reports PB0018, PB0020, PB0021, PB0023 and PB0301 on <paramref name="type"/> for the workload its patch targets.</summary>
    public void Report(BindingPlan plan, INamedTypeSymbol type, Action<Diagnostic> report)
    {
        if (FileCount == 0 || plan.HasClassError)
        {
            return;
        }

        ReportIntWithoutLimit(plan, type, report);
        if (!plan.HasPatch || WorkloadKinds.FromValue(plan.WorkloadKind) is not { } kind)
        {
            return;
        }

        Location location = type.Locations[0];
        string workload = WorkloadKinds.Key(kind.Kind, plan.WorkloadName);
        if (!_byWorkload.TryGetValue(workload, out List<(ManifestFile File, PodSpecEntry Spec)>? specs))
        {
            if (_byWorkload.Count > 0)
            {
                string found = string.Join(", ", _byWorkload.Keys.OrderBy(static k => k, StringComparer.Ordinal).Take(5)) + (_byWorkload.Count > 5 ? ", …" : "");
                report(Diagnostic.Create(DiagnosticDescriptors.WorkloadNotInManifests, location, plan.FullName, workload, FileCount.ToString(System.Globalization.CultureInfo.InvariantCulture), found));
            }

            return;
        }

        bool usesVolume = plan.Members.Any(static m => m.IsVolume);
        if (usesVolume)
        {
            ReportExistingVolume(plan, workload, specs, location, report);
        }

        var containers = new List<(ManifestFile File, ContainerEntry Container)>();
        foreach ((ManifestFile file, PodSpecEntry spec) in specs)
        {
            foreach (ContainerEntry container in spec.Containers)
            {
                if (container.Name == plan.ContainerName)
                {
                    containers.Add((file, container));
                }
            }
        }

        if (containers.Count == 0)
        {
            // A hand-written patch lists only some containers: only the union of every spec of the workload decides.
            (ManifestFile first, PodSpecEntry firstSpec) = specs[0];
            string names = string.Join(", ", specs.SelectMany(static s => s.Spec.Containers).Select(static c => "'" + c.Name + "'").Distinct());
            report(Diagnostic.Create(DiagnosticDescriptors.ContainerNotInWorkload, location,
                plan.FullName, plan.ContainerName, workload, At(first, firstSpec.Containers.Length > 0 ? firstSpec.Containers[0].Line : -1),
                names.Length == 0 ? "none" : names));
            return;
        }

        if (!usesVolume)
        {
            return;
        }

        foreach ((ManifestFile file, ContainerEntry container) in containers)
        {
            foreach (MountEntry mount in container.Mounts)
            {
                if (mount.MountPath is { } path && path.TrimEnd('/') == plan.MountPath.TrimEnd('/') && mount.VolumeName != plan.VolumeName)
                {
                    report(Diagnostic.Create(DiagnosticDescriptors.MountPathTaken, location,
                        plan.FullName, plan.VolumeName, plan.MountPath, plan.ContainerName, workload, At(file, mount.Line), mount.VolumeName));
                }
            }
        }
    }

    /// <summary>
    /// PB0023 for each int member reading a limit that defaults to node allocatable with a divisor too small for that:
    /// when every container of that name (in the patched workload, or in any workload for a class that patches none)
    /// sets no such limit. No container of that name found: nothing to say (PB0020 covers a missing container).
    /// </summary>
    private void ReportIntWithoutLimit(BindingPlan plan, INamedTypeSymbol type, Action<Diagnostic> report)
    {
        string? workload = plan.HasPatch ? WorkloadKinds.Key(plan.WorkloadKind, plan.WorkloadName) : null;
        foreach (PlannedMember member in plan.Members)
        {
            if (member.Kind != ClrKind.Int32 || member.Resource is not { } resource || !FieldCatalog.DefaultsToNodeAllocatable(resource)
                || !FieldCatalog.IntMayOverflow(member.Divisor))
            {
                continue;
            }

            string containerName = member.ContainerName ?? plan.ContainerName;
            string limit = resource.Substring("limits.".Length);
            (ManifestFile File, string Workload, ContainerEntry Container)? first = null;
            bool limited = false;
            foreach (KeyValuePair<string, List<(ManifestFile File, PodSpecEntry Spec)>> entry in _byWorkload)
            {
                if (workload is not null && entry.Key != workload)
                {
                    continue;
                }

                // Pod-level limits (PodLevelResources) are what an unset container limit falls back to before node
                // allocatable; any file of the workload may set them (a base and its patches are one pod spec).
                bool podLimited = false;
                foreach ((ManifestFile _, PodSpecEntry spec) in entry.Value)
                {
                    podLimited |= spec.HasPodLimit(limit);
                }

                foreach ((ManifestFile file, PodSpecEntry spec) in entry.Value)
                {
                    foreach (ContainerEntry container in spec.Containers)
                    {
                        if (container.Name == containerName)
                        {
                            first ??= (file, entry.Key, container);
                            limited |= podLimited || container.HasLimit(limit);
                        }
                    }
                }
            }

            if (first is not { } found || limited)
            {
                continue;
            }

            Location location = type.Locations[0];
            foreach (ISymbol symbol in type.GetMembers(member.MemberName))
            {
                if (symbol is IPropertySymbol property)
                {
                    location = property.Locations[0];
                    break;
                }
            }

            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.MemberName, member.MemberName)
                .Add(DiagnosticProperties.SuggestedType, member.IsNullable ? "long?" : "long");
            string divisor = string.IsNullOrEmpty(member.Divisor) ? "1" : member.Divisor!;
            report(Diagnostic.Create(DiagnosticDescriptors.IntWithoutLimit, location, properties,
                plan.FullName + "." + member.MemberName, resource, divisor,
                "container '" + containerName + "' of " + found.Workload + " (" + At(found.File, found.Container.Line) + ")",
                limit, FieldCatalog.IntCapacity(divisor)));
        }
    }

    private static void ReportExistingVolume(BindingPlan plan, string workload, List<(ManifestFile File, PodSpecEntry Spec)> specs, Location location, Action<Diagnostic> report)
    {
        foreach ((ManifestFile file, PodSpecEntry spec) in specs)
        {
            foreach (VolumeEntry volume in spec.Volumes)
            {
                if (volume.Name != plan.VolumeName)
                {
                    continue;
                }

                string consequence = volume.IsDownward
                    ? "kustomize replaces a volume's items whole, so its items would be lost"
                    : "it is another kind of volume, and a volume with two sources is rejected by the API server";
                report(Diagnostic.Create(DiagnosticDescriptors.ExistingVolume, location,
                    plan.FullName, plan.VolumeName, workload, At(file, volume.Line), consequence));
            }
        }
    }

    private static string At(ManifestFile file, int line) =>
        line < 0 ? file.DisplayPath : file.DisplayPath + ":" + (line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
