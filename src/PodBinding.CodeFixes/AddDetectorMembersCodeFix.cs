using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
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
/// PB0400: adds the <c>[FromDownward]</c> members the OpenTelemetry detector needs to the bound class (its first
/// declaration in the project), one <c>required</c> property per missing field, with the names and types the analyzer
/// chose (<c>Missing</c>: <c>fieldPath=Member:Type;…</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddDetectorMembersCodeFix)), Shared]
public sealed class AddDetectorMembersCodeFix : CodeFixProvider
{
    // Same strings as OpenTelemetryDetectorAnalyzer.Keys (that assembly is not referenced here).
    private const string BoundTypeKey = "BoundType";
    private const string MissingKey = "Missing";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DetectorMissingFields);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll;

    // Not the batch fixer: two detector calls for one class would each add the same members.
    private static readonly FixAllProvider FixAll = new PerDiagnosticFixAllProvider(FixAsync);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(BoundTypeKey, out string? type) && type is not null
                && diagnostic.Properties.TryGetValue(MissingKey, out string? missing) && missing is not null)
            {
                string[] members = missing.Split(';');
                string names = string.Join(", ", members.Select(static m => m.Substring(m.IndexOf('=') + 1, m.IndexOf(':') - m.IndexOf('=') - 1)));
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add [FromDownward] {names} to {type.Substring(type.LastIndexOf('.') + 1)}",
                        ct => FixAsync(context.Document.Project.Solution, ImmutableArray.Create(diagnostic), ct),
                        equivalenceKey: nameof(AddDetectorMembersCodeFix)),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Per bound class, the union of the members its diagnostics ask for (one per field path, first name wins), each
    /// added once to the class's first declaration.
    /// </summary>
    private static async Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct)
    {
        var perHost = new Dictionary<string, (Document Document, List<string> Members)>(System.StringComparer.Ordinal);
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (solution.GetDocument(diagnostic.Location.SourceTree) is not { } document
                || !diagnostic.Properties.TryGetValue(BoundTypeKey, out string? host) || host is null
                || !diagnostic.Properties.TryGetValue(MissingKey, out string? missing) || missing is null)
            {
                continue;
            }

            if (!perHost.TryGetValue(host, out var entry))
            {
                entry = (document, new List<string>());
                perHost.Add(host, entry);
            }

            foreach (string member in missing.Split(';'))
            {
                string fieldPath = member.Substring(0, member.IndexOf('='));
                if (!entry.Members.Any(m => m.StartsWith(fieldPath + "=", System.StringComparison.Ordinal)))
                {
                    entry.Members.Add(member);
                }
            }
        }

        var editor = new SolutionEditor(solution);
        foreach (KeyValuePair<string, (Document Document, List<string> Members)> host in perHost)
        {
            await AddMembersAsync(editor, host.Value.Document, host.Key, host.Value.Members, ct).ConfigureAwait(false);
        }

        return editor.GetChangedSolution();
    }

    private static async Task AddMembersAsync(SolutionEditor editor, Document document, string host, IEnumerable<string> members, CancellationToken ct)
    {
        if (await FixHelpers.FindHostDeclarationAsync(document, host, ct).ConfigureAwait(false) is not ({ } declaration, { } hostDocument))
        {
            return;
        }

        string newLine = (await hostDocument.GetTextAsync(ct).ConfigureAwait(false)).ToString().Contains("\r\n") ? "\r\n" : "\n";
        DocumentEditor hostEditor = await editor.GetDocumentEditorAsync(hostDocument.Id, ct).ConfigureAwait(false);
        foreach (string member in members)
        {
            int equals = member.IndexOf('=');
            int colon = member.IndexOf(':', equals);
            string fieldPath = member.Substring(0, equals);
            string name = member.Substring(equals + 1, colon - equals - 1);
            string memberType = member.Substring(colon + 1);
            var text = new StringBuilder()
                .Append("[global::PodBinding.FromDownward(").Append(SyntaxFactory.Literal(fieldPath).ToFullString()).Append(")]").Append(newLine)
                .Append("public required ").Append(memberType).Append(' ').Append(name).Append(" { get; init; }").Append(newLine);
            MemberDeclarationSyntax property = SyntaxFactory.ParseMemberDeclaration(text.ToString())!
                .WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine))
                .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
            hostEditor.AddMember(declaration, property);
        }
    }
}
