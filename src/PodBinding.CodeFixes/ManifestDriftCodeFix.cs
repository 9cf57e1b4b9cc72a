using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using PodBinding.Generators.Diagnostics;

namespace PodBinding.CodeFixes;

/// <summary>
/// PB0300: rewrites the committed YAML (an additional document) with what the code generates now, as the build would;
/// a file no class generates any more is removed from the project. The content comes from the analyzer
/// (<c>Diagnostic.Properties["Content"]</c>), which ran the generator's own emitters.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ManifestDriftCodeFix)), Shared]
public sealed class ManifestDriftCodeFix : CodeFixProvider
{

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ManifestDrift);

    /// <inheritdoc/>
    // No FixAll: the batch fixer merges source-document edits, and these are additional-document rewrites and removals
    // (at most one diagnostic per file anyway). Rewriting every file at once is what a build does.
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        TextDocument document = context.TextDocument;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Content, out string? content) && content is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Rewrite {document.Name} with the generated YAML",
                        _ => Task.FromResult(document.Project.Solution.WithAdditionalDocumentText(document.Id, SourceText.From(content))),
                        equivalenceKey: nameof(ManifestDriftCodeFix) + ".Rewrite"),
                    diagnostic);
            }
            else
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Delete {document.Name}",
                        _ => Task.FromResult(document.Project.Solution.RemoveAdditionalDocument(document.Id)),
                        equivalenceKey: nameof(ManifestDriftCodeFix) + ".Delete"),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }
}
