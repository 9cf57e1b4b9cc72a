using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
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
    public override FixAllProvider GetFixAllProvider() => FixAll;

    private static readonly FixAllProvider FixAll = new PerDiagnosticFixAllProvider(FixAsync);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.CanonicalDivisor, out string? divisor) && divisor is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Write the divisor as \"{divisor}\"", ct => FixAsync(context.Document.Project.Solution, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct) =>
        FixHelpers.EditDocumentsAsync(solution, diagnostics, static (editor, root, diagnostic) =>
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.CanonicalDivisor, out string? divisor) && divisor is not null
                && FixHelpers.ArgumentAt(root, diagnostic.Location.SourceSpan) is { } argument)
            {
                var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(divisor));
                editor.ReplaceNode(argument.Expression, literal.WithTriviaFrom(argument.Expression));
            }
        }, after: null, ct);
}
