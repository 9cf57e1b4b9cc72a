using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace PodBinding.Formats;

/// <summary>
/// Go's <c>strconv.Quote</c> and its inverse, as the kubelet uses them for label and annotation values
/// (docs/kubernetes-rules.md: escapes, printable code points, <c>\xHH</c> bytes).
/// </summary>
/// <remarks>
/// "Printable" follows the Unicode tables of the running .NET, which may be newer than those of the Go toolchain that
/// built the kubelet: a code point assigned after that Go's Unicode version is escaped by the kubelet but written raw
/// here (docs/kubernetes-rules.md item 5). Reading back is unaffected: both forms decode to the same text.
/// </remarks>
public static class GoQuote
{
    private const string HexDigits = "0123456789abcdef";

    /// <summary>
    /// What ends a run of plain text inside quotes: an escape, a quote, or a control character. Go's quoting escapes
    /// every control character, so a raw one (NUL, tab, line break) means the file was not written by the kubelet.
    /// </summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "\\\"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");

    // Worst cases: a UTF-16 char becomes at most 6 chars (\uHHHH; a surrogate pair becomes 10 = \UHHHHHHHH), and a
    // byte at most 4 (\xHH).
    private const int MaxCharsPerChar = 6;
    private const int MaxCharsPerByte = 4;
    private const int StackLimit = 256;

    /// <summary>Quotes <paramref name="value"/> exactly as Go's <c>strconv.Quote</c> quotes its UTF-8 bytes.</summary>
    /// <remarks>A lone surrogate has no UTF-8 form; like <see cref="Encoding.UTF8"/>, it is treated as U+FFFD.</remarks>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!NeedsEscaping(value))
        {
            return string.Concat("\"", value, "\"");
        }

        int capacity = checked((value.Length * MaxCharsPerChar) + 2);
        char[]? rented = null;
        Span<char> buffer = capacity <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        int written = 0;
        buffer[written++] = '"';
        ReadOnlySpan<char> rest = value;
        while (!rest.IsEmpty)
        {
            // Invalid UTF-16 (a lone surrogate) decodes as U+FFFD, which is printable: the same as encoding first.
            Rune.DecodeFromUtf16(rest, out Rune rune, out int consumed);
            written += AppendRune(buffer[written..], rune);
            rest = rest[consumed..];
        }

        buffer[written++] = '"';
        string result = new(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    /// <summary>Quotes raw bytes; invalid UTF-8 bytes become <c>\xHH</c>.</summary>
    public static string Quote(ReadOnlySpan<byte> utf8)
    {
        int capacity = checked((utf8.Length * MaxCharsPerByte) + 2);
        char[]? rented = null;
        Span<char> buffer = capacity <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        int written = 0;
        buffer[written++] = '"';
        ReadOnlySpan<byte> rest = utf8;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(rest, out Rune rune, out _) != OperationStatus.Done)
            {
                // Go decodes an invalid sequence as RuneError of width 1: one \xHH, then resynchronise at the next
                // byte (docs/kubernetes-rules.md item 1). .NET may report a longer maximal invalid subsequence; we only take one.
                written += AppendHexByte(buffer[written..], 'x', rest[0]);
                rest = rest[1..];
                continue;
            }

            written += AppendRune(buffer[written..], rune);
            rest = rest[rune.Utf8SequenceLength..];
        }

        buffer[written++] = '"';
        string result = new(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    /// <summary>Decodes a Go-quoted string (with its surrounding double quotes).</summary>
    /// <returns><see langword="false"/> with a message in <paramref name="error"/> when the text is not valid Go-quoted output.</returns>
    public static bool TryUnquote(ReadOnlySpan<char> quoted, [NotNullWhen(true)] out string? value, out string? error)
        => TryUnquote(quoted, columnOffset: 0, out value, out error);

    /// <summary>
    /// As <see cref="TryUnquote(ReadOnlySpan{char}, out string?, out string?)"/>, with error columns shifted by
    /// <paramref name="columnOffset"/> so that they count from the start of the caller's line.
    /// </summary>
    internal static bool TryUnquote(ReadOnlySpan<char> quoted, int columnOffset, [NotNullWhen(true)] out string? value, out string? error)
    {
        value = null;
        if (!TryCheckQuotes(quoted, columnOffset, out error))
        {
            return false;
        }

        ReadOnlySpan<char> body = quoted[1..^1];
        int special = body.IndexOfAny(Special);
        if (special < 0)
        {
            // Hot path: label values and most annotations need no escapes at all.
            value = body.ToString();
            return true;
        }

        if (body[special] != '\\')
        {
            error = Unexpected(body[special], columnOffset + 2 + special);
            return false;
        }

        // Escapes can produce bytes (\xHH) that only form text together (docs/kubernetes-rules.md item 6), so decode to UTF-8 bytes
        // and turn the whole buffer into a string at the end.
        int capacity = Encoding.UTF8.GetMaxByteCount(body.Length);
        byte[]? rented = null;
        Span<byte> bytes = capacity <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(capacity));
        try
        {
            if (!TryUnescape(body, columnOffset + 2, bytes, out int length, out error))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(bytes[..length]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Decodes a Go-quoted string to the exact bytes Go's <c>strconv.Unquote</c> would give.</summary>
    internal static bool TryUnquoteToBytes(ReadOnlySpan<char> quoted, [NotNullWhen(true)] out byte[]? value, out string? error)
    {
        value = null;
        if (!TryCheckQuotes(quoted, 0, out error))
        {
            return false;
        }

        ReadOnlySpan<char> body = quoted[1..^1];
        byte[] buffer = new byte[Encoding.UTF8.GetMaxByteCount(body.Length)];
        if (!TryUnescape(body, 2, buffer, out int length, out error))
        {
            return false;
        }

        value = buffer.AsSpan(0, length).ToArray();
        return true;
    }

    /// <summary>Whether Go's <c>strconv.IsPrint</c> holds: categories L, M, N, P, S, or U+0020 (docs/kubernetes-rules.md item 3).</summary>
    internal static bool IsPrint(Rune rune)
    {
        if (rune.IsAscii)
        {
            return rune.Value is >= 0x20 and < 0x7F;
        }

        UnicodeCategory category = Rune.GetUnicodeCategory(rune);
        return category <= UnicodeCategory.OtherNumber
            || category is >= UnicodeCategory.ConnectorPunctuation and <= UnicodeCategory.OtherSymbol;
    }

    private static bool NeedsEscaping(string value)
    {
        foreach (char c in value)
        {
            if (c is < ' ' or > '~' or '"' or '\\')
            {
                return true;
            }
        }

        return false;
    }

    private static int AppendRune(Span<char> buffer, Rune rune)
    {
        int v = rune.Value;
        if (v is '"' or '\\')
        {
            buffer[0] = '\\';
            buffer[1] = (char)v;
            return 2;
        }

        if (IsPrint(rune))
        {
            return rune.EncodeToUtf16(buffer);
        }

        char named = v switch
        {
            0x07 => 'a',
            0x08 => 'b',
            0x0C => 'f',
            0x0A => 'n',
            0x0D => 'r',
            0x09 => 't',
            0x0B => 'v',
            _ => '\0',
        };
        if (named != '\0')
        {
            buffer[0] = '\\';
            buffer[1] = named;
            return 2;
        }

        if (v is < 0x20 or 0x7F)
        {
            return AppendHexByte(buffer, 'x', (byte)v);
        }

        if (v <= 0xFFFF)
        {
            buffer[0] = '\\';
            buffer[1] = 'u';
            WriteHex(buffer.Slice(2, 4), v);
            return 6;
        }

        buffer[0] = '\\';
        buffer[1] = 'U';
        WriteHex(buffer.Slice(2, 8), v);
        return 10;
    }

    private static int AppendHexByte(Span<char> buffer, char kind, byte b)
    {
        buffer[0] = '\\';
        buffer[1] = kind;
        buffer[2] = HexDigits[b >> 4];
        buffer[3] = HexDigits[b & 0xF];
        return 4;
    }

    private static void WriteHex(Span<char> digits, int value)
    {
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = HexDigits[value & 0xF];
            value >>= 4;
        }
    }

    private static bool TryCheckQuotes(ReadOnlySpan<char> quoted, int columnOffset, out string? error)
    {
        error = null;
        if (quoted.IsEmpty || quoted[0] != '"')
        {
            error = quoted.IsEmpty
                ? $"expected a double-quoted value at column {columnOffset + 1} but found nothing"
                : $"expected a double-quoted value at column {columnOffset + 1} but found {Describe(quoted[0])}";
            return false;
        }

        // A closing quote must be the last character and must not be escaped: count the backslashes before it.
        if (quoted.Length < 2 || quoted[^1] != '"' || EndsWithEscapedQuote(quoted))
        {
            error = $"missing closing quote (the value starting at column {columnOffset + 1} must end with an unescaped '\"')";
            return false;
        }

        return true;
    }

    private static bool EndsWithEscapedQuote(ReadOnlySpan<char> quoted)
    {
        int backslashes = 0;
        for (int i = quoted.Length - 2; i >= 1 && quoted[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static bool TryUnescape(ReadOnlySpan<char> body, int firstColumn, Span<byte> output, out int length, out string? error)
    {
        length = 0;
        error = null;
        int i = 0;
        while (i < body.Length)
        {
            char c = body[i];
            if (c != '\\')
            {
                if (Special.Contains(c))
                {
                    error = Unexpected(c, firstColumn + i);
                    return false;
                }

                // Copy a run of plain text at once.
                int run = body[i..].IndexOfAny(Special);
                ReadOnlySpan<char> plain = run < 0 ? body[i..] : body.Slice(i, run);
                length += Encoding.UTF8.GetBytes(plain, output[length..]);
                i += plain.Length;
                continue;
            }

            int column = firstColumn + i;
            if (i + 1 >= body.Length)
            {
                error = $"incomplete escape '\\' at column {column}";
                return false;
            }

            char kind = body[i + 1];
            byte simple = kind switch
            {
                'a' => 0x07,
                'b' => 0x08,
                'f' => 0x0C,
                'n' => 0x0A,
                'r' => 0x0D,
                't' => 0x09,
                'v' => 0x0B,
                '\\' => (byte)'\\',
                '"' => (byte)'"',
                _ => 0,
            };
            if (simple != 0)
            {
                output[length++] = simple;
                i += 2;
                continue;
            }

            int digits = kind switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
            if (digits == 0)
            {
                error = $"unknown escape \\{Printable(kind)} at column {column} (Go-quoted values use \\a \\b \\f \\n \\r \\t \\v \\\\ \\\" \\xHH \\uHHHH \\UHHHHHHHH)";
                return false;
            }

            if (i + 2 + digits > body.Length || !TryParseHex(body.Slice(i + 2, digits), out uint code))
            {
                error = $"\\{kind} at column {column} must be followed by {digits} hex digits";
                return false;
            }

            if (kind == 'x')
            {
                output[length++] = (byte)code;
            }
            else if (Rune.TryCreate(code, out Rune rune))
            {
                length += rune.EncodeToUtf8(output[length..]);
            }
            else
            {
                error = $"\\{kind}{body.Slice(i + 2, digits).ToString()} at column {column} is not a Unicode scalar value (surrogates and values above 10ffff are invalid)";
                return false;
            }

            i += 2 + digits;
        }

        return true;
    }

    private static bool TryParseHex(ReadOnlySpan<char> digits, out uint value)
    {
        value = 0;
        foreach (char c in digits)
        {
            int d = HexValue(c);
            if (d < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)d;
        }

        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string Unexpected(char c, int column) => c == '"'
        ? $"unescaped '\"' at column {column} (inside a value it must be written \\\")"
        : $"unexpected {Describe(c)} at column {column}";

    private static string Describe(char c) => c switch
    {
        '\n' => "a line break",
        '"' => "'\"'",
        _ => $"'{Printable(c)}'",
    };

    private static string Printable(char c) => c is >= ' ' and <= '~' ? c.ToString() : $"U+{(int)c:X4}";
}
