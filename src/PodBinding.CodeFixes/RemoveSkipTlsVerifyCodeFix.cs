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
    public override FixAllProvider GetFixAllProvider() => FixAll;

    private static readonly FixAllProvider FixAll = new PerDiagnosticFixAllProvider(FixAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is not null && Removable(root, diagnostic.Location.SourceSpan) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Remove SkipTlsVerify (verify the API server's certificate)", ct => FixAsync(context.Document.Project.Solution, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
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

    // One editor per document: several SkipTlsVerify in one file (or one initializer) are removed in one pass.
    private static Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct) =>
        FixHelpers.EditDocumentsAsync(solution, diagnostics, static (editor, root, diagnostic) =>
        {
            if (Removable(root, diagnostic.Location.SourceSpan) is not { } node)
            {
                return;
            }

            if (node.Parent is InitializerExpressionSyntax initializer)
            {
                var assignment = (ExpressionSyntax)node;
                int index = initializer.Expressions.IndexOf(assignment);
                bool last = index == initializer.Expressions.Count - 1;
                editor.ReplaceNode(initializer, (current, _) =>
                {
                    // SeparatedSyntaxList.Remove drops the entry with its separator, keeping the others' layout; the
                    // last entry goes with the comma before it, and the new last entry takes over the space before '}'.
                    var currentInitializer = (InitializerExpressionSyntax)current;
                    ExpressionSyntax currentAssignment = currentInitializer.Expressions[index];
                    SeparatedSyntaxList<ExpressionSyntax> kept = currentInitializer.Expressions.Remove(currentAssignment);
                    if (kept.Count > 0 && last)
                    {
                        ExpressionSyntax newLast = kept[kept.Count - 1];
                        kept = kept.Replace(newLast, newLast.WithTrailingTrivia(currentAssignment.GetTrailingTrivia()));
                    }

                    return currentInitializer.WithExpressions(kept);
                });
                return;
            }

            editor.RemoveNode(node, SyntaxRemoveOptions.KeepNoTrivia);
        }, after: null, ct);
}
