using System.IO.Compression;
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
        string feed = Directory.CreateTempSubdirectory("podbinding-extensions-").FullName;
        try
        {
            CommandResult pack = DotNet.Build(DotNet.RepoRoot,
                "pack", Path.Combine(DotNet.RepoRoot, "src", "PodBinding.Extensions", "PodBinding.Extensions.csproj"), "-c", "Release", "-o", feed);
            string package = Assert.Single(Directory.GetFiles(feed, "PodBinding.Extensions.*.nupkg"));
            Assert.True(pack.ExitCode == 0, pack.ToString());

            using ZipArchive zip = ZipFile.OpenRead(package);
            string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("lib/net8.0/PodBinding.Extensions.dll", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal)); // they come with PodBinding

            using var reader = new StreamReader(zip.GetEntry("PodBinding.Extensions.nuspec")!.Open());
            XDocument nuspec = XDocument.Parse(reader.ReadToEnd());
            XNamespace ns = nuspec.Root!.Name.Namespace;
            XElement[] dependencies = nuspec.Descendants(ns + "dependency").ToArray();
            XElement core = Assert.Single(dependencies, d => (string?)d.Attribute("id") == "PodBinding");
            // Without include="All", NuGet would drop PodBinding's build and analyzer assets: no generator, no YAML.
            Assert.Equal("All", (string?)core.Attribute("include"));
            Assert.Contains(dependencies, d => (string?)d.Attribute("id") == "Microsoft.Extensions.Options");
        }
        finally
        {
            Directory.Delete(feed, recursive: true);
        }
    }
}
