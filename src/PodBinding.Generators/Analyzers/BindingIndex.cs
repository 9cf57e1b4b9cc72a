using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Model;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// Everything the analyzers need to know about the bound classes of one compilation, computed at most once for all of
/// them: the trees that mention the attribute (one text scan), the bound classes and their plans (one walk, the same
/// Parser and planner as the generator), and the env vars and item paths two classes both claim.
/// </summary>
/// <remarks>
/// Shared through a table weakly keyed by the <see cref="Compilation"/>: the analyzers are separate instances, and
/// without it each would scan every file and plan every class again. The table holds no compilation alive, and the
/// index holds nothing beyond its compilation's life. A clash is reported on the class declared later (file path, then
/// position), so the result does not depend on the order in which symbols are analyzed. Two classes that bind the same
/// name to the same value are not a clash: their YAML fragments define the same entry, which kustomize merges by name.
/// </remarks>
internal sealed class BindingIndex
{
    private static readonly ConditionalWeakTable<Compilation, BindingIndex> ByCompilation = new();

    private readonly INamedTypeSymbol attribute;
    private readonly Once<Holder<HashSet<SyntaxTree>?>> candidates;
    private readonly Once<BoundClass[]> classes;
    private readonly Once<Snapshot> snapshot;

    private BindingIndex(Compilation compilation, INamedTypeSymbol attribute, GeneratorOptions options)
    {
        this.attribute = attribute;
        Options = options;
        candidates = new Once<Holder<HashSet<SyntaxTree>?>>(ct => new Holder<HashSet<SyntaxTree>?>(BoundClasses.CandidateTrees(compilation, ct)));
        classes = new Once<BoundClass[]>(ct => BoundClasses.Find(compilation, attribute, options, Candidates(ct), ct));
        snapshot = new Once<Snapshot>(ct => Build(Classes(ct)));
    }

    /// <summary>The project settings the plans were made with.</summary>
    public GeneratorOptions Options { get; }

    /// <summary>
    /// The index of <paramref name="compilation"/>; <paramref name="attribute"/> is its <c>FromDownwardAttribute</c>
    /// and <paramref name="options"/> its project settings (the same for every analyzer of one compilation).
    /// </summary>
    public static BindingIndex For(Compilation compilation, INamedTypeSymbol attribute, GeneratorOptions options)
    {
        BindingIndex shared = ByCompilation.GetValue(compilation, c => new BindingIndex(c, attribute, options));

        // One compilation analysed again with other settings (a host or a test can do that): a private index.
        return shared.Options == options && SymbolEqualityComparer.Default.Equals(shared.attribute, attribute)
            ? shared
            : new BindingIndex(compilation, attribute, options);
    }

    /// <summary>Trees that mention the attribute, or null when every tree may (an alias hides the name).</summary>
    public HashSet<SyntaxTree>? Candidates(CancellationToken ct) => candidates.Get(ct).Value;

    /// <summary>Every class the generator binds, by metadata name.</summary>
    public BoundClass[] Classes(CancellationToken ct) => classes.Get(ct);

    /// <summary>Plans by type and cross-class clashes; built on first call, a cancelled build is redone by the next caller.</summary>
    public Snapshot Get(CancellationToken ct) => snapshot.Get(ct);

    public sealed class Snapshot
    {
        public Dictionary<INamedTypeSymbol, BindingPlan> Plans { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<INamedTypeSymbol, List<PlanFinding>> Conflicts { get; } = new(SymbolEqualityComparer.Default);
    }

    private static Snapshot Build(BoundClass[] bound)
    {
        var result = new Snapshot();
        var ordered = new List<(string File, int Position, INamedTypeSymbol Type, BindingPlan Plan)>();
        foreach (BoundClass cls in bound)
        {
            result.Plans[cls.Type] = cls.Plan;
            (string file, int position) = FirstDeclaration(cls.Type);
            ordered.Add((file, position, cls.Type, cls.Plan));
        }

        ordered.Sort(static (a, b) =>
        {
            int byFile = string.CompareOrdinal(a.File, b.File);
            return byFile != 0 ? byFile : a.Position.CompareTo(b.Position);
        });

        var envVars = new Dictionary<string, Claim>(StringComparer.Ordinal);
        var items = new List<Claim>();
        var files = new Dictionary<string, BindingPlan>(StringComparer.Ordinal);
        foreach ((_, _, INamedTypeSymbol type, BindingPlan plan) in ordered)
        {
            // Two classes writing one file (A.PodInfo and B.PodInfo → pod-info.yaml): one would overwrite the other.
            string file = plan.ManifestFolder.TrimEnd('/') + "/" + plan.FragmentFile;
            if (files.TryGetValue(file, out BindingPlan? writer))
            {
                Add(result, type, PlanFinding.Create("", DiagnosticIds.ManifestNameClash, AttributeContract.DownwardBinding.ManifestName, Skips: true, fix: null,
                    plan.FullName, file, writer.FullName));
            }
            else
            {
                files.Add(file, plan);
            }

            foreach (PlannedMember member in plan.Members)
            {
                var claim = new Claim(plan, member);
                PlanFinding? conflict = member.IsVolume ? ClaimItem(items, claim) : ClaimEnvVar(envVars, claim);
                if (conflict is null)
                {
                    continue;
                }

                Add(result, type, conflict);
            }
        }

        return result;
    }

    private static void Add(Snapshot result, INamedTypeSymbol type, PlanFinding conflict)
    {
        if (!result.Conflicts.TryGetValue(type, out List<PlanFinding>? list))
        {
            result.Conflicts[type] = list = new List<PlanFinding>();
        }

        list.Add(conflict);
    }

    private static PlanFinding? ClaimEnvVar(Dictionary<string, Claim> envVars, Claim claim)
    {
        string key = claim.Plan.ContainerName + "\n" + claim.Member.Name;
        if (!envVars.TryGetValue(key, out Claim? earlier))
        {
            envVars.Add(key, claim);
            return null;
        }

        return earlier.Value == claim.Value ? null : PlanFinding.Create(
            claim.Member.MemberName,
            DiagnosticIds.DuplicateEnvVar,
            AttributeContract.FromDownward.EnvVar,
            Skips: false,
            fix: null,
            claim.Member.Name,
            $"in container '{claim.Plan.ContainerName}' is already claimed by '{earlier.Owner}' for a different value, and the later entry would replace it");
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

                return PlanFinding.Create(claim.Member.MemberName, DiagnosticIds.DuplicateItemPath, AttributeContract.FromDownward.File, Skips: false, fix: null,
                    path, $"in volume '{claim.Plan.VolumeName}' is already claimed by '{earlier.Owner}' for a different value, and the later item would replace it");
            }

            if (Catalog.NameRules.ItemPathsClash(other, path))
            {
                return PlanFinding.Create(claim.Member.MemberName, DiagnosticIds.DuplicateItemPath, AttributeContract.FromDownward.File, Skips: false, fix: null,
                    path, $"in volume '{claim.Plan.VolumeName}' clashes with '{other}' of '{earlier.Owner}' (a file and a directory cannot share a name)");
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

    /// <summary>A reference wrapper, so a computed null (every tree is a candidate) is cached like any other value.</summary>
    private sealed class Holder<T>
    {
        public Holder(T value) => Value = value;

        public T Value { get; }
    }
}
