using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PodBinding.Formats;

/// <summary>
/// The <c>labels</c> and <c>annotations</c> file format the kubelet writes (<c>fieldpath.FormatMap</c>, docs/kubernetes-rules.md):
/// one <c>key="go-quoted value"</c> line per entry, keys in ordinal order, lines joined by LF, no trailing newline,
/// an empty map as a 0-byte file.
/// </summary>
public static class KubeletMapFormat
{
    /// <summary>Renders <paramref name="entries"/> exactly as the kubelet does.</summary>
    /// <remarks>A later duplicate key replaces an earlier one, as in a Go map.</remarks>
    public static string Format(IEnumerable<KeyValuePair<string, string>> entries)
    {
        MetadataMap map = MetadataMap.From(entries);
        if (map.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (KeyValuePair<string, string> entry in map)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(entry.Key).Append('=').Append(GoQuote.Quote(entry.Value));
        }

        return text.ToString();
    }

    /// <summary>Parses a labels or annotations file.</summary>
    /// <remarks>
    /// Accepts what the kubelet writes plus what a hand-made local file commonly has: one final newline, CRLF line
    /// endings and keys out of order. Blank lines, lines without <c>=</c>, unquoted values and duplicate keys are errors.
    /// </remarks>
    /// <param name="content">The whole file.</param>
    /// <param name="map">The entries on success.</param>
    /// <param name="errorLine">On failure, the 1-based line that is malformed.</param>
    /// <param name="error">On failure, what is wrong with that line and what was expected.</param>
    public static bool TryParse(string content, [NotNullWhen(true)] out MetadataMap? map, out int errorLine, out string? error)
    {
        ArgumentNullException.ThrowIfNull(content);
        map = null;
        errorLine = 0;
        error = null;

        ReadOnlySpan<char> text = content;
        if (text.EndsWith("\n"))
        {
            text = text[..^1];
        }

        if (text.IsEmpty)
        {
            map = MetadataMap.Empty;
            return true;
        }

        int lineCount = text.Count('\n') + 1;
        string[] keys = new string[lineCount];
        string[] values = new string[lineCount];
        bool sorted = true;
        int lineNumber = 0;
        int start = 0;
        while (start <= text.Length)
        {
            int end = text[start..].IndexOf('\n');
            ReadOnlySpan<char> line = end < 0 ? text[start..] : text.Slice(start, end);
            start += line.Length + 1;
            lineNumber++;
            if (line.EndsWith("\r"))
            {
                // Go quoting never leaves a raw CR in a value, so a final CR can only be a CRLF line ending.
                line = line[..^1];
            }

            if (!TryParseLine(line, out string? key, out string? value, out error))
            {
                errorLine = lineNumber;
                return false;
            }

            int index = lineNumber - 1;
            keys[index] = key;
            values[index] = value;
            if (index > 0 && sorted)
            {
                int order = string.CompareOrdinal(keys[index - 1], key);
                if (order == 0)
                {
                    errorLine = lineNumber;
                    error = DuplicateKey(key, lineNumber - 1);
                    return false;
                }

                sorted = order < 0;
            }
        }

        if (!sorted && !TrySortUnique(keys, values, out errorLine, out error))
        {
            return false;
        }

        map = new MetadataMap(keys, values);
        return true;
    }

    private static bool TryParseLine(ReadOnlySpan<char> line, [NotNullWhen(true)] out string? key, [NotNullWhen(true)] out string? value, out string? error)
    {
        key = null;
        value = null;
        if (line.IsEmpty)
        {
            error = "expected key=\"value\" but the line is empty (blank lines are not allowed)";
            return false;
        }

        int equals = line.IndexOf('=');
        if (equals < 0)
        {
            error = "expected key=\"value\" but found no '='";
            return false;
        }

        if (equals == 0)
        {
            error = "expected key=\"value\" but the key before '=' is empty";
            return false;
        }

        // Label and annotation keys are qualified names (apimachinery IsQualifiedName): letters, digits, '-', '_', '.'
        // and one '/'. Anything else before '=' (a BOM, a space, NUL) was not written by the kubelet.
        int bad = line[..equals].IndexOfAnyExcept(KeyCharacters);
        if (bad >= 0)
        {
            error = $"unexpected {DescribeKeyCharacter(line[bad])} at column {bad + 1} in the key (a label or annotation key has only letters, digits, '-', '_', '.' and '/')";
            return false;
        }

        if (!GoQuote.TryUnquote(line[(equals + 1)..], columnOffset: equals + 1, out value, out error))
        {
            return false;
        }

        key = line[..equals].ToString();
        return true;
    }

    /// <summary>Sorts keys out of kubelet order (a hand-written file) and reports a duplicate at its later line.</summary>
    private static bool TrySortUnique(string[] keys, string[] values, out int errorLine, out string? error)
    {
        errorLine = 0;
        error = null;
        int[] lines = new int[keys.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = i + 1;
        }

        string[] sortedKeys = (string[])keys.Clone();
        Array.Sort(sortedKeys, lines, StringComparer.Ordinal);
        for (int i = 1; i < sortedKeys.Length; i++)
        {
            if (string.Equals(sortedKeys[i - 1], sortedKeys[i], StringComparison.Ordinal))
            {
                int first = Math.Min(lines[i - 1], lines[i]);
                errorLine = Math.Max(lines[i - 1], lines[i]);
                error = DuplicateKey(sortedKeys[i], first);
                return false;
            }
        }

        Array.Sort(keys, values, StringComparer.Ordinal);
        return true;
    }

    private static readonly SearchValues<char> KeyCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./");

    private static string DescribeKeyCharacter(char c) => c switch
    {
        '\ufeff' => "a byte order mark (U+FEFF)",
        ' ' => "a space",
        '\0' => "a NUL character",
        '\t' => "a tab",
        _ when char.IsControl(c) || char.IsWhiteSpace(c) => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    private static string DuplicateKey(string key, int firstLine) =>
        $"duplicate key '{key}' (already on line {firstLine}); expected each key once";
}
