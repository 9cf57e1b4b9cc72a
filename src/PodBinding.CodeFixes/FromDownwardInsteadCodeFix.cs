using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PodBinding.Generators.Diagnostics;

namespace PodBinding.CodeFixes;

/// <summary>PB0504: rewrites <c>[FromApi("pod.name")]</c> to <c>[FromDownward("metadata.name")]</c> (the path from the analyzer).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FromDownwardInsteadCodeFix)), Shared]
public sealed class FromDownwardInsteadCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "PodBinding.FromDownwardInstead";

    private static readonly FixAllProvider FixAll = new PerDiagnosticFixAllProvider(FixAsync);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ApiFactFromDownward);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.DownwardPath, out string? path) && path is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Bind it with [FromDownward(\"{path}\")]", ct => FixAsync(context.Document.Project.Solution, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct) =>
        FixHelpers.EditDocumentsAsync(solution, diagnostics, static (editor, root, diagnostic) =>
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.DownwardPath, out string? path) && path is not null
                && FixHelpers.AttributeAt(root, diagnostic.Location.SourceSpan) is { } attribute)
            {
                // Keep the namespace qualification the user wrote (FromApi, PodBinding.FromApi, FromApiAttribute, …).
                string written = attribute.Name.ToString();
                string name = written.Replace("FromApi", "FromDownward");
                AttributeSyntax replacement = SyntaxFactory.Attribute(
                        SyntaxFactory.ParseName(name),
                        SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                            SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(path))))))
                    .WithTriviaFrom(attribute);
                editor.ReplaceNode(attribute, replacement);
            }
        }, after: null, ct);
}
