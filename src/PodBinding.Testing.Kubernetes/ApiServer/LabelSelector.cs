namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>
/// A parsed <c>labelSelector</c> with the grammar of apimachinery <c>pkg/labels/selector.go</c> (<c>Parse</c>):
/// requirements separated by commas, each <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>,
/// <c>k notin (a,b)</c>, <c>k</c> (exists) or <c>!k</c> (does not exist). All requirements must hold.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IDictionary<string, string>?, bool>> _requirements;

    private LabelSelector(List<Func<IDictionary<string, string>?, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new(new());

    public bool Matches(IDictionary<string, string>? labels) => _requirements.All(r => r(labels));

    /// <exception cref="FormatException">The selector does not parse; the message is the one the API server gives.</exception>
    public static LabelSelector Parse(string? text)
    {
        var requirements = new List<Func<IDictionary<string, string>?, bool>>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new LabelSelector(requirements);
        }

        foreach (string raw in SplitOutsideParentheses(text))
        {
            string part = raw.Trim();
            if (part.Length == 0)
            {
                throw new FormatException($"unable to parse requirement: found '', expected: identifier in \"{text}\"");
            }

            requirements.Add(ParseRequirement(part, text));
        }

        return new LabelSelector(requirements);
    }

    private static Func<IDictionary<string, string>?, bool> ParseRequirement(string part, string whole)
    {
        if (part.StartsWith('!'))
        {
            string key = Key(part[1..], whole);
            return labels => labels is null || !labels.ContainsKey(key);
        }

        int notEqual = part.IndexOf("!=", StringComparison.Ordinal);
        if (notEqual > 0)
        {
            string key = Key(part[..notEqual], whole);
            string value = Value(part[(notEqual + 2)..], whole);
            return labels => labels is null || !labels.TryGetValue(key, out string? actual) || actual != value;
        }

        int equal = part.IndexOf('=');
        if (equal > 0)
        {
            int valueStart = part.Length > equal + 1 && part[equal + 1] == '=' ? equal + 2 : equal + 1;
            string key = Key(part[..equal], whole);
            string value = Value(part[valueStart..], whole);
            return labels => labels is not null && labels.TryGetValue(key, out string? actual) && actual == value;
        }

        string[] words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2)
        {
            string key = Key(words[0], whole);
            string rest = words[1];
            bool notIn = rest.StartsWith("notin", StringComparison.Ordinal);
            bool isIn = !notIn && rest.StartsWith("in", StringComparison.Ordinal);
            string list = rest[(notIn ? 5 : isIn ? 2 : 0)..].Trim();
            if ((!isIn && !notIn) || !list.StartsWith('(') || !list.EndsWith(')'))
            {
                throw new FormatException($"unable to parse requirement: found '{rest}', expected: in, notin, =, ==, !=, gt, lt in \"{whole}\"");
            }

            var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries).Select(v => Value(v, whole)).ToHashSet(StringComparer.Ordinal);
            if (values.Count == 0 || (values.Count == 1 && values.Contains("")))
            {
                throw new FormatException($"for 'in', 'notin' operators, values set can't be empty in \"{whole}\"");
            }

            return isIn
                ? labels => labels is not null && labels.TryGetValue(key, out string? actual) && values.Contains(actual)
                : labels => labels is null || !labels.TryGetValue(key, out string? actual) || !values.Contains(actual);
        }

        string existsKey = Key(part, whole);
        return labels => labels is not null && labels.ContainsKey(existsKey);
    }

    private static string Key(string key, string whole)
    {
        key = key.Trim();
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw new FormatException($"unable to parse requirement: invalid label key \"{key}\" in \"{whole}\"");
        }

        return key;
    }

    private static string Value(string value, string whole)
    {
        value = value.Trim();
        if (value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new FormatException($"unable to parse requirement: invalid label value \"{value}\" in \"{whole}\"");
        }

        return value;
    }

    private static IEnumerable<string> SplitOutsideParentheses(string text)
    {
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth--;
            }
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
