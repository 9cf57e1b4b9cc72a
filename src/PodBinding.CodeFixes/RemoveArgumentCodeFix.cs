using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PodBinding.Generators.Diagnostics;
using PodBinding.Shared;

namespace PodBinding.CodeFixes;

/// <summary>PB0007: removes the resource-only argument (Divisor or ContainerName) from a field binding; PB0018: removes the ignored EnvVar or File.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveArgumentCodeFix)), Shared]
public sealed class RemoveArgumentCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "PodBinding.RemoveResourceOption";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ResourceOptionOnField, DiagnosticIds.IgnoredChannelName);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Argument, out string? name) && (diagnostic.Id == DiagnosticIds.IgnoredChannelName
                    ? name is AttributeContract.FromDownward.EnvVar or AttributeContract.FromDownward.File
                    : name is AttributeContract.FromDownward.Divisor or AttributeContract.FromDownward.ContainerName))
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Remove {name}", ct => RemoveAsync(context.Document, diagnostic.Location.SourceSpan, name, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> RemoveAsync(Document document, TextSpan span, string name, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null || FixHelpers.AttributeAt(root, span) is not { ArgumentList: { } list })
        {
            return document;
        }

        AttributeArgumentSyntax[] kept = list.Arguments.Where(a => FixHelpers.NameOf(a) != name).ToArray();
        return document.WithSyntaxRoot(root.ReplaceNode(list, FixHelpers.WithArguments(list, kept)));
    }
}
