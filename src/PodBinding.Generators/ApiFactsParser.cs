using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using PodBinding.Generators.Model;
using PodBinding.Shared;

namespace PodBinding.Generators;

/// <summary>Symbols → <see cref="ApiFactsSpec"/> for classes with <c>[FromApi]</c> members; shared by generator and analyzers.</summary>
internal static class ApiFactsParser
{
    public static ApiFactsSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        if (context.TargetSymbol is not IPropertySymbol target
            || !PodBindingGenerator.Parser.IsBindable(target)
            || context.Attributes.IsEmpty
            || context.Attributes[0].AttributeClass is not { } attributeClass
            || !PodBindingGenerator.Parser.IsSupportedTarget(target.ContainingType, ct))
        {
            return null; // reported by the analyzers
        }

        return Read(target.ContainingType, attributeClass, target, ct);
    }

    /// <summary>The spec of <paramref name="type"/>; with <paramref name="firstMember"/>, null unless it is the class's first <c>[FromApi]</c> property.</summary>
    public static ApiFactsSpec? Read(INamedTypeSymbol type, INamedTypeSymbol attributeClass, IPropertySymbol? firstMember, CancellationToken ct)
    {
        var members = new List<ApiMemberSpec>();
        foreach (ISymbol symbol in type.GetMembers())
        {
            ct.ThrowIfCancellationRequested();
            if (symbol is not IPropertySymbol property || !PodBindingGenerator.Parser.IsBindable(property)
                || PodBindingGenerator.Parser.FindAttribute(property, attributeClass) is not { } attribute)
            {
                continue;
            }

            if (members.Count == 0 && firstMember is not null && !SymbolEqualityComparer.Default.Equals(property, firstMember))
            {
                return null;
            }

            members.Add(ReadMember(property, attribute));
        }

        string? selector = null;
        bool hasPeers = false;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == AttributeContract.ApiPeersAttribute)
            {
                hasPeers = true;
                foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
                {
                    if (named.Key == AttributeContract.ApiPeers.Selector)
                    {
                        selector = named.Value.Value as string;
                    }
                }
            }
        }

        ClassSettings settings = PodBindingGenerator.Parser.ReadSettings(type);
        return new ApiFactsSpec(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            new EquatableArray<ApiMemberSpec>(members.ToArray()),
            selector,
            hasPeers,
            settings.WorkloadKind,
            settings.WorkloadName);
    }

    /// <summary>The type as the catalog lists it: fully qualified, without its nullable marker.</summary>
    public static string CatalogType(ITypeSymbol type, out bool nullable)
    {
        nullable = type.NullableAnnotation == NullableAnnotation.Annotated;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapped)
        {
            nullable = true;
            type = wrapped.TypeArguments[0];
        }

        return type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }

    private static ApiMemberSpec ReadMember(IPropertySymbol property, AttributeData attribute)
    {
        string path = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string p ? p : "";
        string type = CatalogType(property.Type, out bool nullable);
        return new ApiMemberSpec(
            property.Name,
            type,
            nullable,
            property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            path,
            HasSetter: property.SetMethod is not null,
            IsRequired: property.IsRequired);
    }
}
