using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Analyzers.Tests.Helpers;
using PodBinding.CodeFixes;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>
/// Fix All the way <c>dotnet format analyzers --diagnostics PB0006 PB0002 …</c> asks for it (issue 12 item 16): one
/// Solution-scope context per ID, its diagnostic provider holding every listed ID, and the equivalence key taken from
/// the first diagnostic of any ID (so usually another fix's, or null). The batch fixer returned no action then.
/// </summary>
public sealed class FixAllFromTheCommandLineTests
{
    // PB0006 comes first in the file: for every other ID the trigger diagnostic belongs to another fix.
    private const string Source = """
        using System.Collections.Generic;
        using PodBinding;

        namespace App;

        [DownwardBinding(ContainerName = "app")]
        public partial class Info
        {
            [FromDownward("limits.ephemeral-storage", Divisor = "1024Ki")] public long Disk { get; init; }
            [FromDownward("limits.memory", Divisor = "1000")] public long Memory { get; init; }
            [FromDownward("spec.nodeName", Source = DownwardSource.Volume)] public string? Node { get; init; }
            [FromDownward("status.podIP", File = "ip")] public string? Ip { get; init; }
            [FromDownward("metadata.annotations", EnvVar = "ANNOTATIONS")] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
            [FromDownward("status.hostIP")] public int HostIp { get; init; }
            [FromDownward("metadata.labels")] public string? Labels { get; init; }
            [FromDownward("metadata.name")] public string? Name { get; }
            [FromDownward("metadata.uid")] public string? Uid { get; }
            [FromDownward("metadata.namespace", Divisor = "1Mi")] public string? Namespace { get; init; }
            [FromDownward("metadata.labels['tier']", Source = DownwardSource.Volume, EnvVar = "POD_TIER")] public string? Tier { get; init; }
            [FromDownward("metadata.labels['app']", EnvVar = "APP")] public string? App { get; init; }
        }

        public class Other
        {
            [FromDownward("metadata.name")] public string? Name { get; init; }
        }

        public class Another
        {
            [FromDownward("metadata.name")] public string? Name { get; init; }
        }
        """;

    public static TheoryData<string, string, string> Fixes => new()
    {
        { "PB0006", "Divisor = \"1024Ki\"", "Divisor = \"1Mi\"" },
        { "PB0006", "Divisor = \"1000\"", "Divisor = \"1k\"" },
        { "PB0002", "\"spec.nodeName\", Source = DownwardSource.Volume", "\"spec.nodeName\", Source = DownwardSource.Environment" },
        { "PB0002", "\"status.podIP\", File = \"ip\"", "\"status.podIP\"" },
        { "PB0002", "\"metadata.annotations\", EnvVar = \"ANNOTATIONS\"", "\"metadata.annotations\"" },
        { "PB0101", "public int HostIp", "public System.Net.IPAddress HostIp" },
        { "PB0101", "public string? Labels", "public IReadOnlyDictionary<string, string>? Labels" },
        { "PB0103", "Name { get; }", "Name { get; init; }" },
        { "PB0103", "Uid { get; }", "Uid { get; init; }" },
        { "PB0007", "\"metadata.namespace\", Divisor = \"1Mi\"", "\"metadata.namespace\"" },
        { "PB0105", "Source = DownwardSource.Volume, EnvVar = \"POD_TIER\"", "Source = DownwardSource.Volume" },
        { "PB0200", "\"metadata.labels['app']\", EnvVar = \"APP\"", "\"metadata.labels['app']\", Source = DownwardSource.Volume" },
        { "PB0100", "public class Other", "public partial class Other" },
        { "PB0100", "public class Another", "public partial class Another" },
    };

    /// <summary>Each ID, fixed alone, changes exactly its own lines: every one of them, nothing else.</summary>
    [Fact]
    public async Task EveryMechanicalFix_FixesAllItsDiagnostics_WithTheTriggerAndKeyDotnetFormatPasses()
    {
        foreach (IGrouping<string, (string Id, string Before, string After)> perId in Rows().GroupBy(r => r.Id))
        {
            string expected = perId.Aggregate(Source, (text, row) => Replace(text, row.Before, row.After));
            string actual = await FixLikeDotnetFormatAsync(perId.Key);
            if (perId.Key == "PB0101")
            {
                // The using directive the import adder writes, then the simplified name.
                expected = expected.Replace("using System.Collections.Generic;\n", "using System.Collections.Generic;\nusing System.Net;\n", StringComparison.Ordinal)
                    .Replace("System.Net.IPAddress", "IPAddress", StringComparison.Ordinal);
            }

            Assert.True(expected == actual, $"{perId.Key}:{Environment.NewLine}{actual}");
        }
    }

    private static IEnumerable<(string Id, string Before, string After)> Rows() =>
        Fixes.Select(row => ((string)row[0], (string)row[1], (string)row[2]));

    private static string Replace(string text, string before, string after)
    {
        Assert.True(text.Contains(before, StringComparison.Ordinal), $"the test source lacks '{before}'");
        return text.Replace(before, after, StringComparison.Ordinal);
    }

    /// <summary>What dotnet format's SolutionCodeFixApplier does for one ID, step by step.</summary>
    private static async Task<string> FixLikeDotnetFormatAsync(string id)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "App", "App", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: AnalyzerRunner.ParseOptions,
            metadataReferences: References.All));
        Document document = workspace.AddDocument(project.Id, "Info.cs", Microsoft.CodeAnalysis.Text.SourceText.From(Source));
        Solution solution = document.Project.Solution;

        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> listed = (await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new BindingAnalyzer()))
                .GetAnalyzerDiagnosticsAsync())
            .Where(d => Rows().Any(r => r.Id == d.Id))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
        Assert.Equal("PB0006", listed[0].Id);
        Assert.Contains(listed, d => d.Id == id);

        CodeFixProvider fix = Providers().Single(p => p.FixableDiagnosticIds.Contains(id));
        FixAllProvider fixAll = fix.GetFixAllProvider() ?? throw new Xunit.Sdk.XunitException($"{fix.GetType().Name} has no Fix All");
        Assert.Contains(FixAllScope.Solution, fixAll.GetSupportedFixAllScopes());

        // The trigger: the first listed diagnostic, whatever its ID; the key: its first action's, if it has one.
        CodeAction? trigger = null;
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, listed[0], (action, _) => trigger ??= action, CancellationToken.None));
        var context = new FixAllContext(document, fix, FixAllScope.Solution, trigger?.EquivalenceKey!, [id], new Provider(listed), CancellationToken.None);

        CodeAction? fixAllAction = await fixAll.GetFixAsync(context);
        Assert.True(fixAllAction is not null, $"{fix.GetType().Name} didn't return a Fix All action for {id}");
        ApplyChangesOperation apply = Assert.Single((await fixAllAction.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
        return (await apply.ChangedSolution.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }

    private static IEnumerable<CodeFixProvider> Providers() =>
        typeof(MakePartialCodeFix).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!);

    /// <summary>dotnet format's provider: every listed diagnostic of the project, whatever the ID asked for.</summary>
    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
