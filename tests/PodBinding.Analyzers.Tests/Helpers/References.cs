using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PodBinding.Analyzers.Tests.Helpers;

/// <summary>
/// The SDK's own net10.0 reference pack (offline: no NuGet at test time) plus the PodBinding runtime, as
/// docs/toolchain.md prescribes for Microsoft.CodeAnalysis.Testing.
/// </summary>
internal static class References
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAll = new(Load);

    /// <summary>A reference-assembly set without packages; the dlls come in through <see cref="All"/>.</summary>
    public static ReferenceAssemblies Net10 { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> All => LazyAll.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        // dotnet root = three folders above System.Private.CoreLib (shared/Microsoft.NETCore.App/<version>/).
        string dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string newest = Directory.GetDirectories(packs)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name.StartsWith("10.", StringComparison.Ordinal) && Version.TryParse(name.Split('-')[0], out _))
            .OrderBy(name => Version.Parse(name.Split('-')[0]))
            .LastOrDefault() ?? throw new InvalidOperationException($"No 10.x reference pack under {packs}");

        string[] dlls = Directory.GetFiles(Path.Combine(packs, newest, "ref", "net10.0"), "*.dll");
        Array.Sort(dlls, StringComparer.Ordinal);
        return dlls
            .Append(typeof(FromDownwardAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
