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

    /// <summary>
    /// The files the build writes for <paramref name="classes"/>, by name inside the manifest folder, with the class (or
    /// the kustomize Component) that produces each: the generator's own emitters, so the comparison cannot drift.
    /// </summary>
    public static Dictionary<string, (string Content, string Owner)> ExpectedFiles(IReadOnlyList<BoundClass> classes)
    {
        var files = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var patches = new List<string>();
        foreach (BoundClass bound in classes)
        {
            foreach (KeyValuePair<string, string> file in ManifestAttributeEmitter.FilesOf(bound.Plan))
            {
                files[file.Key] = (file.Value, bound.Plan.FullName);
            }

            if (bound.Plan.HasPatch)
            {
                patches.Add(bound.Plan.PatchFile);
            }
        }

        if (patches.Count > 0)
        {
            patches.Sort(StringComparer.Ordinal);
            files["kustomization.yaml"] = (ManifestEmitter.Kustomization(patches), "the kustomize Component of all bound classes");
        }

        return files;
    }
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
