using System.Collections.Concurrent;
using System.IO.Compression;
using System.Xml.Linq;

namespace PodBinding.Package.Tests.Infrastructure;

/// <summary>
/// One of the library packages (src/&lt;id&gt;/&lt;id&gt;.csproj; PodBinding itself is <see cref="PackageFixture"/>'s),
/// packed once per test run in Release into a temporary folder feed and opened for assertions: the shared opening of
/// every library package test.
/// </summary>
internal sealed class LibraryPackage
{
    private static readonly string Feed = Directory.CreateTempSubdirectory("podbinding-libraries-").FullName;
    private static readonly ConcurrentDictionary<string, Lazy<LibraryPackage>> Packed = new(StringComparer.Ordinal);

    static LibraryPackage() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFeed();

    private LibraryPackage(string id)
    {
        Id = id;
        CommandResult pack = DotNet.Build(DotNet.RepoRoot, "pack", Path.Combine(DotNet.RepoRoot, "src", id, id + ".csproj"), "-c", "Release", "-o", Feed);
        Assert.True(pack.Succeeded, pack.ToString());

        // PodBinding.Kubernetes.*.nupkg would also match PodBinding.Kubernetes.Extensions.<version>.nupkg.
        string path = Assert.Single(Directory.GetFiles(Feed, id + ".*.nupkg"), f => char.IsAsciiDigit(Path.GetFileName(f)[(id.Length + 1)..][0]));
        using ZipArchive zip = ZipFile.OpenRead(path);
        Entries = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray();
        Readme = ReadEntry(zip, "README.md");
        Nuspec = XDocument.Parse(ReadEntry(zip, id + ".nuspec") ?? throw new Xunit.Sdk.XunitException($"{path} has no {id}.nuspec"));
        Ns = Nuspec.Root!.Name.Namespace;
        Metadata = Nuspec.Root.Element(Ns + "metadata")!;
    }

    public string Id { get; }

    public IReadOnlyList<string> Entries { get; }

    /// <summary>The packed README.md, or null when the package has none.</summary>
    public string? Readme { get; }

    public XDocument Nuspec { get; }

    public XNamespace Ns { get; }

    public XElement Metadata { get; }

    public IReadOnlyList<XElement> Dependencies => Metadata.Descendants(Ns + "dependency").ToArray();

    /// <summary>Packs src/<paramref name="id"/> (once per test run) and opens the package.</summary>
    public static LibraryPackage Pack(string id) => Packed.GetOrAdd(id, i => new Lazy<LibraryPackage>(() => new LibraryPackage(i))).Value;

    private static string? ReadEntry(ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static void DeleteFeed()
    {
        try
        {
            Directory.Delete(Feed, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
