using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PodBinding.Generators.Model;
using Parser = PodBinding.Generators.PodBindingGenerator.Parser;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// Where a <see cref="PlanFinding"/> is reported: the attribute argument it names (<c>path</c> is the positional
/// argument), else the path argument, else the property's name; class-level findings on the <c>[DownwardBinding]</c>
/// argument, else the class name. Always real source locations, so <c>#pragma</c> and suppressions work.
/// </summary>
internal static class FindingLocator
{
    public const string PathArgument = AttributeContract.FromDownward.Path;

    public static Location Locate(INamedTypeSymbol type, PlanFinding finding, INamedTypeSymbol attribute, INamedTypeSymbol? bindingAttribute, out string? path, CancellationToken ct)
    {
        path = null;
        if (finding.MemberName.Length == 0)
        {
            if (bindingAttribute is not null
                && Parser.FindAttribute(type, bindingAttribute) is { } settings
                && Syntax(settings, ct) is { } settingsSyntax
                && Argument(settingsSyntax, finding.Argument) is { } classArgument)
            {
                return classArgument.GetLocation();
            }

            return type.Locations[0];
        }

        IPropertySymbol? property = null;
        AttributeData? data = null;
        foreach (ISymbol member in type.GetMembers(finding.MemberName))
        {
            if (member is IPropertySymbol candidate && Parser.IsBindable(candidate) && Parser.FindAttribute(candidate, attribute) is { } found)
            {
                property = candidate;
                data = found;
                break;
            }
        }

        if (property is null || data is null)
        {
            return type.Locations[0];
        }

        if (data.ConstructorArguments.Length == 1 && data.ConstructorArguments[0].Value is string written)
        {
            path = written;
        }

        if (finding.Argument.Length > 0 && Syntax(data, ct) is { } syntax
            && (Argument(syntax, finding.Argument) ?? Argument(syntax, PathArgument)) is { } argument)
        {
            return argument.GetLocation();
        }

        return property.Locations[0];
    }

    private static AttributeSyntax? Syntax(AttributeData data, CancellationToken ct) =>
        data.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;

    /// <summary>The argument <c>Name = …</c>, or for <c>path</c> the positional one (or <c>path: …</c>).</summary>
    public static AttributeArgumentSyntax? Argument(AttributeSyntax attribute, string name)
    {
        if (attribute.ArgumentList is null || name.Length == 0)
        {
            return null;
        }

        foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
        {
            if (name == PathArgument)
            {
                if (argument.NameEquals is null && (argument.NameColon is null || argument.NameColon.Name.Identifier.ValueText == PathArgument))
                {
                    return argument;
                }
            }
            else if (argument.NameEquals?.Name.Identifier.ValueText == name)
            {
                return argument;
            }
        }

        return null;
    }
}
