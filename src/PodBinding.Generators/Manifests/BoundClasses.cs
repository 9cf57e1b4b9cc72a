using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using PodBinding.Generators.Emit;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;

namespace PodBinding.Generators.Manifests;

/// <summary>A class the generator binds, with the plan it generates from (the same Parser and planner).</summary>
internal sealed record BoundClass(INamedTypeSymbol Type, BindingPlan Plan);

/// <summary>
/// Every class the generator would bind in a compilation, found by walking the source assembly's types. Only built
/// when an analyzer has something to compare with (a generated YAML file, a raw read to fix), and then once per
/// compilation through <see cref="Once{T}"/>.
/// </summary>
internal static class BoundClasses
{
    public static BoundClass[] Find(Compilation compilation, INamedTypeSymbol attribute, GeneratorOptions options, CancellationToken ct)
    {
        // Binding every property's attributes in a large project costs more than everything else the analyzers do, so
        // only types declared in a file that mentions the attribute are looked at. An alias (using X =
        // PodBinding.FromDownwardAttribute) can hide the name from the file that uses it: then every type is.
        HashSet<SyntaxTree>? candidates = CandidateTrees(compilation, ct);
        var found = new List<BoundClass>();
        var namespaces = new Stack<INamespaceSymbol>();
        namespaces.Push(compilation.Assembly.GlobalNamespace);
        while (namespaces.Count > 0)
        {
            INamespaceSymbol ns = namespaces.Pop();
            foreach (INamespaceOrTypeSymbol member in ns.GetMembers())
            {
                ct.ThrowIfCancellationRequested();
                if (member is INamespaceSymbol child)
                {
                    namespaces.Push(child);
                }
                else if (member is INamedTypeSymbol { TypeKind: TypeKind.Class } type
                    && IsCandidate(type, candidates)
                    && PodBindingGenerator.Parser.IsSupportedTarget(type, ct)
                    && PodBindingGenerator.Parser.ReadSpec(type, attribute, firstMember: null, ct) is { Members.Count: > 0 } spec)
                {
                    found.Add(new BoundClass(type, BindingPlanner.Plan(spec, options)));
                }
            }
        }

        // Metadata-name order: deterministic whatever order the namespaces were walked in.
        found.Sort(static (a, b) => string.CompareOrdinal(a.Plan.FullName, b.Plan.FullName));
        return found.ToArray();
    }

    /// <summary>Trees whose text mentions <c>FromDownward</c>, or null (all trees) when an alias could hide it.</summary>
    public static HashSet<SyntaxTree>? CandidateTrees(Compilation compilation, CancellationToken ct)
    {
        var trees = new HashSet<SyntaxTree>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            string text = tree.GetText(ct).ToString();
            int at = text.IndexOf("FromDownward", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            trees.Add(tree);
            for (; at >= 0; at = text.IndexOf("FromDownward", at + 1, StringComparison.Ordinal))
            {
                // "= PodBinding.FromDownward…" or "= global::PodBinding.FromDownward…": an alias.
                int equals = text.LastIndexOf('=', at);
                if (equals >= 0 && text.Substring(equals + 1, at - equals - 1).Trim() is "PodBinding." or "global::PodBinding.")
                {
                    return null;
                }
            }
        }

        return trees;
    }

    /// <summary>Whether any declaration of <paramref name="type"/> is in a candidate tree (all are when <paramref name="candidates"/> is null).</summary>
    public static bool IsCandidate(INamedTypeSymbol type, HashSet<SyntaxTree>? candidates)
    {
        if (candidates is null)
        {
            return true;
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (candidates.Contains(reference.SyntaxTree))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The files the build writes for <paramref name="classes"/>, by name inside the manifest folder, with the class (or
    /// the kustomize Component) that produces each. Names only: <see cref="ExpectedFile.Content"/> runs the generator's
    /// own emitters (<see cref="ManifestAttributeEmitter.FilesOf"/>, <see cref="ManifestEmitter.Kustomization"/>) for the
    /// few files that are committed, so the comparison cannot drift from the build and costs nothing for the others.
    /// </summary>
    public static Dictionary<string, ExpectedFile> ExpectedFiles(IReadOnlyList<BoundClass> classes)
    {
        var files = new Dictionary<string, ExpectedFile>(StringComparer.Ordinal);
        var patches = new List<string>();
        foreach (BoundClass bound in classes)
        {
            BindingPlan plan = bound.Plan;
            files[plan.FragmentFile] = new ExpectedFile(plan.FullName, () => Content(plan, plan.FragmentFile));
            if (plan.HasPatch)
            {
                files[plan.PatchFile] = new ExpectedFile(plan.FullName, () => Content(plan, plan.PatchFile));
                patches.Add(plan.PatchFile);
            }
        }

        if (patches.Count > 0)
        {
            patches.Sort(StringComparer.Ordinal);
            files["kustomization.yaml"] = new ExpectedFile("the kustomize Component of all bound classes", () => ManifestEmitter.Kustomization(patches));
        }

        return files;
    }

    private static string Content(BindingPlan plan, string file)
    {
        foreach (KeyValuePair<string, string> generated in ManifestAttributeEmitter.FilesOf(plan))
        {
            if (generated.Key == file)
            {
                return generated.Value;
            }
        }

        return "";
    }
}

/// <summary>A file the build writes: who produces it, and its text on demand.</summary>
internal sealed class ExpectedFile
{
    private readonly Func<string> _content;

    public ExpectedFile(string owner, Func<string> content)
    {
        Owner = owner;
        _content = content;
    }

    public string Owner { get; }

    public string Content() => _content();
}

/// <summary>
/// A value computed at most once, on first use, by whichever thread asks first. Unlike <c>Lazy&lt;T&gt;</c> it does not
/// remember an exception, so a cancelled computation is simply redone by the next caller.
/// </summary>
internal sealed class Once<T>
    where T : class
{
    private readonly Func<CancellationToken, T> _factory;
    private readonly object _gate = new();
    private T? _value;

    public Once(Func<CancellationToken, T> factory) => _factory = factory;

    public T Get(CancellationToken ct)
    {
        if (Volatile.Read(ref _value) is { } value)
        {
            return value;
        }

        lock (_gate)
        {
            return _value ??= _factory(ct);
        }
    }
}
