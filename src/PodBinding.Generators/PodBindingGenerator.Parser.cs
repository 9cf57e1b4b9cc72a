using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Model;

namespace PodBinding.Generators;

public sealed partial class PodBindingGenerator
{
    /// <summary>Symbols → <see cref="BindingSpec"/>: strings at once, null (quietly) for anything it cannot generate.</summary>
    internal static class Parser
    {
        public static BindingSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            if (context.TargetSymbol is not IPropertySymbol { IsStatic: false } target
                || context.Attributes.IsEmpty
                || context.Attributes[0].AttributeClass is not { } attributeClass
                || !IsSupportedTarget(target.ContainingType, ct))
            {
                return null; // reported by the analyzers, not here
            }

            // Every bound property matches the attribute; only the class's first one builds the class's spec.
            return ReadSpec(target.ContainingType, attributeClass, firstMember: target, ct);
        }

        /// <summary>
        /// The spec of a supported class; shared by the generator and the analyzers so both see the same model. With
        /// <paramref name="firstMember"/>, returns null unless it is the class's first bound property.
        /// </summary>
        public static BindingSpec? ReadSpec(INamedTypeSymbol type, INamedTypeSymbol attributeClass, IPropertySymbol? firstMember, CancellationToken ct)
        {
            var members = new List<MemberSpec>();
            foreach (ISymbol symbol in type.GetMembers())
            {
                ct.ThrowIfCancellationRequested();
                if (symbol is not IPropertySymbol { IsStatic: false } property || FindAttribute(property, attributeClass) is not { } attribute)
                {
                    continue;
                }

                if (members.Count == 0 && firstMember is not null && !SymbolEqualityComparer.Default.Equals(property, firstMember))
                {
                    return null;
                }

                members.Add(ReadMember(property, attribute));
            }

            return new BindingSpec(
                type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                ReadSettings(type),
                new EquatableArray<MemberSpec>(members.ToArray()));
        }

        /// <summary>A non-generic, top-level, concrete class, partial everywhere, with a parameterless constructor.</summary>
        public static bool IsSupportedTarget(INamedTypeSymbol? type, CancellationToken ct)
        {
            if (type is not { TypeKind: TypeKind.Class, IsStatic: false, IsAbstract: false, Arity: 0, ContainingType: null })
            {
                return false;
            }

            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(ct) is not ClassDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return false;
                }
            }

            foreach (IMethodSymbol constructor in type.InstanceConstructors)
            {
                if (constructor.Parameters.IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The property's <c>[FromDownward]</c>, if any.</summary>
        public static AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol attributeClass)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass))
                {
                    return attribute;
                }
            }

            return null;
        }

        private static MemberSpec ReadMember(IPropertySymbol property, AttributeData attribute)
        {
            string path = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string p ? p : "";
            int source = 0;
            string? envVar = null, file = null, divisor = null, container = null;
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Source": source = named.Value.Value is int s ? s : 0; break;
                    case "EnvVar": envVar = named.Value.Value as string; break;
                    case "File": file = named.Value.Value as string; break;
                    case "Divisor": divisor = named.Value.Value as string; break;
                    case "ContainerName": container = named.Value.Value as string; break;
                }
            }

            ClrKind kind = Classify(property.Type, out bool nullable);
            return new MemberSpec(
                property.Name,
                kind,
                nullable,
                property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                path,
                source,
                envVar,
                file,
                divisor,
                container,
                HasSetter: property.SetMethod is not null);
        }

        private static ClassSettings ReadSettings(INamedTypeSymbol type)
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "DownwardBindingAttribute" } cls && IsIn(cls.ContainingNamespace, "PodBinding"))
                {
                    string? container = null, volume = null, mount = null, workloadName = null;
                    int workloadKind = 0;
                    foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
                    {
                        switch (named.Key)
                        {
                            case "ContainerName": container = named.Value.Value as string; break;
                            case "VolumeName": volume = named.Value.Value as string; break;
                            case "MountPath": mount = named.Value.Value as string; break;
                            case "WorkloadKind": workloadKind = named.Value.Value is int k ? k : 0; break;
                            case "WorkloadName": workloadName = named.Value.Value as string; break;
                        }
                    }

                    return new ClassSettings(container, volume, mount, workloadKind, workloadName);
                }
            }

            return ClassSettings.Default;
        }

        /// <summary>What the property's type can hold; nullable reference or value types make the member optional.</summary>
        public static ClrKind Classify(ITypeSymbol type, out bool nullable)
        {
            nullable = type.NullableAnnotation == NullableAnnotation.Annotated;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
            {
                nullable = true;
                type = wrapper.TypeArguments[0];
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String: return ClrKind.String;
                case SpecialType.System_Int32: return ClrKind.Int32;
                case SpecialType.System_Int64: return ClrKind.Int64;
                case SpecialType.System_Decimal: return ClrKind.Decimal;
            }

            if (type is not INamedTypeSymbol named)
            {
                return ClrKind.Unsupported;
            }

            if (named.Arity == 0)
            {
                return named.Name switch
                {
                    "Guid" when IsIn(named.ContainingNamespace, "System") => ClrKind.Guid,
                    "IPAddress" when IsIn(named.ContainingNamespace, "System", "Net") => ClrKind.IPAddress,
                    _ => ClrKind.Unsupported,
                };
            }

            if (named.Name == "IReadOnlyList" && named.Arity == 1 && IsIn(named.ContainingNamespace, "System", "Collections", "Generic")
                && named.TypeArguments[0] is INamedTypeSymbol { Name: "IPAddress" } element && IsIn(element.ContainingNamespace, "System", "Net"))
            {
                return ClrKind.IPAddressList;
            }

            if (named.Name == "IReadOnlyDictionary" && named.Arity == 2 && IsIn(named.ContainingNamespace, "System", "Collections", "Generic")
                && named.TypeArguments[0].SpecialType == SpecialType.System_String && named.TypeArguments[1].SpecialType == SpecialType.System_String)
            {
                return ClrKind.StringMap;
            }

            return ClrKind.Unsupported;
        }

        /// <summary>Whether <paramref name="ns"/> is exactly the namespace <paramref name="parts"/>, without building strings.</summary>
        private static bool IsIn(INamespaceSymbol? ns, params string[] parts)
        {
            for (int i = parts.Length - 1; i >= 0; i--)
            {
                if (ns is null || ns.Name != parts[i])
                {
                    return false;
                }

                ns = ns.ContainingNamespace;
            }

            return ns is { IsGlobalNamespace: true };
        }
    }
}
