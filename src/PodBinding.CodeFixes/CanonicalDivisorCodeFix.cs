using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using PodBinding.Generators.Diagnostics;

namespace PodBinding.CodeFixes;

/// <summary>PB0006: writes the divisor in the canonical spelling the API server compares (from the analyzer).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CanonicalDivisorCodeFix)), Shared]
public sealed class CanonicalDivisorCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "PodBinding.CanonicalDivisor";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NonCanonicalDivisor);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.CanonicalDivisor, out string? divisor) && divisor is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Write the divisor as \"{divisor}\"", ct => ReplaceAsync(context.Document, diagnostic.Location.SourceSpan, divisor, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> ReplaceAsync(Document document, TextSpan span, string divisor, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null || FixHelpers.ArgumentAt(root, span) is not { } argument)
        {
            return document;
        }

        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(divisor));
        return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal.WithTriviaFrom(argument.Expression)));
    }
}
