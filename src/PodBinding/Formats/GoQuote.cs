namespace PodBinding.Formats;

/// <summary>
/// Go's <c>strconv.Quote</c> and its inverse, as the kubelet uses them for label and annotation values
/// (spec §5.3: escapes, printable code points, <c>\xHH</c> bytes).
/// </summary>
public static class GoQuote
{
    /// <summary>Quotes <paramref name="value"/> exactly as Go's <c>strconv.Quote</c> quotes its UTF-8 bytes.</summary>
    public static string Quote(string value) => throw new NotImplementedException();

    /// <summary>Quotes raw bytes; invalid UTF-8 bytes become <c>\xHH</c>.</summary>
    public static string Quote(ReadOnlySpan<byte> utf8) => throw new NotImplementedException();

    /// <summary>Decodes a Go-quoted string (with its surrounding double quotes).</summary>
    /// <returns><see langword="false"/> with a message in <paramref name="error"/> when the text is not valid Go-quoted output.</returns>
    public static bool TryUnquote(ReadOnlySpan<char> quoted, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value, out string? error)
        => throw new NotImplementedException();
}
