using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PodBinding.Generators.Diagnostics;

namespace PodBinding.CodeFixes;

/// <summary>
/// PB0503: removes <c>SkipTlsVerify = true</c>, from an object initializer or as a statement, so the client checks
/// the API server's certificate again (the default). An assignment used as a value is left alone: no mechanical fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSkipTlsVerifyCodeFix)), Shared]
public sealed class RemoveSkipTlsVerifyCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "PodBinding.RemoveSkipTlsVerify";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SkipTlsVerify);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is not null && Removable(root, diagnostic.Location.SourceSpan) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Remove SkipTlsVerify (verify the API server's certificate)", ct => RemoveAsync(context.Document, diagnostic.Location.SourceSpan, ct), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The node to delete: the initializer entry or the whole statement; null when the assignment is a value.</summary>
    private static SyntaxNode? Removable(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true) is AssignmentExpressionSyntax assignment
            ? assignment.Parent switch
            {
                InitializerExpressionSyntax => assignment,
                ExpressionStatementSyntax statement => statement,
                _ => null,
            }
            : null;

    private static async Task<Document> RemoveAsync(Document document, TextSpan span, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null || Removable(root, span) is not { } node)
        {
            return document;
        }

        if (node.Parent is InitializerExpressionSyntax initializer)
        {
            // SeparatedSyntaxList.Remove drops the entry with its separator, keeping the others' layout.
            var assignment = (ExpressionSyntax)node;
            SeparatedSyntaxList<ExpressionSyntax> kept = initializer.Expressions.Remove(assignment);
            if (kept.Count > 0 && initializer.Expressions.IndexOf(assignment) == initializer.Expressions.Count - 1)
            {
                // The last entry goes with the comma before it: the new last entry takes over the space before '}'.
                ExpressionSyntax last = kept[kept.Count - 1];
                kept = kept.Replace(last, last.WithTrailingTrivia(assignment.GetTrailingTrivia()));
            }

            InitializerExpressionSyntax fixedInitializer = initializer.WithExpressions(kept);
            return document.WithSyntaxRoot(root.ReplaceNode(initializer, fixedInitializer));
        }

        return document.WithSyntaxRoot(root.RemoveNode(node, SyntaxRemoveOptions.KeepNoTrivia)!);
    }
}
