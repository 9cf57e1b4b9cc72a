using System.Diagnostics.CodeAnalysis;

namespace PodBinding.Formats;

/// <summary>
/// The <c>labels</c> and <c>annotations</c> file format the kubelet writes (<c>fieldpath.FormatMap</c>, spec §5.2):
/// one <c>key="go-quoted value"</c> line per entry, keys in ordinal order, lines joined by LF, no trailing newline,
/// an empty map as a 0-byte file.
/// </summary>
public static class KubeletMapFormat
{
    /// <summary>Renders <paramref name="entries"/> exactly as the kubelet does.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> entries) => throw new NotImplementedException();

    /// <summary>Parses a labels or annotations file.</summary>
    /// <param name="content">The whole file.</param>
    /// <param name="map">The entries on success.</param>
    /// <param name="errorLine">On failure, the 1-based line that is malformed.</param>
    /// <param name="error">On failure, what is wrong with that line and what was expected.</param>
    public static bool TryParse(string content, [NotNullWhen(true)] out MetadataMap? map, out int errorLine, out string? error)
        => throw new NotImplementedException();
}
