using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;

namespace PodBinding.CodeFixes;

/// <summary>Small syntax helpers shared by the fixes. No rules live here: the facts come from Diagnostic.Properties.</summary>
internal static class FixHelpers
{
    /// <summary>
    /// Applies <paramref name="edit"/> for each diagnostic to its document through one <see cref="SyntaxEditor"/> per
    /// document, so several edits of one node (two arguments of one attribute) compose; <paramref name="after"/> then
    /// runs once per changed document. The single fix and Fix All both come through here.
    /// </summary>
    public static async Task<Solution> EditDocumentsAsync(
        Solution solution,
        IEnumerable<Diagnostic> diagnostics,
        Action<SyntaxEditor, SyntaxNode, Diagnostic> edit,
        Func<Document, CancellationToken, Task<Document>>? after,
        CancellationToken ct)
    {
        foreach (IGrouping<SyntaxTree, Diagnostic> perTree in diagnostics.Where(d => d.Location.SourceTree is not null).GroupBy(d => d.Location.SourceTree!))
        {
            if (solution.GetDocument(perTree.Key) is not { } document || await document.GetSyntaxRootAsync(ct).ConfigureAwait(false) is not { } root)
            {
                continue;
            }

            var editor = new SyntaxEditor(root, solution.Services);
            foreach (Diagnostic diagnostic in perTree.OrderBy(d => d.Location.SourceSpan.Start))
            {
                edit(editor, root, diagnostic);
            }

            SyntaxNode changed = editor.GetChangedRoot();
            if (changed == root)
            {
                continue;
            }

            Document updated = document.WithSyntaxRoot(changed);
            if (after is not null)
            {
                updated = await after(updated, ct).ConfigureAwait(false);
            }

            solution = updated.Project.Solution;
        }

        return solution;
    }

    /// <summary>
    /// The bound class's first declaration in <paramref name="document"/>'s project and the document holding it (a
    /// partial class may have several; the generated part is not a document), or <see langword="null"/>.
    /// </summary>
    public static async Task<(ClassDeclarationSyntax Declaration, Document Document)?> FindHostDeclarationAsync(Document document, string host, CancellationToken ct)
    {
        Solution solution = document.Project.Solution;
        Compilation? compilation = await document.Project.GetCompilationAsync(ct).ConfigureAwait(false);
        if (compilation?.GetTypeByMetadataName(host) is not { } type)
        {
            return null;
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (await reference.GetSyntaxAsync(ct).ConfigureAwait(false) is ClassDeclarationSyntax candidate
                && solution.GetDocument(candidate.SyntaxTree) is { } owner && owner.Project.Id == document.Project.Id)
            {
                return (candidate, owner);
            }
        }

        return null;
    }

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
