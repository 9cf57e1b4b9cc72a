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

/// <summary>
/// PB0103: adds <c>init;</c> to a get-only auto-property (<c>private set;</c> before C# 9), so the generated Load()
/// can assign it. Not offered for computed properties: they have nothing to store the value in.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddInitAccessorCodeFix)), Shared]
public sealed class AddInitAccessorCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "PodBinding.AddInit";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NoSetter);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll;

    private static readonly FixAllProvider FixAll = new PerDiagnosticFixAllProvider(FixAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is not null && FixHelpers.PropertyAt(root, diagnostic.Location.SourceSpan) is { } property && IsGetOnlyAutoProperty(property))
            {
                bool init = ((CSharpParseOptions)property.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp9;
                context.RegisterCodeFix(
                    CodeAction.Create(init ? "Add an init accessor" : "Add a private set accessor",
                        ct => FixAsync(context.Document.Project.Solution, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static bool IsGetOnlyAutoProperty(PropertyDeclarationSyntax property) =>
        property.AccessorList is { Accessors: { Count: 1 } accessors }
        && accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration)
        && accessors[0].Body is null
        && accessors[0].ExpressionBody is null;

    private static Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct) =>
        FixHelpers.EditDocumentsAsync(solution, diagnostics, static (editor, root, diagnostic) =>
        {
            if (FixHelpers.PropertyAt(root, diagnostic.Location.SourceSpan) is { AccessorList: { } list } property && IsGetOnlyAutoProperty(property))
            {
                bool init = ((CSharpParseOptions)property.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp9;
                editor.ReplaceNode(list, (current, _) => AddSetter((AccessorListSyntax)current, init));
            }
        }, after: null, ct);

    private static AccessorListSyntax AddSetter(AccessorListSyntax list, bool init)
    {
        AccessorDeclarationSyntax getter = list.Accessors.Last();
        AccessorDeclarationSyntax setter = SyntaxFactory.AccessorDeclaration(init ? SyntaxKind.InitAccessorDeclaration : SyntaxKind.SetAccessorDeclaration)
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
            .WithTrailingTrivia(getter.GetTrailingTrivia());
        if (!init)
        {
            setter = setter.WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
        }

        return list.WithAccessors(SyntaxFactory.List(new[] { getter.WithTrailingTrivia(SyntaxFactory.Space), setter }));
    }
}
