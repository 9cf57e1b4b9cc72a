using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace PodBinding.Generators.Tests.Helpers;

/// <summary>Walks an object graph by reflection (every field, recursively; arrays and other enumerables) looking for Roslyn objects.</summary>
internal static class ObjectGraph
{
    public static readonly Type[] RoslynTypes =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation),
        typeof(SemanticModel), typeof(Location), typeof(AttributeData),
    };

    /// <summary>The paths at which a Roslyn object was found; empty when there is none.</summary>
    public static List<string> FindRoslynObjects(object? root, string rootName)
    {
        var found = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, rootName, found, visited);
        return found;
    }

    public static void AssertNoRoslynObjects(object? root, string rootName)
    {
        List<string> found = FindRoslynObjects(root, rootName);
        Assert.True(found.Count == 0, "Roslyn objects in a pipeline model:\n" + string.Join("\n", found));
    }

    private static void Walk(object? value, string path, List<string> found, HashSet<object> visited)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        if (RoslynTypes.Any(t => t.IsAssignableFrom(type)))
        {
            // Reached through a collection's enumerator and through its backing field alike: report each object once.
            if (visited.Add(value))
            {
                found.Add($"{path}: {type.FullName}");
            }

            return;
        }

        if (type.IsPrimitive || type.IsEnum || value is string or decimal or Type || type.IsPointer)
        {
            return;
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable enumerable)
        {
            int i = 0;
            foreach (object? item in enumerable)
            {
                Walk(item, $"{path}[{i++}]", found, visited);
            }
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(value), $"{path}.{field.Name}", found, visited);
            }
        }
    }
}
