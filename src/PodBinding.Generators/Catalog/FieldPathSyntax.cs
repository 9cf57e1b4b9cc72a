using System;

namespace PodBinding.Generators.Catalog;

/// <summary>Subscripted field paths and the key rules for labels and annotations (docs/kubernetes-rules.md).</summary>
internal static class FieldPathSyntax
{
    /// <summary>
    /// Go's <c>SplitMaybeSubscriptedPath</c>: subscripted only if the path ends with <c>']</c>, contains <c>['</c> before
    /// that, and the base before the first <c>['</c> is non-empty. No unescaping, no trimming.
    /// </summary>
    public static bool TrySplitSubscript(string path, out string basePath, out string key)
    {
        basePath = path;
        key = "";
        if (!path.EndsWith("']", StringComparison.Ordinal))
        {
            return false;
        }

        string trimmed = path.Substring(0, path.Length - 2);
        int open = trimmed.IndexOf("['", StringComparison.Ordinal);
        if (open <= 0)
        {
            return false;
        }

        basePath = trimmed.Substring(0, open);
        key = trimmed.Substring(open + 2);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="key"/> is a valid subscript for <paramref name="basePath"/>. Labels are checked as written;
    /// annotations lower-cased first (the lookup itself stays case-sensitive).
    /// </summary>
    public static bool IsValidKey(string basePath, string key, out string error)
    {
        string checkedKey = basePath == FieldCatalog.Annotations ? key.ToLowerInvariant() : key;
        return IsQualifiedName(checkedKey, out error);
    }

    /// <summary>apimachinery's <c>IsQualifiedName</c>: <c>[prefix/]name</c>.</summary>
    public static bool IsQualifiedName(string value, out string error)
    {
        error = "";
        string[] parts = value.Split('/');
        string name;
        if (parts.Length == 1)
        {
            name = parts[0];
        }
        else if (parts.Length == 2)
        {
            string prefix = parts[0];
            if (prefix.Length == 0)
            {
                error = "the prefix before '/' must not be empty";
                return false;
            }

            if (!NameRules.IsDns1123Subdomain(prefix))
            {
                error = $"the prefix '{prefix}' must be a lower-case DNS subdomain (a-z, 0-9, '-', '.'; at most 253 characters)";
                return false;
            }

            name = parts[1];
        }
        else
        {
            error = "a key has at most one '/' (prefix/name)";
            return false;
        }

        if (name.Length == 0)
        {
            error = "the name part must not be empty";
            return false;
        }

        if (name.Length > 63)
        {
            error = $"the name part is {name.Length} characters long; at most 63 are allowed";
            return false;
        }

        if (!IsAlphanumeric(name[0]) || !IsAlphanumeric(name[name.Length - 1]))
        {
            error = $"the name part '{name}' must start and end with a letter or digit";
            return false;
        }

        foreach (char c in name)
        {
            if (!IsAlphanumeric(c) && c is not ('-' or '_' or '.'))
            {
                error = $"the name part '{name}' may contain only letters, digits, '-', '_' and '.'";
                return false;
            }
        }

        return true;
    }

    private static bool IsAlphanumeric(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';
}
