using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace PodBinding.CodeFixes;

/// <summary>
/// Fix All for the mechanical fixes: each diagnostic carries everything its edit needs (one action per diagnostic),
/// so Fix All applies every diagnostic's own edit in one pass, through the same function the single fix uses.
/// </summary>
/// <remarks>
/// Why not <see cref="WellKnownFixAllProviders.BatchFixer"/>: it keeps only the actions whose equivalence key equals
/// the trigger's. <c>dotnet format analyzers --diagnostics A B</c> takes the trigger from the first diagnostic of any
/// listed ID, so for B it asks B's fix about an A diagnostic, gets no action and passes a null key: the batch fixer
/// then returns nothing ("didn't return a Fix All action"). Keys that differ per channel (PB0002) would also need one
/// pass per key. The equivalence key is therefore ignored here.
/// </remarks>
internal sealed class PerDiagnosticFixAllProvider(Func<Solution, ImmutableArray<Diagnostic>, CancellationToken, Task<Solution>> fix) : FixAllProvider
{
    private static readonly ImmutableArray<FixAllScope> Scopes = ImmutableArray.Create(FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution);

    /// <inheritdoc/>
    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => Scopes;

    /// <inheritdoc/>
    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        ImmutableArray<Diagnostic> diagnostics = await CollectAsync(fixAllContext).ConfigureAwait(false);
        if (diagnostics.IsEmpty)
        {
            return null;
        }

        string title = $"Fix all {string.Join(", ", fixAllContext.DiagnosticIds.OrderBy(id => id, StringComparer.Ordinal))} in the {fixAllContext.Scope.ToString().ToLowerInvariant()}";
        Solution solution = fixAllContext.Solution;
        return CodeAction.Create(title, ct => fix(solution, diagnostics, ct), fixAllContext.CodeActionEquivalenceKey);
    }

    private static async Task<ImmutableArray<Diagnostic>> CollectAsync(FixAllContext context)
    {
        // The context filters every list to its DiagnosticIds; only diagnostics in a source document can be fixed here.
        var all = ImmutableArray.CreateBuilder<Diagnostic>();
        switch (context.Scope)
        {
            case FixAllScope.Document when context.Document is not null:
                all.AddRange(await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false));
                break;
            case FixAllScope.Project:
                all.AddRange(await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false));
                break;
            case FixAllScope.Solution:
                foreach (Project project in context.Solution.Projects)
                {
                    all.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                break;
        }

        return all.Where(d => d.Location.IsInSource && context.Solution.GetDocument(d.Location.SourceTree) is not null).Distinct().ToImmutableArray();
    }
}
