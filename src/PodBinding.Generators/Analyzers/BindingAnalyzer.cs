using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Manifests;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;
using Parser = PodBinding.Generators.PodBindingGenerator.Parser;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// Reports what the generator quietly skips: C# shapes it cannot extend (PB01xx), and every finding of the same
/// <see cref="BindingPlanner"/> the generator uses (PB00xx, PB0200, PB0201), at the attribute argument at fault.
/// Also the clashes only visible across classes: one env var or item path claimed by two classes (PB0012, PB0013).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BindingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnknownFieldPath,
        DiagnosticDescriptors.WrongChannel,
        DiagnosticDescriptors.InvalidSubscript,
        DiagnosticDescriptors.InvalidResource,
        DiagnosticDescriptors.InvalidDivisor,
        DiagnosticDescriptors.NonCanonicalDivisor,
        DiagnosticDescriptors.ResourceOptionOnField,
        DiagnosticDescriptors.InvalidContainerName,
        DiagnosticDescriptors.GuessedContainerName,
        DiagnosticDescriptors.InvalidEnvVarName,
        DiagnosticDescriptors.RelaxedEnvVarName,
        DiagnosticDescriptors.DuplicateEnvVar,
        DiagnosticDescriptors.DuplicateItemPath,
        DiagnosticDescriptors.InvalidItemPath,
        DiagnosticDescriptors.InvalidMountPath,
        DiagnosticDescriptors.InvalidVolumeName,
        DiagnosticDescriptors.InvalidWorkload,
        DiagnosticDescriptors.InvalidDefaultMode,
        DiagnosticDescriptors.ExistingVolume,
        DiagnosticDescriptors.ContainerNotInWorkload,
        DiagnosticDescriptors.MountPathTaken,
        DiagnosticDescriptors.MountShadowsServiceAccount,
        DiagnosticDescriptors.IntWithoutLimit,
        DiagnosticDescriptors.WorkloadNotInManifests,
        DiagnosticDescriptors.NoProjectManifests,
        DiagnosticDescriptors.IgnoredChannelName,
        DiagnosticDescriptors.ManifestNameClash,
        DiagnosticDescriptors.InvalidManifestName,
        DiagnosticDescriptors.NotPartial,
        DiagnosticDescriptors.WrongType,
        DiagnosticDescriptors.UnsupportedTarget,
        DiagnosticDescriptors.NoSetter,
        DiagnosticDescriptors.StaticProperty,
        DiagnosticDescriptors.StaleMetadataInEnv,
        DiagnosticDescriptors.ResizableResourceInEnv);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Resolve once per compilation; do nothing when PodBinding isn't referenced.
            if (start.Compilation.GetTypeByMetadataName(AttributeContract.FromDownwardAttribute) is not { } attribute)
            {
                return;
            }

            INamedTypeSymbol? bindingAttribute = start.Compilation.GetTypeByMetadataName(AttributeContract.DownwardBindingAttribute);
            GeneratorOptions options = GeneratorOptions.From(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions, start.Compilation.AssemblyName);
            // Binding the attributes of every property in a large project would cost more than all the rules: only types
            // declared in files that mention FromDownward are looked at (every type when an alias could hide the name).
            var index = BindingIndex.For(start.Compilation, attribute, options);
            HashSet<SyntaxTree>? candidates = index.Candidates(start.CancellationToken);
            if (candidates is { Count: 0 })
            {
                return; // no file mentions FromDownward: nothing is bound, and no manifest needs reading
            }

            // PB0018/PB0020/PB0021/PB0301 check each plan against the project's hand-written workloads; read here, from
            // the plan this analyzer already has, because a second analyzer asking for the shared index pays for waiting on it.
            HandWrittenWorkloads workloads = HandWrittenWorkloads.Read(ManifestIndex.Create(start.Options, start.TryGetValue, start.CancellationToken));
            int[] plans = new int[1];
            start.RegisterSymbolAction(
                ctx =>
                {
                    if (BoundClasses.IsCandidate((INamedTypeSymbol)ctx.Symbol, candidates) && AnalyzeType(ctx, attribute, bindingAttribute, index, workloads))
                    {
                        Interlocked.Exchange(ref plans[0], 1);
                    }
                },
                SymbolKind.NamedType);

            // PB0302 once per project: with no YAML of its own, "no warnings" from the cross-checks means nothing.
            if (workloads.FileCount == 0 && !string.Equals(GeneratorOptions.Property(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions, "PodBindingAnalyzeManifests"), "false", StringComparison.OrdinalIgnoreCase))
            {
                start.RegisterCompilationEndAction(end =>
                {
                    if (Volatile.Read(ref plans[0]) != 0)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoProjectManifests, Location.None,
                            $"the manifest folder '{options.ManifestFolder}' holds only PodBinding's files, and PodBindingManifestGlobs matched none"));
                    }
                });
            }
        });
    }

    /// <returns>Whether the class has a plan (the generator binds it).</returns>
    private static bool AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol attribute, INamedTypeSymbol? bindingAttribute, BindingIndex index, HandWrittenWorkloads workloads)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        CancellationToken ct = context.CancellationToken;
        bool anyBoundProperty = false, anyInstanceProperty = false;
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is not IPropertySymbol property || Parser.FindAttribute(property, attribute) is null)
            {
                continue;
            }

            anyBoundProperty = true;

            if (property.IsStatic)
            {
                Report(context, DiagnosticDescriptors.StaticProperty, property.Locations[0], property.Name);
            }
            else if (Parser.IsBindable(property))
            {
                anyInstanceProperty = true;
            }
        }

        if (!anyBoundProperty || (!anyInstanceProperty && !type.IsStatic))
        {
            return false; // nothing the generator would bind (a static class can only hold static properties: say both)
        }

        // The same rules the generator's Parser.IsSupportedTarget applies, one diagnostic per kind of problem.
        TypeDeclarationSyntax? nonPartial = Parser.FirstNonPartialDeclaration(type, ct);
        if (nonPartial is not null)
        {
            Report(context, DiagnosticDescriptors.NotPartial, nonPartial.Identifier.GetLocation(), type.Name, "Load()");
        }

        TargetProblems problems = Parser.GetShapeProblems(type);
        if (problems != TargetProblems.None)
        {
            Report(context, DiagnosticDescriptors.UnsupportedTarget, type.Locations[0], type.Name, TargetMessages.Describe(type, problems));
        }

        if (nonPartial is not null || problems != TargetProblems.None)
        {
            return false; // the generator skips the class; fix its shape first
        }

        BindingIndex.Snapshot snapshot = index.Get(ct);
        if (snapshot.Plans.TryGetValue(type, out BindingPlan? plan))
        {
            foreach (PlanFinding finding in plan.Findings)
            {
                ReportFinding(context, type, finding, attribute, bindingAttribute);
            }

            workloads.Report(plan, type, context.ReportDiagnostic);
        }

        if (snapshot.Conflicts.TryGetValue(type, out List<PlanFinding>? conflicts))
        {
            foreach (PlanFinding finding in conflicts)
            {
                ReportFinding(context, type, finding, attribute, bindingAttribute);
            }
        }

        return snapshot.Plans.ContainsKey(type);
    }

    private static void ReportFinding(SymbolAnalysisContext context, INamedTypeSymbol type, PlanFinding finding, INamedTypeSymbol attribute, INamedTypeSymbol? bindingAttribute)
    {
        Location location = FindingLocator.Locate(type, finding, attribute, bindingAttribute, out string? path, context.CancellationToken);
        ImmutableDictionary<string, string?>.Builder properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(DiagnosticProperties.MemberName, finding.MemberName);
        properties.Add(DiagnosticProperties.Argument, finding.Argument);
        if (path is not null)
        {
            properties.Add(DiagnosticProperties.Path, path);
        }

        string? fixKey = finding.Id switch
        {
            DiagnosticIds.NonCanonicalDivisor => DiagnosticProperties.CanonicalDivisor,
            DiagnosticIds.WrongType => DiagnosticProperties.SuggestedType,
            DiagnosticIds.WrongChannel or DiagnosticIds.StaleMetadataInEnv or DiagnosticIds.ResizableResourceInEnv => DiagnosticProperties.Source,
            _ => null,
        };
        if (fixKey is not null && finding.Fix is not null)
        {
            properties.Add(fixKey, finding.Fix);
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ForId(finding.Id), location, properties.ToImmutable(), finding.MessageArguments()));
    }

    private static void Report(SymbolAnalysisContext context, DiagnosticDescriptor descriptor, Location location, params object[] args) =>
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, args));
}
