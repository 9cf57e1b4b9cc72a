using System.IO.Compression;

namespace PodBinding.Package.Tests.Infrastructure;

/// <summary>
/// Packs src/PodBinding once per test class into a temporary folder feed, with a private global packages folder so a
/// re-pack of the same version is never served from the machine's cache. Everything lives under one temp folder,
/// deleted at the end.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Directory.CreateTempSubdirectory("podbinding-package-").FullName;
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        Pack = DotNet.Build(DotNet.RepoRoot,
            "pack", Path.Combine(DotNet.RepoRoot, "src", "PodBinding", "PodBinding.csproj"), "-c", "Release", "-o", Feed);
        string[] packages = Directory.Exists(Feed) ? Directory.GetFiles(Feed, "PodBinding.*.nupkg") : [];
        PackagePath = packages.Length == 1 ? packages[0] : null;
    }

    public string Root { get; }

    public string Feed { get; }

    public string Packages { get; }

    /// <summary>The <c>dotnet pack</c> run, for assertion messages.</summary>
    public CommandResult Pack { get; }

    /// <summary>The single PodBinding .nupkg in the feed, or null when packing failed.</summary>
    public string? PackagePath { get; }

    /// <summary>The packed version, from the file name (<c>PodBinding.&lt;version&gt;.nupkg</c>).</summary>
    public string Version => Path.GetFileNameWithoutExtension(RequirePackage())["PodBinding.".Length..];

    public string RequirePackage()
    {
        Assert.True(PackagePath is not null, $"dotnet pack did not produce exactly one PodBinding .nupkg in {Feed}.{Environment.NewLine}{Pack}");
        return PackagePath!;
    }

    public IReadOnlyList<string> Entries()
    {
        using ZipArchive zip = ZipFile.OpenRead(RequirePackage());
        return zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
    }

    public string ReadEntry(string name)
    {
        using ZipArchive zip = ZipFile.OpenRead(RequirePackage());
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not in the package.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Copies a template folder of this test project into the temp root, filling in version, feed and cache.</summary>
    public string CreateProject(string template) =>
        ScratchProject.Create(template, Path.Combine(Root, template), new Dictionary<string, string>
        {
            ["__PODBINDING_VERSION__"] = Version,
            ["__FEED__"] = Feed,
            ["__PACKAGES__"] = Packages,
        });

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process still holding a file: the OS temp cleaner gets it later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
