using System.Xml.Linq;
using PodBinding.Package.Tests.Infrastructure;

namespace PodBinding.Package.Tests;

/// <summary>
/// Every library package carries its readme (the one the repository keeps beside the project), the repository's URL
/// and a project URL (issue 12, first run); PodBinding.Testing is a package at all, as the README offers it.
/// </summary>
[Collection(NestedBuildCollection.Name)]
public sealed class LibraryPackageMetadataTests
{
    public static TheoryData<string> Libraries =>
    [
        "PodBinding.Extensions", "PodBinding.OpenTelemetry", "PodBinding.Kubernetes", "PodBinding.Kubernetes.Extensions",
        "PodBinding.Testing", "PodBinding.Testing.Kubernetes",
    ];

    [Theory]
    [MemberData(nameof(Libraries))]
    public void The_package_has_its_readme_the_repository_url_and_a_description(string id)
    {
        LibraryPackage package = LibraryPackage.Pack(id);

        Assert.Contains($"lib/{(id == "PodBinding.Testing.Kubernetes" ? "net10.0" : "net8.0")}/{id}.dll", package.Entries);
        Assert.Equal("README.md", package.Metadata.Element(package.Ns + "readme")?.Value);
        Assert.True(package.Readme is { Length: > 200 }, $"{id} packs no real README.md");
        Assert.StartsWith("# " + id + "\n", package.Readme.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        XElement? repository = package.Metadata.Element(package.Ns + "repository");
        Assert.Equal(RepositoryMetadata.Url, (string?)repository?.Attribute("url"));
        Assert.Equal("git", (string?)repository?.Attribute("type"));
        Assert.Equal(RepositoryMetadata.Url, package.Metadata.Element(package.Ns + "projectUrl")?.Value);
        Assert.Equal("MIT", package.Metadata.Element(package.Ns + "license")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(package.Metadata.Element(package.Ns + "description")?.Value));
    }

    [Fact]
    public void The_testing_packages_depend_on_each_other_as_packages()
    {
        LibraryPackage kubernetes = LibraryPackage.Pack("PodBinding.Testing.Kubernetes");
        Assert.Contains(kubernetes.Dependencies, d => (string?)d.Attribute("id") == "PodBinding.Testing");
        LibraryPackage testing = LibraryPackage.Pack("PodBinding.Testing");
        Assert.Contains(testing.Dependencies, d => (string?)d.Attribute("id") == "PodBinding");
    }
}
