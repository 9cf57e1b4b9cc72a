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
using Microsoft.CodeAnalysis.Text;
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
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Source, out string? source) || source is not (AttributeContract.DownwardSource.VolumeName or AttributeContract.DownwardSource.EnvironmentName))
            {
                continue;
            }

            // PB0002 under Auto: an EnvVar or File chose the wrong channel. Removing it lets Auto pick the legal one.
            if (diagnostic.Id == DiagnosticIds.WrongChannel
                && diagnostic.Properties.TryGetValue(DiagnosticProperties.Argument, out string? argument)
                && argument is AttributeContract.FromDownward.EnvVar or AttributeContract.FromDownward.File)
            {
                string channel = source == AttributeContract.DownwardSource.VolumeName ? "the downward API volume" : "an env var";
                context.RegisterCodeFix(
                    CodeAction.Create($"Remove {argument} (Auto then reads it from {channel})", ct => RemoveAsync(context.Document, diagnostic.Location.SourceSpan, argument, ct), EquivalenceKeyPrefix + "Remove" + argument),
                    diagnostic);
                continue;
            }

            string title = source == AttributeContract.DownwardSource.VolumeName
                ? "Read it from the downward API volume (Source = DownwardSource.Volume)"
                : "Read it from an env var (Source = DownwardSource.Environment)";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => SetSourceAsync(context.Document, diagnostic.Location.SourceSpan, source, ct), EquivalenceKeyPrefix + source),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> RemoveAsync(Document document, TextSpan span, string argument, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null || FixHelpers.AttributeAt(root, span) is not { ArgumentList: { } list })
        {
            return document;
        }

        var kept = new List<AttributeArgumentSyntax>();
        foreach (AttributeArgumentSyntax a in list.Arguments)
        {
            if (FixHelpers.NameOf(a) != argument)
            {
                kept.Add(a);
            }
        }

        return document.WithSyntaxRoot(root.ReplaceNode(list, FixHelpers.WithArguments(list, kept)));
    }

    private static async Task<Document> SetSourceAsync(Document document, TextSpan span, string source, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null || FixHelpers.AttributeAt(root, span) is not { ArgumentList: { } list })
        {
            return document;
        }

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

        return document.WithSyntaxRoot(root.ReplaceNode(list, FixHelpers.WithArguments(list, arguments)));
    }
}
