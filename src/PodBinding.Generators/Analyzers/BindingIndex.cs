using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Manifests;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;
using Parser = PodBinding.Generators.PodBindingGenerator.Parser;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// The plans of every bound class in one compilation, built once on first use (inside the analyzer's
/// compilation-start closure, never in a static), and the env vars and item paths two classes both claim.
/// </summary>
/// <remarks>
/// A clash is reported on the class declared later (file path, then position), so the result does not depend on the
/// order in which symbols are analyzed. Two classes that bind the same name to the same value are not a clash: their
/// YAML fragments define the same entry, which kustomize merges by name.
/// </remarks>
internal sealed class BindingIndex
{
    private readonly Compilation compilation;
    private readonly INamedTypeSymbol attribute;
    private readonly GeneratorOptions options;
    private readonly HashSet<SyntaxTree>? candidates;
    private readonly object gate = new();
    private Snapshot? snapshot;

    public BindingIndex(Compilation compilation, INamedTypeSymbol attribute, GeneratorOptions options, HashSet<SyntaxTree>? candidates)
    {
        this.compilation = compilation;
        this.attribute = attribute;
        this.options = options;
        this.candidates = candidates;
    }

    public sealed class Snapshot
    {
        public Dictionary<INamedTypeSymbol, BindingPlan> Plans { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<INamedTypeSymbol, List<PlanFinding>> Conflicts { get; } = new(SymbolEqualityComparer.Default);
    }

    /// <summary>Builds on first call; a cancelled build is retried by the next caller.</summary>
    public Snapshot Get(CancellationToken ct)
    {
        lock (gate)
        {
            return snapshot ??= Build(ct);
        }
    }

    private Snapshot Build(CancellationToken ct)
    {
        var result = new Snapshot();
        var ordered = new List<(string File, int Position, INamedTypeSymbol Type, BindingPlan Plan)>();
        var types = new List<INamedTypeSymbol>();
        CollectTopLevelTypes(compilation.Assembly.GlobalNamespace, types, ct);
        foreach (INamedTypeSymbol type in types)
        {
            ct.ThrowIfCancellationRequested();
            if (!BoundClasses.IsCandidate(type, candidates) || !Parser.HasBoundProperty(type, attribute) || !Parser.IsSupportedTarget(type, ct))
            {
                continue;
            }

            BindingSpec spec = Parser.ReadSpec(type, attribute, firstMember: null, ct)!;
            if (spec.Members.Count == 0)
            {
                continue;
            }

            BindingPlan plan = BindingPlanner.Plan(spec, options);
            result.Plans[type] = plan;
            (string file, int position) = FirstDeclaration(type);
            ordered.Add((file, position, type, plan));
        }

        ordered.Sort(static (a, b) =>
        {
            int byFile = string.CompareOrdinal(a.File, b.File);
            return byFile != 0 ? byFile : a.Position.CompareTo(b.Position);
        });

        var envVars = new Dictionary<string, Claim>(StringComparer.Ordinal);
        var items = new List<Claim>();
        foreach ((_, _, INamedTypeSymbol type, BindingPlan plan) in ordered)
        {
            foreach (PlannedMember member in plan.Members)
            {
                var claim = new Claim(plan, member);
                PlanFinding? conflict = member.IsVolume ? ClaimItem(items, claim) : ClaimEnvVar(envVars, claim);
                if (conflict is null)
                {
                    continue;
                }

                if (!result.Conflicts.TryGetValue(type, out List<PlanFinding>? list))
                {
                    result.Conflicts[type] = list = new List<PlanFinding>();
                }

                list.Add(conflict);
            }
        }

        return result;
    }

    private static PlanFinding? ClaimEnvVar(Dictionary<string, Claim> envVars, Claim claim)
    {
        string key = claim.Plan.ContainerName + "\n" + claim.Member.Name;
        if (!envVars.TryGetValue(key, out Claim? earlier))
        {
            envVars.Add(key, claim);
            return null;
        }

        return earlier.Value == claim.Value ? null : new PlanFinding(
            claim.Member.MemberName,
            DiagnosticIds.DuplicateEnvVar,
            AttributeContract.FromDownward.EnvVar,
            $"env var '{claim.Member.Name}' in container '{claim.Plan.ContainerName}' is already claimed by '{earlier.Owner}' for a different value, and the later entry would replace it; set a different EnvVar",
            Skips: false);
    }

    private static PlanFinding? ClaimItem(List<Claim> items, Claim claim)
    {
        string path = claim.Member.Name;
        foreach (Claim earlier in items)
        {
            if (earlier.Plan.VolumeName != claim.Plan.VolumeName || earlier.Plan.MountPath != claim.Plan.MountPath)
            {
                continue;
            }

            string other = earlier.Member.Name;
            if (other == path)
            {
                if (earlier.Value == claim.Value)
                {
                    return null;
                }

                return new PlanFinding(claim.Member.MemberName, DiagnosticIds.DuplicateItemPath, AttributeContract.FromDownward.File,
                    $"item path '{path}' in volume '{claim.Plan.VolumeName}' is already claimed by '{earlier.Owner}' for a different value, and the later item would replace it; set a different File",
                    Skips: false);
            }

            if (other.StartsWith(path + "/", StringComparison.Ordinal) || path.StartsWith(other + "/", StringComparison.Ordinal))
            {
                return new PlanFinding(claim.Member.MemberName, DiagnosticIds.DuplicateItemPath, AttributeContract.FromDownward.File,
                    $"item path '{path}' in volume '{claim.Plan.VolumeName}' clashes with '{other}' of '{earlier.Owner}' (a file and a directory cannot share a name); set a different File",
                    Skips: false);
            }
        }

        items.Add(claim);
        return null;
    }

    private static (string File, int Position) FirstDeclaration(INamedTypeSymbol type)
    {
        string file = "";
        int position = int.MaxValue;
        foreach (Location location in type.Locations)
        {
            string candidate = location.SourceTree?.FilePath ?? "";
            int start = location.SourceSpan.Start;
            if (position == int.MaxValue || string.CompareOrdinal(candidate, file) < 0 || (candidate == file && start < position))
            {
                file = candidate;
                position = start;
            }
        }

        return (file, position);
    }

    private static void CollectTopLevelTypes(INamespaceSymbol ns, List<INamedTypeSymbol> types, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        types.AddRange(ns.GetTypeMembers());
        foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
        {
            CollectTopLevelTypes(child, types, ct);
        }
    }

    /// <summary>One env var or item a class's YAML defines, and what it holds.</summary>
    private sealed class Claim
    {
        public Claim(BindingPlan plan, PlannedMember member)
        {
            Plan = plan;
            Member = member;
            Owner = plan.FullName + "." + member.MemberName;
            Value = member.FieldPath ?? member.Resource + "|" + member.ContainerName + "|" + member.Divisor;
        }

        public BindingPlan Plan { get; }

        public PlannedMember Member { get; }

        public string Owner { get; }

        public string Value { get; }
    }
}
