using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace PodBinding.Analyzers.Tests.Support;

/// <summary>
/// Runs a code fix on a diagnostic located in an additional document (a YAML file). Microsoft.CodeAnalysis.Testing
/// 1.1.4 only offers fixes for diagnostics in source documents, so this drives the same public Roslyn API the IDE uses:
/// a workspace project with the YAML as additional documents, the analyzer through <see cref="CompilationWithAnalyzers"/>,
/// a <see cref="CodeFixContext"/> over the <see cref="TextDocument"/>, then the action's <see cref="ApplyChangesOperation"/>.
/// </summary>
internal static class ManifestFixRunner
{
    public sealed record Outcome(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> Titles, Solution? Fixed, ProjectId Project);

    /// <summary>Analyzes, then applies the first fix offered for the first diagnostic in <paramref name="yamlToFix"/>.</summary>
    public static async Task<Outcome> RunAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fix, string source, (string Relative, string Yaml)[] yaml, string yamlToFix)
    {
        var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Orders", "Orders", LanguageNames.CSharp,
                filePath: ManifestTestState.ProjectDir + "Orders.csproj",
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                metadataReferences: ManifestTestState.References))
            .AddDocument(DocumentId.CreateNewId(projectId), "Source.cs", SourceText.From(source), filePath: ManifestTestState.Path("Source.cs"))
            .AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From(ManifestTestState.GlobalConfig()), filePath: "/.globalconfig");
        foreach ((string relative, string text) in yaml)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(relative), SourceText.From(text), filePath: ManifestTestState.Path(relative));
        }

        Project project = solution.GetProject(projectId)!;
        Compilation compilation = (await project.GetCompilationAsync())!;
        var analyzers = new CompilationWithAnalyzers(compilation, [analyzer], project.AnalyzerOptions);
        ImmutableArray<Diagnostic> diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync();

        string path = ManifestTestState.Path(yamlToFix);
        Diagnostic? target = diagnostics.FirstOrDefault(d => d.Location.GetLineSpan().Path == path);
        TextDocument? document = project.AdditionalDocuments.FirstOrDefault(d => d.FilePath == path);
        if (target is null || document is null)
        {
            return new Outcome(diagnostics, [], null, projectId);
        }

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, target.Location.SourceSpan, [target], (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        if (actions.Count == 0)
        {
            return new Outcome(diagnostics, [], null, projectId);
        }

        ImmutableArray<CodeActionOperation> operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        Solution? changed = operations.OfType<ApplyChangesOperation>().SingleOrDefault()?.ChangedSolution;
        return new Outcome(diagnostics, actions.Select(a => a.Title).ToImmutableArray(), changed, projectId);
    }

    /// <summary>The text of the additional document at <paramref name="relative"/>, or null when it was removed.</summary>
    public static string? AdditionalText(Solution solution, ProjectId project, string relative) =>
        solution.GetProject(project)!.AdditionalDocuments.FirstOrDefault(d => d.FilePath == ManifestTestState.Path(relative))?.GetTextAsync().Result.ToString();
}
