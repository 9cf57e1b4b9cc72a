using System;
using System.Globalization;
using System.Text;

namespace PodBinding.Generators.Emit;

/// <summary>Writes <see cref="YamlNode"/> trees; byte-for-byte deterministic.</summary>
internal static class YamlSerializer
{
    public static void Write(StringBuilder text, YamlNode node, int indent)
    {
        switch (node)
        {
            case YamlMap map:
                WriteMap(text, map, indent, firstLinePrefix: null);
                break;
            case YamlSeq seq:
                WriteSeq(text, seq, indent);
                break;
            case YamlScalar scalar:
                text.Append(' ', indent).Append(Scalar(scalar)).Append('\n');
                break;
        }
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent, string? firstLinePrefix)
    {
        bool first = true;
        foreach (var entry in map.Entries)
        {
            if (first && firstLinePrefix is not null)
            {
                text.Append(firstLinePrefix);
            }
            else
            {
                text.Append(' ', indent);
            }

            first = false;
            text.Append(Key(entry.Key)).Append(':');
            switch (entry.Value)
            {
                case YamlScalar scalar:
                    text.Append(' ').Append(Scalar(scalar)).Append('\n');
                    break;
                case YamlMap { Entries.Count: 0 }:
                    text.Append(" {}\n");
                    break;
                case YamlSeq { Items.Count: 0 }:
                    text.Append(" []\n");
                    break;
                case YamlMap child:
                    text.Append('\n');
                    WriteMap(text, child, indent + 2, firstLinePrefix: null);
                    break;
                case YamlSeq seq:
                    text.Append('\n');
                    WriteSeq(text, seq, indent);
                    break;
            }
        }
    }

    private static void WriteSeq(StringBuilder text, YamlSeq seq, int indent)
    {
        foreach (YamlNode item in seq.Items)
        {
            string dash = Dash(indent);
            switch (item)
            {
                case YamlMap { Entries.Count: > 0 } map:
                    WriteMap(text, map, indent + 2, dash);
                    break;
                case YamlScalar scalar:
                    text.Append(dash).Append(Scalar(scalar)).Append('\n');
                    break;
                default:
                    text.Append(dash).Append(item is YamlSeq ? "[]" : "{}").Append('\n');
                    break;
            }
        }
    }

    private static string Scalar(YamlScalar scalar) => scalar.IsRaw ? scalar.Value : Scalar(scalar.Value);

    private static readonly char[] Digits = { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' };

    private static readonly string[] Dashes = { "- ", "  - ", "    - ", "      - ", "        - ", "          - ", "            - " };

    private static string Dash(int indent) => indent % 2 == 0 && indent / 2 < Dashes.Length ? Dashes[indent / 2] : new string(' ', indent) + "- ";

    private static string Key(string key) => IsPlainSafe(key) ? key : Quote(key);

    /// <summary>A scalar as a plain string when that cannot be misread (as a number, bool, null or syntax), else double-quoted.</summary>
    public static string Scalar(string value) => IsPlainSafe(value) && !LooksTyped(value) ? value : Quote(value);

    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || value[0] is '-' or '.' || value[value.Length - 1] == '.')
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Plain scalars YAML 1.1 or 1.2 would resolve to a bool, null, number or timestamp.</summary>
    /// <remarks>
    /// kubectl and kustomize read YAML with go-yaml, which follows YAML 1.1 here: digits may be grouped with
    /// <c>_</c> (<c>1_000</c> is the int 1000), and <c>2024-01-02</c> is a timestamp that comes out as
    /// <c>2024-01-02T00:00:00Z</c>.
    /// </remarks>
    private static bool LooksTyped(string value)
    {
        // Fast path for most values (metadata.name, POD_NAME): the bool/null words are at most 5 characters, and
        // numbers and dates need a digit (except "Infinity", which .NET parses). Saves two allocations per scalar on
        // the generator's hot path.
        if (value.Length > 5 && value.IndexOfAny(Digits) < 0 && !value.Equals("Infinity", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        switch (value.ToLowerInvariant())
        {
            case "true": case "false": case "yes": case "no": case "on": case "off": case "y": case "n": case "null":
                return true;
        }

        string ungrouped = value.Replace("_", "");
        return double.TryParse(ungrouped, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || (value.Length > 2 && value[0] == '0' && value[1] is 'x' or 'o' or 'X' or 'O' or 'b' or 'B')
            || IsYaml11Date(value);
    }

    /// <summary>YAML 1.1's date form <c>yyyy-m-d</c> (the time part would need a ':', which is never plain here).</summary>
    private static bool IsYaml11Date(string value)
    {
        string[] parts = value.Split('-');
        return parts.Length == 3
            && parts[0].Length == 4 && parts[1].Length is 1 or 2 && parts[2].Length is 1 or 2
            && AllDigits(parts[0]) && AllDigits(parts[1]) && AllDigits(parts[2]);
    }

    private static bool AllDigits(string text)
    {
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                case '\r': text.Append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        text.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
