using System.Collections.Generic;
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
    public override FixAllProvider GetFixAllProvider() => FixAll;

    // Not the batch fixer: two diagnostics on one class (or its partial parts) would each add the same 'partial'.
    private static readonly FixAllProvider FixAll = new PerDiagnosticFixAllProvider(FixAsync);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create("Make the class partial", ct => FixAsync(context.Document.Project.Solution, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    /// <summary>Every declaration of every diagnosed class that lacks <c>partial</c>, each changed once, in every file.</summary>
    private static async Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct)
    {
        var declarations = new HashSet<TypeDeclarationSyntax>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (solution.GetDocument(diagnostic.Location.SourceTree) is not { } document
                || await document.GetSyntaxRootAsync(ct).ConfigureAwait(false) is not { } root
                || await document.GetSemanticModelAsync(ct).ConfigureAwait(false) is not { } model
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } declaration
                || model.GetDeclaredSymbol(declaration, ct) is not { } type)
            {
                continue;
            }

            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (await reference.GetSyntaxAsync(ct).ConfigureAwait(false) is TypeDeclarationSyntax part && !part.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    declarations.Add(part);
                }
            }
        }

        foreach (IGrouping<SyntaxTree, TypeDeclarationSyntax> perFile in declarations.GroupBy(d => d.SyntaxTree))
        {
            if (solution.GetDocument(perFile.Key) is not { } file)
            {
                continue; // the generated part is not a document (and is partial anyway)
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
