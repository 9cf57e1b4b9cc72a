using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;
using Parser = PodBinding.Generators.PodBindingGenerator.Parser;

namespace PodBinding.Generators.Analyzers;

/// <summary>A class the generator binds, with the plan it generates from (the same Parser and planner).</summary>
internal sealed record BoundClass(INamedTypeSymbol Type, BindingPlan Plan);

/// <summary>
/// The one walk over a compilation that finds what the generator binds (the generator itself finds the same classes
/// through <c>ForAttributeWithMetadataName</c>). Analyzers reach it through <see cref="BindingIndex"/>, which runs it
/// once per compilation for all of them.
/// </summary>
internal static class BoundClasses
{
    private const string AttributeWord = "FromDownward";

    /// <summary>Every top-level class declared in <paramref name="candidates"/> that the generator would bind, by metadata name.</summary>
    public static BoundClass[] Find(Compilation compilation, INamedTypeSymbol attribute, GeneratorOptions options, HashSet<SyntaxTree>? candidates, CancellationToken ct)
    {
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
                    && Parser.IsSupportedTarget(type, ct)
                    && Parser.ReadSpec(type, attribute, ct) is { Members.Count: > 0 } spec)
                {
                    found.Add(new BoundClass(type, BindingPlanner.Plan(spec, options)));
                }
            }
        }

        // Metadata-name order: deterministic whatever order the namespaces were walked in.
        found.Sort(static (a, b) => string.CompareOrdinal(a.Plan.FullName, b.Plan.FullName));
        return found.ToArray();
    }

    /// <summary>
    /// Trees whose text mentions <c>FromDownward</c>, or null (all trees) when an alias could hide it. Binding every
    /// property's attributes in a large project costs more than all the rules, so only these are looked at. The text is
    /// scanned in chunks through one buffer: no tree's text is turned into a string unless it mentions the word.
    /// </summary>
    public static HashSet<SyntaxTree>? CandidateTrees(Compilation compilation, CancellationToken ct) =>
        CandidateTrees(compilation, AttributeWord, ct);

    /// <summary>The same scan for another PodBinding attribute's name (<c>KubernetesApi</c>).</summary>
    public static HashSet<SyntaxTree>? CandidateTrees(Compilation compilation, string attributeWord, CancellationToken ct)
    {
        var trees = new HashSet<SyntaxTree>();
        char[] buffer = new char[8192];
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            ct.ThrowIfCancellationRequested();
            SourceText text = tree.GetText(ct);
            if (!Mentions(text, buffer, attributeWord))
            {
                continue;
            }

            trees.Add(tree);
            if (HasAlias(text.ToString(), attributeWord))
            {
                return null;
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

    private static bool Mentions(SourceText text, char[] buffer, string attributeWord)
    {
        int overlap = attributeWord.Length - 1;
        for (int start = 0; start < text.Length; start += buffer.Length - overlap)
        {
            int count = Math.Min(buffer.Length, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            if (new ReadOnlySpan<char>(buffer, 0, count).IndexOf(attributeWord.AsSpan(), StringComparison.Ordinal) >= 0)
            {
                return true;
            }

            if (start + count >= text.Length)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>"= PodBinding.FromDownward…" or "= global::PodBinding.FromDownward…": a using alias that can hide the name elsewhere.</summary>
    private static bool HasAlias(string text, string attributeWord)
    {
        for (int at = text.IndexOf(attributeWord, StringComparison.Ordinal); at >= 0; at = text.IndexOf(attributeWord, at + 1, StringComparison.Ordinal))
        {
            int equals = text.LastIndexOf('=', at);
            if (equals >= 0 && text.Substring(equals + 1, at - equals - 1).Trim() is "PodBinding." or "global::PodBinding.")
            {
                return true;
            }
        }

        return false;
    }
}
