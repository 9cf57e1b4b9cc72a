using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Manifests;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// PB0203: a container mounts a downwardAPI volume (or a projected volume with downwardAPI sources) through
/// <c>subPath</c> or <c>subPathExpr</c>. The kubelet bind-mounts a snapshot of the file, which never updates
/// (kubernetes/kubernetes pkg/volume/util/subpath: a bind mount of the file taken once), so live labels, annotations and resized resources never reach the process. Reported on the YAML line.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SubPathMountAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.SubPathMount);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            ManifestIndex index = ManifestIndex.Create(start.Options, start.TryGetValue, start.CancellationToken);
            Dictionary<string, ImmutableArray<VolumeEntry>> byWorkload = VolumesByWorkload(index);
            start.RegisterAdditionalFileAction(ctx =>
            {
                foreach (ManifestFile file in index.Files)
                {
                    if (ReferenceEquals(file.File, ctx.AdditionalFile) || file.File.Path == ctx.AdditionalFile.Path)
                    {
                        Analyze(ctx, file, byWorkload);
                    }
                }
            });
        });
    }

    private static void Analyze(AdditionalFileAnalysisContext context, ManifestFile file, Dictionary<string, ImmutableArray<VolumeEntry>> byWorkload)
    {
        foreach (PodSpecEntry spec in file.Text.PodSpecs)
        {
            foreach (ContainerEntry container in spec.Containers)
            {
                foreach (MountEntry mount in container.Mounts)
                {
                    if (mount.SubPathSpan is not { } span || !IsDownward(spec, mount.VolumeName, byWorkload))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SubPathMount, file.Location(span), container.Name, mount.VolumeName, mount.SubPathKey));
                }
            }
        }
    }

    /// <summary>
    /// The volume is defined in the same pod spec; in a kustomize patch it may only be defined in the base, so a volume
    /// the spec doesn't define is looked up in every other spec of the same workload (<c>Kind/name</c>).
    /// </summary>
    private static bool IsDownward(PodSpecEntry spec, string volume, Dictionary<string, ImmutableArray<VolumeEntry>> byWorkload)
    {
        foreach (VolumeEntry entry in spec.Volumes)
        {
            if (entry.Name == volume)
            {
                return entry.IsDownward;
            }
        }

        if (spec.Workload is not null && byWorkload.TryGetValue(spec.Workload, out ImmutableArray<VolumeEntry> others))
        {
            foreach (VolumeEntry entry in others)
            {
                if (entry.Name == volume && entry.IsDownward)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Dictionary<string, ImmutableArray<VolumeEntry>> VolumesByWorkload(ManifestIndex index)
    {
        var builders = new Dictionary<string, ImmutableArray<VolumeEntry>.Builder>(System.StringComparer.Ordinal);
        foreach (ManifestFile file in index.Files)
        {
            foreach (PodSpecEntry spec in file.Text.PodSpecs)
            {
                if (spec.Workload is null || spec.Volumes.IsEmpty)
                {
                    continue;
                }

                if (!builders.TryGetValue(spec.Workload, out ImmutableArray<VolumeEntry>.Builder? list))
                {
                    builders[spec.Workload] = list = ImmutableArray.CreateBuilder<VolumeEntry>();
                }

                list.AddRange(spec.Volumes);
            }
        }

        var result = new Dictionary<string, ImmutableArray<VolumeEntry>>(System.StringComparer.Ordinal);
        foreach (KeyValuePair<string, ImmutableArray<VolumeEntry>.Builder> entry in builders)
        {
            result[entry.Key] = entry.Value.ToImmutable();
        }

        return result;
    }
}
