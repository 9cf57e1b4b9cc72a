using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PodBinding.Generators.Emit;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;
using PodBinding.Shared;

namespace PodBinding.Generators;

/// <summary>
/// Turns <c>[FromDownward]</c> properties of partial classes into a typed, reflection-free loader and the pod YAML
/// that supplies every bound value. Invalid input is skipped quietly (analyzers report it), never thrown on.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class PodBindingGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Project settings, reduced to one small equatable record before anything is combined with them.
        IncrementalValueProvider<GeneratorOptions> options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider.GlobalOptions, assemblyName: null))
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName ?? ""))
            .Select(static (input, _) => input.Left with { AssemblyName = input.Right })
            .WithTrackingName(TrackingNames.Options);

        // One spec per bound class (built by its first [FromDownward] property).
        IncrementalValuesProvider<BindingSpec> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeContract.FromDownwardAttribute,
                predicate: static (node, _) => node is PropertyDeclarationSyntax,
                transform: static (ctx, ct) => Parser.Parse(ctx, ct))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<BindingPlan> plans = specs
            .Combine(options)
            .Select(static (input, _) => BindingPlanner.Plan(input.Left, input.Right))
            .WithTrackingName(TrackingNames.Plan);

        context.RegisterSourceOutput(plans, static (spc, plan) =>
        {
            spc.AddSource(plan.FullName + ".PodBinding.g.cs", LoaderEmitter.Emit(plan));
            // The class's pod YAML travels as the loader's table constant; only its API-mode files travel whole.
            if (ManifestAttributeEmitter.EmitClass(plan) is { } apiFiles)
            {
                spc.AddSource(plan.FullName + ".PodBinding.Manifests.g.cs", apiFiles);
            }
        });

        // The kustomize Component spans classes: collect only the patch file names, sorted for deterministic output.
        IncrementalValueProvider<EquatableArray<string>> patchFiles = plans
            .Where(static plan => plan.HasPatch)
            .SelectMany(static (plan, _) => PatchFilesOf(plan))
            .Collect()
            .Select(static (files, _) => Sorted(files))
            .WithTrackingName(TrackingNames.PatchFiles);

        context.RegisterSourceOutput(patchFiles, static (spc, files) =>
        {
            if (files.Count > 0)
            {
                string kustomization = ManifestEmitter.Kustomization(files);
                spc.AddSource("PodBinding.Kustomization.g.cs", ManifestAttributeEmitter.Emit(new[] { new KeyValuePair<string, string>("kustomization.yaml", kustomization) }));
            }
        });

        // One volume patch per workload, merged from every class that patches it (a patch replaces a volume's items whole).
        IncrementalValueProvider<EquatableArray<WorkloadVolume>> volumes = plans
            .SelectMany(static (plan, _) => WorkloadVolumes.Of(plan))
            .Collect()
            .Select(static (all, _) => SortedVolumes(all))
            .WithTrackingName(TrackingNames.WorkloadVolumes);

        context.RegisterSourceOutput(volumes, static (spc, all) =>
        {
            if (all.Count > 0)
            {
                spc.AddSource("PodBinding.WorkloadVolumes.g.cs", ManifestAttributeEmitter.EmitVolumeIndex(all));
            }
        });

        // One Component per API connection mode, across classes: only the (mode, file) entries are collected.
        IncrementalValueProvider<EquatableArray<ApiComponentEntry>> apiEntries = plans
            .SelectMany(static (plan, _) => ApiEmitter.EntriesOf(plan))
            .Collect()
            .Select(static (entries, _) => SortedEntries(entries))
            .WithTrackingName(TrackingNames.ApiEntries);

        IncrementalValueProvider<EquatableArray<ApiRbacFile>> rbac = InitializeApiFacts(context, plans);
        context.RegisterSourceOutput(apiEntries.Combine(rbac), static (spc, input) =>
        {
            if (input.Left.Count > 0)
            {
                spc.AddSource("PodBinding.KubernetesApi.Kustomization.g.cs", ManifestAttributeEmitter.Emit(ApiKustomizations(input.Left.ToList(), input.Right.ToList())));
            }
        });
    }

    /// <summary>Each mode's Component file, from every class's entries (sorted, so the output is deterministic).</summary>
    internal static IEnumerable<KeyValuePair<string, string>> ApiKustomizations(IReadOnlyList<ApiComponentEntry> entries, IReadOnlyList<ApiRbacFile>? rbac = null)
    {
        var modes = new SortedSet<int>();
        foreach (ApiComponentEntry entry in entries)
        {
            modes.Add(entry.Mode);
        }

        foreach (int mode in modes)
        {
            yield return new KeyValuePair<string, string>(ApiEmitter.ModeFolder(mode) + "/kustomization.yaml", ApiEmitter.Kustomization(mode, entries, rbac));
        }
    }

    /// <summary>The class's patch and, when it reads the volume, its workload's merged volume patch (listed once).</summary>
    internal static IEnumerable<string> PatchFilesOf(BindingPlan plan)
    {
        yield return plan.PatchFile;
        foreach (WorkloadVolume volume in WorkloadVolumes.Of(plan))
        {
            yield return volume.PatchFile;
        }
    }

    private static EquatableArray<WorkloadVolume> SortedVolumes(ImmutableArray<WorkloadVolume> all)
    {
        WorkloadVolume[] sorted = all.ToArray();
        Array.Sort(sorted, WorkloadVolumes.Compare);
        return new EquatableArray<WorkloadVolume>(sorted);
    }

    private static EquatableArray<ApiComponentEntry> SortedEntries(ImmutableArray<ApiComponentEntry> entries)
    {
        ApiComponentEntry[] sorted = entries.ToArray();
        Array.Sort(sorted, static (a, b) => a.Mode != b.Mode ? a.Mode.CompareTo(b.Mode) : string.CompareOrdinal(a.PatchFile, b.PatchFile));
        return new EquatableArray<ApiComponentEntry>(sorted);
    }

    private static EquatableArray<string> Sorted(ImmutableArray<string> files)
    {
        // Distinct: two classes with one file name are PB0107, and the Component must not list the file twice meanwhile.
        string[] sorted = files.Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return new EquatableArray<string>(sorted);
    }
}
