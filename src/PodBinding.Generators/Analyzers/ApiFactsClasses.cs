using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using PodBinding.Generators.Model;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// The classes with <c>[FromApi]</c> members the generator would map, as specs (the same <see cref="ApiFactsParser"/>);
/// for the manifest comparison, which needs their RBAC. Only trees that mention <c>FromApi</c> are looked at.
/// </summary>
internal static class ApiFactsClasses
{
    private const string AttributeWord = "FromApi";

    /// <summary>
    /// False when no tree mentions <c>FromApi</c>: then no class reads the API server, and an analyzer about its
    /// requests can stop before it reads the project's manifests (the scan is of raw text, far cheaper than the parse).
    /// </summary>
    public static bool MayExist(Compilation compilation, CancellationToken ct) =>
        BoundClasses.CandidateTrees(compilation, AttributeWord, ct) is not { Count: 0 };

    public static List<ApiFactsSpec> Find(Compilation compilation, INamedTypeSymbol attribute, CancellationToken ct)
    {
        HashSet<SyntaxTree>? candidates = BoundClasses.CandidateTrees(compilation, AttributeWord, ct);
        var found = new List<ApiFactsSpec>();
        if (candidates is { Count: 0 })
        {
            return found;
        }

        var namespaces = new Stack<INamespaceSymbol>();
        namespaces.Push(compilation.Assembly.GlobalNamespace);
        while (namespaces.Count > 0)
        {
            foreach (INamespaceOrTypeSymbol member in namespaces.Pop().GetMembers())
            {
                ct.ThrowIfCancellationRequested();
                if (member is INamespaceSymbol child)
                {
                    namespaces.Push(child);
                }
                else if (member is INamedTypeSymbol { TypeKind: TypeKind.Class } type
                    && BoundClasses.IsCandidate(type, candidates)
                    && PodBindingGenerator.Parser.IsSupportedTarget(type, ct)
                    && ApiFactsParser.Read(type, attribute, firstMember: null, ct) is { Members.Count: > 0 } spec)
                {
                    found.Add(spec);
                }
            }
        }

        found.Sort(static (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        return found;
    }
}
