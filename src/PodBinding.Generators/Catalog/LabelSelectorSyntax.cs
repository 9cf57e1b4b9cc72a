using System;
using System.Collections.Generic;

namespace PodBinding.Generators.Catalog;

/// <summary>
/// The label selector syntax the API server parses for <c>?labelSelector=</c> (apimachinery
/// <c>pkg/labels/selector.go</c>, <c>Parse</c>): comma-separated requirements <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
/// <c>k in (a,b)</c>, <c>k notin (a)</c>, <c>k</c> and <c>!k</c>; keys are qualified names, values label values.
/// </summary>
internal static class LabelSelectorSyntax
{
    public static bool IsValid(string selector, out string error)
    {
        error = "";
        if (selector.Trim().Length == 0)
        {
            error = "it is empty, which selects every pod in the namespace; name labels, such as app=orders";
            return false;
        }

        foreach (string requirement in SplitRequirements(selector))
        {
            if (!IsValidRequirement(requirement.Trim(), out error))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidRequirement(string text, out string error)
    {
        error = "";
        if (text.Length == 0)
        {
            error = "it has an empty requirement between commas";
            return false;
        }

        if (text[0] == '!')
        {
            return IsKey(text.Substring(1).Trim(), out error);
        }

        foreach (string op in new[] { " notin ", " in " })
        {
            int at = text.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                string set = text.Substring(at + op.Length).Trim();
                if (set.Length < 2 || set[0] != '(' || set[set.Length - 1] != ')')
                {
                    error = $"'{text}' needs its values in parentheses, such as tier{op}(web,api)";
                    return false;
                }

                if (!IsKey(text.Substring(0, at).Trim(), out error))
                {
                    return false;
                }

                foreach (string value in set.Substring(1, set.Length - 2).Split(','))
                {
                    if (!IsValue(value.Trim(), out error))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        foreach (string op in new[] { "!=", "==", "=" })
        {
            int at = text.IndexOf(op, StringComparison.Ordinal);
            if (at >= 0)
            {
                if (at == 0)
                {
                    error = $"'{text}' has no label key before '{op}'";
                    return false;
                }

                return IsKey(text.Substring(0, at).Trim(), out error) && IsValue(text.Substring(at + op.Length).Trim(), out error);
            }
        }

        return IsKey(text, out error);
    }

    private static bool IsKey(string key, out string error)
    {
        if (!FieldPathSyntax.IsQualifiedName(key, out string why))
        {
            error = $"the label key '{key}' is not valid: {why}";
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>apimachinery's <c>IsValidLabelValue</c>: empty, or at most 63 of [A-Za-z0-9-_.] starting and ending alphanumeric.</summary>
    private static bool IsValue(string value, out string error)
    {
        error = "";
        if (value.Length == 0)
        {
            return true;
        }

        bool ok = value.Length <= 63 && IsAlphanumeric(value[0]) && IsAlphanumeric(value[value.Length - 1]);
        foreach (char c in value)
        {
            ok &= IsAlphanumeric(c) || c is '-' or '_' or '.';
        }

        if (!ok)
        {
            error = $"the label value '{value}' is not valid (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)";
        }

        return ok;
    }

    /// <summary>Splits on commas outside parentheses.</summary>
    private static IEnumerable<string> SplitRequirements(string selector)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < selector.Length; i++)
        {
            if (selector[i] == '(')
            {
                depth++;
            }
            else if (selector[i] == ')')
            {
                depth--;
            }
            else if (selector[i] == ',' && depth == 0)
            {
                yield return selector.Substring(start, i - start);
                start = i + 1;
            }
        }

        yield return selector.Substring(start);
    }

    private static bool IsAlphanumeric(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';
}
