using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PodBinding.Generators.Model;

namespace PodBinding.Generators.Analyzers;

/// <summary>PB0102's message argument: which shape problems a class has, each with its fix.</summary>
internal static class TargetMessages
{
    public static string Describe(INamedTypeSymbol type, TargetProblems problems)
    {
        var parts = new List<string>();
        if ((problems & TargetProblems.Struct) != 0)
        {
            parts.Add(type.IsRecord ? "is a record struct (declare it as a 'partial class')" : "is a struct (declare it as a 'partial class')");
        }

        if ((problems & TargetProblems.NotAClass) != 0)
        {
            parts.Add(type.TypeKind == TypeKind.Interface ? "is an interface (move the properties to a 'partial class')" : "is not a class (declare a 'partial class')");
        }

        if ((problems & TargetProblems.Record) != 0)
        {
            parts.Add("is a record (declare it as a 'partial class')");
        }

        if ((problems & TargetProblems.Static) != 0)
        {
            parts.Add("is static (remove 'static'; the generated Load() creates an instance)");
        }

        if ((problems & TargetProblems.Abstract) != 0)
        {
            parts.Add("is abstract (remove 'abstract'; the generated Load() creates an instance)");
        }

        if ((problems & TargetProblems.Generic) != 0)
        {
            parts.Add("is generic (remove the type parameters)");
        }

        if ((problems & TargetProblems.Nested) != 0)
        {
            parts.Add($"is nested in '{type.ContainingType?.Name}' (move it to namespace level)");
        }

        if ((problems & TargetProblems.NoParameterlessConstructor) != 0)
        {
            parts.Add("has no parameterless constructor (add one; the generated Load() calls it)");
        }

        string list = parts.Count == 1 ? parts[0] : string.Join(", ", parts.GetRange(0, parts.Count - 1)) + " and " + parts[parts.Count - 1];
        return list;
    }
}
