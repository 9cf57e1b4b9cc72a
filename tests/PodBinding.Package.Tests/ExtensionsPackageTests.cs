using System.Xml.Linq;
using PodBinding.Package.Tests.Infrastructure;

namespace PodBinding.Package.Tests;

/// <summary>The PodBinding.Extensions package: its library, and a PodBinding dependency that brings the generator along.</summary>
[Collection(NestedBuildCollection.Name)]
public sealed class ExtensionsPackageTests
{
    [Fact]
    public void The_extensions_package_depends_on_PodBinding_with_all_assets_so_users_get_the_generator()
    {
        LibraryPackage package = LibraryPackage.Pack("PodBinding.Extensions");

        Assert.Contains("lib/net8.0/PodBinding.Extensions.dll", package.Entries);
        Assert.DoesNotContain(package.Entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal)); // they come with PodBinding

        XElement core = Assert.Single(package.Dependencies, d => (string?)d.Attribute("id") == "PodBinding");
        // Without include="All", NuGet would drop PodBinding's build and analyzer assets: no generator, no YAML.
        Assert.Equal("All", (string?)core.Attribute("include"));
        Assert.Contains(package.Dependencies, d => (string?)d.Attribute("id") == "Microsoft.Extensions.Options");
    }
}
