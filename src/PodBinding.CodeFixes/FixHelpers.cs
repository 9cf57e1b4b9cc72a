using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PodBinding.CodeFixes;

/// <summary>Small syntax helpers shared by the fixes. No rules live here: the facts come from Diagnostic.Properties.</summary>
internal static class FixHelpers
{
    /// <summary>The attribute around the diagnostic (reported on one of its arguments).</summary>
    public static AttributeSyntax? AttributeAt(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();

    /// <summary>The attribute argument the diagnostic is reported on.</summary>
    public static AttributeArgumentSyntax? ArgumentAt(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault();

    /// <summary>The property whose name (or attribute) the diagnostic is reported on.</summary>
    public static PropertyDeclarationSyntax? PropertyAt(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<PropertyDeclarationSyntax>().FirstOrDefault();

    public static string? NameOf(AttributeArgumentSyntax argument) => argument.NameEquals?.Name.Identifier.ValueText;

    /// <summary>Rebuilds an argument list with <c>", "</c> separators, so added and removed arguments read naturally.</summary>
    public static AttributeArgumentListSyntax WithArguments(AttributeArgumentListSyntax list, IReadOnlyList<AttributeArgumentSyntax> arguments)
    {
        var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), System.Math.Max(0, arguments.Count - 1));
        IEnumerable<AttributeArgumentSyntax> trimmed = arguments.Select((a, i) => i == 0 ? a : a.WithLeadingTrivia());
        return list.WithArguments(SyntaxFactory.SeparatedList(trimmed, separators));
    }
}
