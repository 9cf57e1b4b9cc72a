using System.Reflection;
using System.Text.RegularExpressions;

namespace PodBinding.Generators.Tests.Helpers;

/// <summary>
/// Compares text with the committed <c>Snapshots/&lt;name&gt;.verified.&lt;ext&gt;</c>. On a mismatch it writes
/// <c>*.received.*</c> next to it and fails. <c>PODBINDING_ACCEPT_SNAPSHOTS=1</c> (never honoured when <c>CI</c> is
/// set) accepts new output instead. A missing snapshot fails like a mismatch.
/// </summary>
internal static class Snapshot
{
    private static bool Accept =>
        Environment.GetEnvironmentVariable("PODBINDING_ACCEPT_SNAPSHOTS") == "1"
        && Environment.GetEnvironmentVariable("CI") is null;

    /// <summary>The test project's directory, recorded at build time (CallerFilePath is rewritten by deterministic builds).</summary>
    public static string ProjectDirectory { get; } =
        typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "ProjectDirectory")?.Value
        ?? throw new InvalidOperationException("AssemblyMetadata(\"ProjectDirectory\") is missing; see tests/Directory.Build.props");

    public static string Directory => Path.Combine(ProjectDirectory, "Snapshots");

    public static void Match(string actual, string name, string extension) => Match(actual, name, extension, Accept);

    /// <summary>As <see cref="Match(string, string, string)"/>, with acceptance decided by the caller (for the helper's own tests).</summary>
    public static void Match(string actual, string name, string extension, bool accept)
    {
        Assert.True(extension is "cs" or "yaml", $"Unsupported snapshot extension '{extension}'");
        string verified = Path.Combine(Directory, $"{name}.verified.{extension}");
        string received = Path.Combine(Directory, $"{name}.received.{extension}");
        actual = Normalize(actual);

        if (File.Exists(verified) && Normalize(File.ReadAllText(verified)) == actual)
        {
            File.Delete(received);
            return;
        }

        System.IO.Directory.CreateDirectory(Directory);
        if (accept)
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        string what = File.Exists(verified) ? "differs from" : "has no committed snapshot at";
        throw new Xunit.Sdk.XunitException(
            $"Snapshot '{name}' {what} {verified}.\n" +
            $"Received output written to {received}.\n" +
            $"First difference: {FirstDifference(File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : "", actual)}\n" +
            "Review it, then accept with PODBINDING_ACCEPT_SNAPSHOTS=1 dotnet test (ignored when CI is set).");
    }

    /// <summary>LF line ends, one final newline, and no version number in GeneratedCode attributes.</summary>
    public static string Normalize(string text) =>
        Regex.Replace(text.Replace("\r\n", "\n"),
                      """GeneratedCode\("PodBinding", "[^"]*"\)""",
                      """GeneratedCode("PodBinding", "VERSION")""").TrimEnd('\n') + "\n";

    private static string FirstDifference(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end>";
            string al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return $"line {i + 1}\n  expected: {el}\n  received: {al}";
            }
        }

        return "none";
    }
}
