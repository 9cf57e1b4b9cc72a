using System.Text.Json;
using PodBinding.Package.Tests.Infrastructure;

namespace PodBinding.Package.Tests;

/// <summary>
/// Which YAML the targets hand to the analyzers as AdditionalFiles (evaluation only, <c>dotnet msbuild -getItem</c>):
/// the manifest folder plus PodBindingManifestGlobs, each file once, never build output, and both switches off.
/// </summary>
[Collection(NestedBuildCollection.Name)]
public sealed class ManifestItemsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("podbinding-items-").FullName;

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

    /// <summary>The InRepo template (manifest folder k8s/generated) with YAML in and out of the default globs.</summary>
    private string Project(string? extraItems = null)
    {
        string repoRoot = DotNet.RepoRoot.TrimEnd('/', '\\') + "/";
        string project = ScratchProject.Create("InRepo", Path.Combine(_root, "InRepo"), new Dictionary<string, string> { ["__REPO_ROOT__"] = repoRoot });
        foreach (string file in new[] { "k8s/generated/pod.yaml", "k8s/base/deployment.yml", "deploy/base/deployment.yaml", "deploy/notes.txt", "obj/stale.yaml", "charts/app/values.yaml",
            "manifests/service.yaml", "kubernetes/app/job.yml", ".k8s/dev/pod.yaml", "charts/app/templates/deployment.yaml", "charts/app/templates/tests/pod.yml" })
        {
            string path = Path.Combine(project, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "kind: Pod\n");
        }

        if (extraItems is not null)
        {
            string csproj = Path.Combine(project, "InRepo.csproj");
            File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("  <Import Project=", $"  <ItemGroup>{extraItems}</ItemGroup>\n  <Import Project=", StringComparison.Ordinal));
        }

        return project;
    }

    private static List<string> AdditionalYaml(string project, params string[] properties)
    {
        CommandResult result = DotNet.Run(project, ["msbuild", "-getItem:AdditionalFiles", "-nologo", .. properties]);
        Assert.True(result.Succeeded, result.ToString());
        string json = result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..];
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(item => Path.GetRelativePath(project, item.GetProperty("FullPath").GetString()!).Replace('\\', '/'))
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public void The_manifest_folder_and_the_default_globs_each_file_once_without_build_output() =>
        Assert.Equal(
            [".k8s/dev/pod.yaml", "charts/app/templates/deployment.yaml", "charts/app/templates/tests/pod.yml", "deploy/base/deployment.yaml",
             "k8s/base/deployment.yml", "k8s/generated/pod.yaml", "kubernetes/app/job.yml", "manifests/service.yaml"],
            AdditionalYaml(Project()));

    [Fact]
    public void An_item_the_project_already_passes_is_not_added_again() =>
        Assert.Equal(
            [".k8s/dev/pod.yaml", "charts/app/templates/deployment.yaml", "charts/app/templates/tests/pod.yml", "charts/app/values.yaml",
             "deploy/base/deployment.yaml", "k8s/base/deployment.yml", "k8s/generated/pod.yaml", "kubernetes/app/job.yml", "manifests/service.yaml"],
            AdditionalYaml(Project("<AdditionalFiles Include=\"deploy/base/deployment.yaml;charts/app/values.yaml\" />")));

    [Fact]
    public void Empty_globs_leave_only_the_manifest_folder() =>
        Assert.Equal(["k8s/generated/pod.yaml"], AdditionalYaml(Project(), "-p:PodBindingManifestGlobs="));

    [Fact]
    public void Custom_globs_replace_the_defaults() =>
        Assert.Equal(["charts/app/templates/deployment.yaml", "charts/app/values.yaml", "k8s/generated/pod.yaml"], AdditionalYaml(Project(), "-p:PodBindingManifestGlobs=charts/**/*.yaml"));

    [Fact]
    public void PodBindingAnalyzeManifests_false_passes_no_yaml() =>
        Assert.Empty(AdditionalYaml(Project(), "-p:PodBindingAnalyzeManifests=false"));
}
