using PodBinding.Package.Tests.Infrastructure;

namespace PodBinding.Package.Tests;

/// <summary>
/// In-repo consumers reference the generator with OutputItemType="Analyzer": YamlDotNet.dll must reach the compiler
/// as an Analyzer item too (the generator's GetTargetPath returns it), and the k8s/ glob must pass the YAML.
/// </summary>
[Collection(NestedBuildCollection.Name)]
public sealed class InRepoAnalyzerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("podbinding-inrepo-analyzers-").FullName;

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
    public void A_project_reference_consumer_gets_PB0202_for_a_manifest_under_k8s()
    {
        string repoRoot = DotNet.RepoRoot.TrimEnd('/', '\\') + "/";
        string project = ScratchProject.Create("InRepo", Path.Combine(_root, "InRepo"), new Dictionary<string, string> { ["__REPO_ROOT__"] = repoRoot });
        Directory.CreateDirectory(Path.Combine(project, "k8s", "base"));
        File.WriteAllText(Path.Combine(project, "k8s", "base", "deployment.yaml"), PackageTests.LabelDeployment);
        File.AppendAllText(Path.Combine(project, "Program.cs"), PackageTests.RawRead);

        CommandResult build = DotNet.Build(project, "build");

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("warning PB0202: POD_TIER is set from metadata.labels['tier'] by container 'orders' of Deployment/orders at k8s/base/deployment.yaml:13 ", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8784", build.Output, StringComparison.Ordinal);
    }
}
