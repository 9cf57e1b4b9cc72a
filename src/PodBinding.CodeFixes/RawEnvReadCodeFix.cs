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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using PodBinding.Generators.Diagnostics;

namespace PodBinding.CodeFixes;

/// <summary>
/// PB0202: replaces a raw env read with the live value from the downward API volume. When a bound class already has a
/// volume member for the same field (the analyzer passes it in <c>BoundType</c>/<c>BoundMember</c>), the read becomes
/// <c>Type.Load().Member</c>; otherwise a <c>[FromDownward("&lt;fieldPath&gt;")]</c> member is added to a bound class
/// (<c>HostType</c>/<c>NewMember</c>) and read the same way. No bound class in the project: no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RawEnvReadCodeFix)), Shared]
public sealed class RawEnvReadCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RawEnvRead);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null; // each fix may add a member to a shared class: one at a time

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax read)
            {
                continue;
            }

            ImmutableDictionary<string, string?> properties = diagnostic.Properties;
            if (properties.TryGetValue(DiagnosticProperties.BoundType, out string? type) && type is not null
                && properties.TryGetValue(DiagnosticProperties.BoundMember, out string? member) && member is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Read {member} of {Short(type)} from the downward API volume",
                        ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(read, LiveRead(type, member, read)))),
                        equivalenceKey: nameof(RawEnvReadCodeFix) + ".Existing"),
                    diagnostic);
            }
            else if (properties.TryGetValue(DiagnosticProperties.HostType, out string? host) && host is not null
                && properties.TryGetValue(DiagnosticProperties.NewMember, out string? newMember) && newMember is not null
                && properties.TryGetValue(DiagnosticProperties.FieldPath, out string? fieldPath) && fieldPath is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add [FromDownward] {newMember} to {Short(host)} and read it from the downward API volume",
                        ct => AddMemberAsync(context.Document, read, host, newMember, fieldPath, ct),
                        equivalenceKey: nameof(RawEnvReadCodeFix) + ".AddMember"),
                    diagnostic);
            }
        }
    }

    private static async Task<Solution> AddMemberAsync(Document document, ExpressionSyntax read, string host, string member, string fieldPath, CancellationToken ct)
    {
        Solution solution = document.Project.Solution;
        if (await FixHelpers.FindHostDeclarationAsync(document, host, ct).ConfigureAwait(false) is not ({ } declaration, { } hostDocument))
        {
            return solution;
        }

        var editor = new SolutionEditor(solution);
        DocumentEditor readEditor = await editor.GetDocumentEditorAsync(document.Id, ct).ConfigureAwait(false);
        readEditor.ReplaceNode(read, LiveRead(host, member, read));

        // A blank line before the new member, in the file's own line ending.
        string newLine = (await hostDocument.GetTextAsync(ct).ConfigureAwait(false)).ToString().Contains("\r\n") ? "\r\n" : "\n";
        MemberDeclarationSyntax property = SyntaxFactory.ParseMemberDeclaration(
                $"[global::PodBinding.FromDownward({SyntaxFactory.Literal(fieldPath).ToFullString()})]{newLine}public string? {member} {{ get; init; }}{newLine}")!
            .WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine))
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        DocumentEditor hostEditor = await editor.GetDocumentEditorAsync(hostDocument.Id, ct).ConfigureAwait(false);
        hostEditor.AddMember(declaration, property);
        return editor.GetChangedSolution();
    }

    /// <summary><c>global::Ns.Type.Load().Member</c>, simplified against the usings at the read.</summary>
    private static ExpressionSyntax LiveRead(string type, string member, ExpressionSyntax read) =>
        SyntaxFactory.ParseExpression($"global::{type}.Load().{member}")
            .WithTriviaFrom(read)
            .WithAdditionalAnnotations(Simplifier.Annotation);

    private static string Short(string fullName) => fullName.Substring(fullName.LastIndexOf('.') + 1);
}
