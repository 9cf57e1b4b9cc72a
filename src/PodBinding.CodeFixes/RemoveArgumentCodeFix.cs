using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
    public override FixAllProvider GetFixAllProvider() => FixAll;

    private static readonly FixAllProvider FixAll = new PerDiagnosticFixAllProvider(FixAsync);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (ArgumentToRemove(diagnostic) is { } name)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Remove {name}", ct => FixAsync(context.Document.Project.Solution, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static string? ArgumentToRemove(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(DiagnosticProperties.Argument, out string? name) && (diagnostic.Id == DiagnosticIds.IgnoredChannelName
            ? name is AttributeContract.FromDownward.EnvVar or AttributeContract.FromDownward.File
            : name is AttributeContract.FromDownward.Divisor or AttributeContract.FromDownward.ContainerName)
            ? name
            : null;

    private static Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct) =>
        FixHelpers.EditDocumentsAsync(solution, diagnostics, static (editor, root, diagnostic) =>
        {
            if (ArgumentToRemove(diagnostic) is { } name && FixHelpers.AttributeAt(root, diagnostic.Location.SourceSpan) is { ArgumentList: { } list })
            {
                // On the current list: another diagnostic may already have removed an argument of the same attribute.
                editor.ReplaceNode(list, (current, _) =>
                {
                    var arguments = (AttributeArgumentListSyntax)current;
                    return FixHelpers.WithArguments(arguments, arguments.Arguments.Where(a => FixHelpers.NameOf(a) != name).ToArray());
                });
            }
        }, after: null, ct);
}
