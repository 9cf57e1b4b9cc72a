using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Manifests;
using PodBinding.Generators.Model;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// PB0018: the project's own manifest already defines a volume of the name the generated patch writes into the same
/// workload. kustomize merges volumes by name: a downwardAPI volume's <c>items</c> are replaced whole by the generated
/// ones (the hand-written items are lost), and a volume of another type would end up with two sources, which the API
/// server rejects (<c>validateVolumeSource</c> in <c>pkg/apis/core/validation/validation.go</c>: one type per volume).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExistingVolumeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ExistingVolume);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AttributeContract.FromDownwardAttribute) is not { } attribute)
            {
                return;
            }

            ManifestIndex manifests = ManifestIndex.Create(start.Options, start.TryGetValue, start.CancellationToken);
            var volumes = new Dictionary<string, List<(ManifestFile File, VolumeEntry Volume)>>(System.StringComparer.Ordinal);
            foreach (ManifestFile file in manifests.Files)
            {
                if (file.Text.IsGenerated)
                {
                    continue; // PodBinding's own files
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

            if (volumes.Count == 0)
            {
                return; // no hand-written volume in any workload: nothing can clash
            }

            GeneratorOptions options = GeneratorOptions.From(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions, start.Compilation.AssemblyName);
            BindingIndex index = BindingIndex.For(start.Compilation, attribute, options);
            HashSet<SyntaxTree>? candidates = index.Candidates(start.CancellationToken);
            start.RegisterSymbolAction(
                ctx =>
                {
                    var type = (INamedTypeSymbol)ctx.Symbol;
                    if (!BoundClasses.IsCandidate(type, candidates) || !index.Get(ctx.CancellationToken).Plans.TryGetValue(type, out BindingPlan? plan)
                        || !plan.HasPatch || plan.HasClassError || WorkloadKinds.FromValue(plan.WorkloadKind) is not { } kind
                        || !HasVolumeMember(plan))
                    {
                        return;
                    }

                    string workload = kind.Kind + "/" + plan.WorkloadName;
                    if (!volumes.TryGetValue(workload + "\n" + plan.VolumeName, out List<(ManifestFile File, VolumeEntry Volume)>? existing))
                    {
                        return;
                    }

                    foreach ((ManifestFile file, VolumeEntry volume) in existing)
                    {
                        string consequence = volume.IsDownward
                            ? "kustomize replaces a volume's items whole, so its items would be lost"
                            : "it is another kind of volume, and a volume with two sources is rejected by the API server";
                        ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ExistingVolume, type.Locations[0],
                            plan.FullName, plan.VolumeName, workload, file.DisplayPath + ":" + (volume.Line + 1), consequence));
                    }
                },
                SymbolKind.NamedType);
        });
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
