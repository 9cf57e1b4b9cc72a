using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using PodBinding.Generators.Diagnostics;

namespace PodBinding.CodeFixes;

/// <summary>
/// PB0101 and PB0023: declares the property with the type the analyzer suggests. The type arrives fully qualified; the fix adds
/// the using directive and simplifies, like Roslyn's own fixes.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChangeTypeCodeFix)), Shared]
public sealed class ChangeTypeCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "PodBinding.ChangeType";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WrongType, DiagnosticIds.IntWithoutLimit);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll;

    private static readonly FixAllProvider FixAll = new PerDiagnosticFixAllProvider(FixAsync);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.SuggestedType, out string? type) && !string.IsNullOrEmpty(type))
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Declare it as {Display(type!)}", ct => FixAsync(context.Document.Project.Solution, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary><c>global::System.Net.IPAddress</c> → <c>IPAddress</c>, for the title.</summary>
    private static string Display(string type) =>
        type.Replace("global::System.Collections.Generic.", "").Replace("global::System.Net.", "").Replace("global::System.", "");

    private static Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct) =>
        FixHelpers.EditDocumentsAsync(solution, diagnostics, static (editor, root, diagnostic) =>
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.SuggestedType, out string? type) && !string.IsNullOrEmpty(type)
                && FixHelpers.PropertyAt(root, diagnostic.Location.SourceSpan) is { } property)
            {
                // Qualified without 'global::' so the import adder can turn System.Net.IPAddress into a using directive.
                TypeSyntax newType = SyntaxFactory.ParseTypeName(type!.Replace("global::", ""))
                    .WithTriviaFrom(property.Type)
                    .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
                editor.ReplaceNode(property.Type, newType);
            }
        }, static (changed, ct) => ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: ct), ct);
}
