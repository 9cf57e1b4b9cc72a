using System.Reflection;
using System.Text.RegularExpressions;

namespace PodBinding.Docs.Tests;

/// <summary>
/// The <c>```csharp</c> blocks of README.md and of every package readme, in order. The rule the readmes follow (and
/// README.md states): a block compiles as written as a console program, with the SDK's implicit usings, and may use
/// the types declared by earlier blocks of the same file; every other using is in the block.
/// </summary>
internal static partial class ReadmeSnippets
{
    public static string RepoRoot { get; } =
        typeof(ReadmeSnippets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value
        ?? throw new InvalidOperationException("The RepoRoot assembly metadata is empty.");

    /// <summary>README.md and each readme a package carries (PackageReadme.md, or README.md beside the project file).</summary>
    public static IReadOnlyList<string> Files() =>
        new[] { "README.md" }
            .Concat(Directory.GetFiles(Path.Combine(RepoRoot, "src"), "*.md", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) is "PackageReadme.md" or "README.md" && Directory.GetFiles(Path.GetDirectoryName(f)!, "*.csproj").Length == 1)
                .Select(f => Path.GetRelativePath(RepoRoot, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<Snippet> In(string relativePath)
    {
        string text = File.ReadAllText(Path.Combine(RepoRoot, relativePath)).ReplaceLineEndings("\n");
        return Block().Matches(text)
            .Select((m, i) => new Snippet(relativePath, i, text[..m.Index].Count(c => c == '\n') + 2, m.Groups["code"].Value))
            .ToList();
    }

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Block();
}

/// <summary>One block: its file, its index there, the markdown line of its first code line, and the code.</summary>
internal sealed record Snippet(string File, int Index, int FirstLine, string Code);
