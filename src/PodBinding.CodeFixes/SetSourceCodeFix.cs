using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using PodBinding.Generators.Diagnostics;
using PodBinding.Shared;

namespace PodBinding.CodeFixes;

/// <summary>
/// PB0002, PB0200, PB0201: sets <c>Source = DownwardSource.Volume</c> or <c>.Environment</c> (the channel the analyzer
/// names), replacing a Source argument and removing an EnvVar or File argument that would contradict it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetSourceCodeFix)), Shared]
public sealed class SetSourceCodeFix : CodeFixProvider
{
    public const string EquivalenceKeyPrefix = "PodBinding.SetSource.";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.WrongChannel, DiagnosticIds.StaleMetadataInEnv, DiagnosticIds.ResizableResourceInEnv);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll;

    private static readonly FixAllProvider FixAll = new PerDiagnosticFixAllProvider(FixAsync);

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (Plan(diagnostic) is not ({ } source, var remove))
            {
                continue;
            }

            string title;
            string key;
            if (remove is not null)
            {
                string channel = source == AttributeContract.DownwardSource.VolumeName ? "the downward API volume" : "an env var";
                title = $"Remove {remove} (Auto then reads it from {channel})";
                key = EquivalenceKeyPrefix + "Remove" + remove;
            }
            else
            {
                title = source == AttributeContract.DownwardSource.VolumeName
                    ? "Read it from the downward API volume (Source = DownwardSource.Volume)"
                    : "Read it from an env var (Source = DownwardSource.Environment)";
                key = EquivalenceKeyPrefix + source;
            }

            context.RegisterCodeFix(CodeAction.Create(title, ct => FixAsync(context.Document.Project.Solution, ImmutableArray.Create(diagnostic), ct), key), diagnostic);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The channel to read from and, for PB0002 under Auto (an EnvVar or File chose the wrong channel), the argument
    /// whose removal lets Auto pick the legal one; null when the diagnostic names no channel.
    /// </summary>
    private static (string Source, string? Remove)? Plan(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Source, out string? source) || source is not (AttributeContract.DownwardSource.VolumeName or AttributeContract.DownwardSource.EnvironmentName))
        {
            return null;
        }

        return diagnostic.Id == DiagnosticIds.WrongChannel
            && diagnostic.Properties.TryGetValue(DiagnosticProperties.Argument, out string? argument)
            && argument is AttributeContract.FromDownward.EnvVar or AttributeContract.FromDownward.File
            ? (source, argument)
            : (source, null);
    }

    private static Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct) =>
        FixHelpers.EditDocumentsAsync(solution, diagnostics, static (editor, root, diagnostic) =>
        {
            if (Plan(diagnostic) is ({ } source, var remove) && FixHelpers.AttributeAt(root, diagnostic.Location.SourceSpan) is { ArgumentList: { } list })
            {
                editor.ReplaceNode(list, (current, _) => remove is not null ? Remove((AttributeArgumentListSyntax)current, remove) : SetSource((AttributeArgumentListSyntax)current, source));
            }
        }, after: null, ct);

    private static AttributeArgumentListSyntax Remove(AttributeArgumentListSyntax list, string argument)
    {
        var kept = new List<AttributeArgumentSyntax>();
        foreach (AttributeArgumentSyntax a in list.Arguments)
        {
            if (FixHelpers.NameOf(a) != argument)
            {
                kept.Add(a);
            }
        }

        return FixHelpers.WithArguments(list, kept);
    }

    private static AttributeArgumentListSyntax SetSource(AttributeArgumentListSyntax list, string source)
    {
        string contradicting = source == AttributeContract.DownwardSource.VolumeName ? AttributeContract.FromDownward.EnvVar : AttributeContract.FromDownward.File;
        ExpressionSyntax value = SyntaxFactory.ParseExpression("global::" + AttributeContract.DownwardSourceType + "." + source)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        var arguments = new List<AttributeArgumentSyntax>();
        bool replaced = false;
        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            string? name = FixHelpers.NameOf(argument);
            if (name == contradicting)
            {
                continue;
            }

            if (name == AttributeContract.FromDownward.Source)
            {
                arguments.Add(argument.WithExpression(value.WithTriviaFrom(argument.Expression)));
                replaced = true;
                continue;
            }

            arguments.Add(argument);
        }

        if (!replaced)
        {
            arguments.Add(SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(AttributeContract.FromDownward.Source)).WithTrailingTrivia(SyntaxFactory.Space),
                nameColon: null,
                value));
        }

        return FixHelpers.WithArguments(list, arguments);
    }
}
