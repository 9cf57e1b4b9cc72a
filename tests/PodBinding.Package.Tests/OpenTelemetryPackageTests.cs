using System.Xml.Linq;
using PodBinding.Package.Tests.Infrastructure;

namespace PodBinding.Package.Tests;

/// <summary>The PodBinding.OpenTelemetry package: its library and readme, PodBinding with all assets, the SDK.</summary>
[Collection(NestedBuildCollection.Name)]
public sealed class OpenTelemetryPackageTests
{
    [Fact]
    public void The_OpenTelemetry_package_brings_PodBinding_with_the_generator_and_the_SDK()
    {
        LibraryPackage package = LibraryPackage.Pack("PodBinding.OpenTelemetry");

        Assert.Contains("lib/net8.0/PodBinding.OpenTelemetry.dll", package.Entries);
        Assert.DoesNotContain(package.Entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal)); // they come with PodBinding

        XElement core = Assert.Single(package.Dependencies, d => (string?)d.Attribute("id") == "PodBinding");
        Assert.Equal("All", (string?)core.Attribute("include"));
        Assert.Equal("1.20.1", (string?)Assert.Single(package.Dependencies, d => (string?)d.Attribute("id") == "OpenTelemetry").Attribute("version"));
    }
}
