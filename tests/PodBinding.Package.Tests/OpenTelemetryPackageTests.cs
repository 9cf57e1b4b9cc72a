using System.IO.Compression;
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
        string feed = Directory.CreateTempSubdirectory("podbinding-otel-").FullName;
        try
        {
            CommandResult pack = DotNet.Build(DotNet.RepoRoot,
                "pack", Path.Combine(DotNet.RepoRoot, "src", "PodBinding.OpenTelemetry", "PodBinding.OpenTelemetry.csproj"), "-c", "Release", "-o", feed);
            Assert.True(pack.ExitCode == 0, pack.ToString());
            string package = Assert.Single(Directory.GetFiles(feed, "PodBinding.OpenTelemetry.*.nupkg"));

            using ZipArchive zip = ZipFile.OpenRead(package);
            string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("lib/net8.0/PodBinding.OpenTelemetry.dll", entries);
            Assert.Contains("README.md", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal)); // they come with PodBinding

            using var reader = new StreamReader(zip.GetEntry("PodBinding.OpenTelemetry.nuspec")!.Open());
            XDocument nuspec = XDocument.Parse(reader.ReadToEnd());
            XNamespace ns = nuspec.Root!.Name.Namespace;
            XElement[] dependencies = nuspec.Descendants(ns + "dependency").ToArray();
            XElement core = Assert.Single(dependencies, d => (string?)d.Attribute("id") == "PodBinding");
            Assert.Equal("All", (string?)core.Attribute("include"));
            Assert.Equal("1.20.1", (string?)Assert.Single(dependencies, d => (string?)d.Attribute("id") == "OpenTelemetry").Attribute("version"));
        }
        finally
        {
            Directory.Delete(feed, recursive: true);
        }
    }
}
