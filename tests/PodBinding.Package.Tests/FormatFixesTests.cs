using PodBinding.Package.Tests.Infrastructure;

namespace PodBinding.Package.Tests;

/// <summary>
/// The code fixes from the command line (issue 12 item 16): the real <c>dotnet format analyzers</c> over a project
/// that references the in-tree generator and code fixes applies every mechanical fix, and the project then builds.
/// </summary>
[Collection(NestedBuildCollection.Name)]
public sealed class FormatFixesTests : IDisposable
{
    private static readonly string[] FixedIds = ["PB0002", "PB0006", "PB0100", "PB0101", "PB0103", "PB0105", "PB0200", "PB0201"];

    private readonly string _root = Directory.CreateTempSubdirectory("podbinding-format-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Dotnet_format_applies_every_mechanical_fix_and_the_project_then_builds()
    {
        string repoRoot = DotNet.RepoRoot.TrimEnd('/', '\\') + "/";
        string project = ScratchProject.Create("FormatFixes", Path.Combine(_root, "FormatFixes"), new Dictionary<string, string> { ["__REPO_ROOT__"] = repoRoot });
        string program = Path.Combine(project, "Program.cs");

        // Before: the analyzers report each ID (the build also builds the generator and fixes dotnet format loads).
        CommandResult before = DotNet.Build(project, "build");
        Assert.False(before.Succeeded, before.ToString());
        Assert.All(FixedIds.Where(id => id != "PB0201"), id => Assert.Contains($" {id}: ", before.Output, StringComparison.Ordinal)); // PB0201 is Info: not printed

        CommandResult format = DotNet.Run(project,
            ["format", "analyzers", "FormatFixes.csproj", "--diagnostics", .. FixedIds, "--severity", "info", "--verbosity", "detailed"]);
        Assert.True(format.Succeeded, format.ToString());
        Assert.DoesNotContain("Unable to fix", format.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to apply", format.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(project, "Program.cs.expected")), File.ReadAllText(program));

        CommandResult after = DotNet.Build(project, "build");
        Assert.True(after.Succeeded, after.ToString());
        Assert.All(FixedIds, id => Assert.DoesNotContain($" {id}: ", after.Output, StringComparison.Ordinal));
    }
}
