using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Model;
using PodBinding.Shared;

namespace PodBinding.Generators;

public sealed partial class PodBindingGenerator
{
    /// <summary>Symbols → <see cref="BindingSpec"/>: strings at once, null (quietly) for anything it cannot generate.</summary>
    internal static class Parser
    {
        public static BindingSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            // Every bound property matches the attribute; only the class's first one builds the class's spec. That test
            // comes first: it is all the other eleven of a twelve-member class pay on every keystroke (the members and
            // their attributes are bound already), before the class's shape and partial declarations are looked at.
            if (context.TargetSymbol is not IPropertySymbol target
                || !IsBindable(target)
                || context.Attributes.IsEmpty
                || context.Attributes[0].AttributeClass is not { } attributeClass
                || !IsFirstBoundMember(target, attributeClass)
                || !IsSupportedTarget(target.ContainingType, ct))
            {
                return null; // reported by the analyzers, not here
            }

            return ReadSpec(target.ContainingType, attributeClass, ct);
        }

        /// <summary>Whether <paramref name="target"/> is its class's first bindable property carrying the attribute.</summary>
        private static bool IsFirstBoundMember(IPropertySymbol target, INamedTypeSymbol attributeClass)
        {
            foreach (ISymbol symbol in target.ContainingType.GetMembers())
            {
                if (symbol is IPropertySymbol property && IsBindable(property) && FindAttribute(property, attributeClass) is not null)
                {
                    return SymbolEqualityComparer.Default.Equals(property, target);
                }
            }

            return false;
        }

        /// <summary>The spec of a supported class; shared by the generator and the analyzers so both see the same model.</summary>
        public static BindingSpec? ReadSpec(INamedTypeSymbol type, INamedTypeSymbol attributeClass, CancellationToken ct)
        {
            var members = new List<MemberSpec>();
            foreach (ISymbol symbol in type.GetMembers())
            {
                ct.ThrowIfCancellationRequested();
                if (symbol is not IPropertySymbol property || !IsBindable(property) || FindAttribute(property, attributeClass) is not { } attribute)
                {
                    continue;
                }

                members.Add(ReadMember(property, attribute));
            }

            return new BindingSpec(
                type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                ReadSettings(type),
                new EquatableArray<MemberSpec>(members.ToArray()));
        }

        /// <summary>
        /// An instance property the generated <c>Load()</c> can assign by name: not static, not an indexer, not an
        /// explicit interface implementation (<c>string IPod.Name</c> cannot be named in an object initializer).
        /// </summary>
        public static bool IsBindable(IPropertySymbol property) =>
            !property.IsStatic && !property.IsIndexer && property.ExplicitInterfaceImplementations.IsEmpty;

        /// <summary>A non-generic, top-level, concrete class, partial everywhere, with a parameterless constructor.</summary>
        public static bool IsSupportedTarget(INamedTypeSymbol? type, CancellationToken ct) =>
            type is not null && GetShapeProblems(type) == TargetProblems.None && IsPartialEverywhere(type, ct);

        /// <summary>
        /// Why the generator cannot write a loader for <paramref name="type"/>, apart from a missing <c>partial</c>
        /// (<see cref="IsPartialEverywhere"/>). The analyzers report exactly these (PB0102).
        /// </summary>
        public static TargetProblems GetShapeProblems(INamedTypeSymbol type)
        {
            TargetProblems problems = TargetProblems.None;
            if (type.TypeKind != TypeKind.Class)
            {
                problems |= type.TypeKind == TypeKind.Struct ? TargetProblems.Struct : TargetProblems.NotAClass;
            }
            else if (type.IsRecord)
            {
                problems |= TargetProblems.Record;
            }

            if (type.IsStatic)
            {
                problems |= TargetProblems.Static;
            }
            else if (type.IsAbstract && type.TypeKind == TypeKind.Class)
            {
                problems |= TargetProblems.Abstract;
            }

            if (type.Arity != 0)
            {
                problems |= TargetProblems.Generic;
            }

            if (type.ContainingType is not null)
            {
                problems |= TargetProblems.Nested;
            }

            if (type.TypeKind == TypeKind.Class && !type.IsStatic && !HasParameterlessConstructor(type))
            {
                problems |= TargetProblems.NoParameterlessConstructor;
            }

            return problems;
        }

        /// <summary>Whether every declaration of <paramref name="type"/> says <c>partial</c> (the generator adds a part).</summary>
        public static bool IsPartialEverywhere(INamedTypeSymbol type, CancellationToken ct) => FirstNonPartialDeclaration(type, ct) is null;

        /// <summary>The first declaration of <paramref name="type"/> without <c>partial</c>, or null.</summary>
        public static TypeDeclarationSyntax? FirstNonPartialDeclaration(INamedTypeSymbol type, CancellationToken ct)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(ct) is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return declaration;
                }
            }

            return null;
        }

        private static bool HasParameterlessConstructor(INamedTypeSymbol type)
        {
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
            int source = AttributeContract.DownwardSource.Auto;
            string? envVar = null, file = null, divisor = null, container = null;
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case AttributeContract.FromDownward.Source: source = named.Value.Value is int s ? s : AttributeContract.DownwardSource.Auto; break;
                    case AttributeContract.FromDownward.EnvVar: envVar = named.Value.Value as string; break;
                    case AttributeContract.FromDownward.File: file = named.Value.Value as string; break;
                    case AttributeContract.FromDownward.Divisor: divisor = named.Value.Value as string; break;
                    case AttributeContract.FromDownward.ContainerName: container = named.Value.Value as string; break;
                }
            }

            ClrKind kind;
            bool nullable;
            string display;
            if (PredefinedType(property) is { } predefined)
            {
                (kind, nullable, display) = predefined;
            }
            else
            {
                kind = Classify(property.Type, out nullable);
                display = property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            }

            return new MemberSpec(
                property.Name,
                kind,
                nullable,
                display,
                path,
                source,
                envVar,
                file,
                divisor,
                container,
                HasSetter: property.SetMethod is not null,
                IsRequired: property.IsRequired);
        }

        /// <summary>The class's <c>[DownwardBinding]</c> and <c>[KubernetesApi]</c>, as the generator reads them.</summary>
        public static ClassSettings ReadSettings(INamedTypeSymbol type)
        {
            ClassSettings settings = ClassSettings.Default;
            ApiSettings? api = null;
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is not { } cls || !IsIn(cls.ContainingNamespace, AttributeContract.Namespace))
                {
                    continue;
                }

                if (cls.Name == AttributeContract.DownwardBindingAttributeName)
                {
                    settings = ReadDownwardBinding(attribute);
                }
                else if (cls.Name == AttributeContract.KubernetesApiAttributeName)
                {
                    api = ReadKubernetesApi(attribute);
                }
            }

            return api is null ? settings : settings with { Api = api };
        }

        private static ClassSettings ReadDownwardBinding(AttributeData attribute)
        {
            string? container = null, volume = null, mount = null, workloadName = null, manifestName = null, defaultMode = null;
            int workloadKind = AttributeContract.WorkloadKind.None;
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case AttributeContract.DownwardBinding.ContainerName: container = named.Value.Value as string; break;
                    case AttributeContract.DownwardBinding.VolumeName: volume = named.Value.Value as string; break;
                    case AttributeContract.DownwardBinding.MountPath: mount = named.Value.Value as string; break;
                    case AttributeContract.DownwardBinding.WorkloadKind: workloadKind = named.Value.Value is int k ? k : AttributeContract.WorkloadKind.None; break;
                    case AttributeContract.DownwardBinding.WorkloadName: workloadName = named.Value.Value as string; break;
                    case AttributeContract.DownwardBinding.ManifestName: manifestName = named.Value.Value as string; break;
                    case AttributeContract.DownwardBinding.DefaultMode: defaultMode = named.Value.Value as string; break;
                }
            }

            return new ClassSettings(container, volume, mount, workloadKind, workloadName, manifestName, DefaultMode: defaultMode);
        }

        /// <summary>The modes in the order written (a params array, or one array argument), and the named options.</summary>
        public static ApiSettings ReadKubernetesApi(AttributeData attribute)
        {
            var modes = new List<int>();
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Array, IsNull: false } array)
            {
                foreach (TypedConstant value in array.Values)
                {
                    modes.Add(value.Value is int mode ? mode : 0);
                }
            }

            string? serviceAccount = null;
            long runAsUser = AttributeContract.KubernetesApi.DefaultRunAsUser;
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case AttributeContract.KubernetesApi.ServiceAccountName: serviceAccount = named.Value.Value as string; break;
                    case AttributeContract.KubernetesApi.RunAsUser: runAsUser = named.Value.Value is long user ? user : runAsUser; break;
                }
            }

            return new ApiSettings(new EquatableArray<int>(modes.ToArray()), serviceAccount, runAsUser);
        }

        /// <summary>
        /// Kind, nullability and display of a property declared once with a keyword type (<c>string</c>, <c>int</c>,
        /// <c>long</c>, <c>decimal</c>, optionally with <c>?</c>), read from its syntax; null for anything else.
        /// </summary>
        /// <remarks>
        /// A keyword always names the same special type, so this is what <see cref="Classify"/> and
        /// <c>ToDisplayString(MinimallyQualifiedFormat)</c> return for it (a test compares them on every spelling), without
        /// <c>IPropertySymbol.Type</c>: that binds the property's signature, the largest cost the generator adds to the
        /// attribute lookup Roslyn does anyway, and it recurs on every keystroke in any file (each new compilation).
        /// </remarks>
        internal static (ClrKind Kind, bool Nullable, string Display)? PredefinedType(IPropertySymbol property)
        {
            if (property.DeclaringSyntaxReferences.Length != 1
                || property.DeclaringSyntaxReferences[0].GetSyntax() is not PropertyDeclarationSyntax { Type: var type })
            {
                return null;
            }

            bool nullable = false;
            if (type is NullableTypeSyntax { ElementType: var element })
            {
                nullable = true;
                type = element;
            }

            if (type is not PredefinedTypeSyntax predefined)
            {
                return null;
            }

            (ClrKind Kind, string Keyword)? known = predefined.Keyword.Kind() switch
            {
                SyntaxKind.StringKeyword => (ClrKind.String, "string"),
                SyntaxKind.IntKeyword => (ClrKind.Int32, "int"),
                SyntaxKind.LongKeyword => (ClrKind.Int64, "long"),
                SyntaxKind.DecimalKeyword => (ClrKind.Decimal, "decimal"),
                _ => null,
            };
            if (known is not { } k)
            {
                return null;
            }

            // string? is annotated (and shown with ?) in every nullable context, int? is Nullable<int> shown as int?.
            return (k.Kind, nullable, nullable ? k.Keyword + "?" : k.Keyword);
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

        /// <summary>Whether <paramref name="type"/> has a <c>[FromDownward]</c> property, static ones included.</summary>
        public static bool HasBoundProperty(INamedTypeSymbol type, INamedTypeSymbol attributeClass)
        {
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IPropertySymbol && FindAttribute(member, attributeClass) is not null)
                {
                    return true;
                }
            }

            return false;
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
