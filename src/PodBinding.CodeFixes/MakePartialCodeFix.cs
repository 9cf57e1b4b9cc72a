using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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

/// <summary>PB0100: adds <c>partial</c> to every declaration of the class, in every file.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "PodBinding.MakePartial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NotPartial);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create("Make the class partial", ct => AddPartialAsync(context.Document, diagnostic.Location.SourceSpan, ct), EquivalenceKey),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> AddPartialAsync(Document document, TextSpan span, CancellationToken ct)
    {
        Solution solution = document.Project.Solution;
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (root?.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } declaration
            || model?.GetDeclaredSymbol(declaration, ct) is not { } type)
        {
            return solution;
        }

        foreach (IGrouping<SyntaxTree, TypeDeclarationSyntax> perFile in type.DeclaringSyntaxReferences
                     .Select(r => r.GetSyntax(ct)).OfType<TypeDeclarationSyntax>()
                     .Where(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword))
                     .GroupBy(d => d.SyntaxTree))
        {
            if (solution.GetDocument(perFile.Key) is not { } file)
            {
                continue;
            }

            SyntaxNode fileRoot = await perFile.Key.GetRootAsync(ct).ConfigureAwait(false);
            solution = solution.WithDocumentSyntaxRoot(file.Id, fileRoot.ReplaceNodes(perFile, (_, node) => AddPartial(node)));
        }

        return solution;
    }

    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Count > 0)
        {
            return declaration.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }

        // No modifiers: 'partial' takes over the keyword's leading trivia (indentation, comments).
        SyntaxToken keyword = declaration.Keyword;
        SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return declaration.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
    }
}
