using System.Xml.Linq;

namespace PodBinding.Package.Tests.Infrastructure;

/// <summary>The one repository URL, as Directory.Build.props declares it (PodBindingRepositoryUrl).</summary>
internal static class RepositoryMetadata
{
    public static string Url { get; } =
        XDocument.Load(Path.Combine(DotNet.RepoRoot, "Directory.Build.props")).Descendants("PodBindingRepositoryUrl").Single().Value;
}
