using System.Text;

namespace PodBinding.Generators.Catalog;

/// <summary>The names and paths Kubernetes validates: env var names, DNS names, volume item paths and mount paths.</summary>
internal static class NameRules
{
    /// <summary>apimachinery's strict <c>IsEnvVarName</c>: <c>[-._a-zA-Z][-._a-zA-Z0-9]*</c>, not <c>.</c>, <c>..</c> or <c>..*</c>.</summary>
    public static bool IsStrictEnvVarName(string name)
    {
        if (name.Length == 0 || name == "." || name.StartsWith("..", System.StringComparison.Ordinal))
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '-' or '.' or '_' || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>IsRelaxedEnvVarName</c> (GA 1.34): printable ASCII, no <c>=</c>. Older clusters reject these names.</summary>
    public static bool IsRelaxedEnvVarName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c < 0x20 || c > 0x7E || c == '=')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Validates an item path as the API server and the kubelet's AtomicWriter both would, and returns it cleaned
    /// (<c>./a</c> → <c>a</c>, <c>a//b</c> → <c>a/b</c>).
    /// </summary>
    public static bool TryCleanItemPath(string path, out string cleaned, out string error)
    {
        cleaned = path;
        error = "";
        if (path.Length == 0)
        {
            error = "an item path must not be empty";
            return false;
        }

        if (path[0] == '/')
        {
            error = $"'{path}' is absolute; item paths are relative to the volume";
            return false;
        }

        if (path.StartsWith("..", System.StringComparison.Ordinal) && !path.StartsWith("../", System.StringComparison.Ordinal) && path != "..")
        {
            error = $"'{path}' starts with '..', which the kubelet reserves for its own '..data' entries";
            return false;
        }

        if (Encoding.UTF8.GetByteCount(path) > 4096)
        {
            error = $"'{path}' is longer than the kubelet's 4096-byte limit";
            return false;
        }

        var parts = new System.Collections.Generic.List<string>();
        foreach (string part in path.Split('/'))
        {
            if (part == "..")
            {
                error = $"'{path}' contains a '..' element";
                return false;
            }

            if (Encoding.UTF8.GetByteCount(part) > 255)
            {
                error = $"'{path}' has an element longer than the kubelet's 255-byte limit";
                return false;
            }

            if (part.Length > 0 && part != ".")
            {
                parts.Add(part);
            }
        }

        if (parts.Count == 0)
        {
            error = $"'{path}' names the volume directory itself; give the file a name";
            return false;
        }

        cleaned = string.Join("/", parts);
        return true;
    }

    /// <summary>
    /// apimachinery's <c>IsDNS1123Subdomain</c> (<c>pkg/util/validation/validation.go</c>): at most 253 characters of
    /// dot-separated parts, each made of lower-case letters, digits and '-' and starting and ending with a letter or
    /// digit. Unlike a DNS-1123 label, a part has no length limit of its own.
    /// </summary>
    public static bool IsDns1123Subdomain(string value)
    {
        if (value.Length is 0 or > 253)
        {
            return false;
        }

        foreach (string part in value.Split('.'))
        {
            if (!IsLabelShaped(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>apimachinery's <c>IsDNS1123Label</c> (same file): at most 63 characters; container and volume names.</summary>
    public static bool IsDns1123Label(string value) => value.Length <= 63 && IsLabelShaped(value);

    /// <summary>Non-empty; lower-case letters, digits and '-'; starts and ends with a letter or digit.</summary>
    private static bool IsLabelShaped(string value)
    {
        if (value.Length == 0 || !IsLowerAlphanumeric(value[0]) || !IsLowerAlphanumeric(value[value.Length - 1]))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!IsLowerAlphanumeric(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A mount path PodBinding accepts: absolute, below '/', without '..' elements (the kubelet refuses to mount over
    /// '/' or outside the container's root).
    /// </summary>
    public static bool IsUsableMountPath(string mountPath) =>
        mountPath.Length >= 2 && mountPath[0] == '/' && System.Array.IndexOf(mountPath.Split('/'), "..") < 0;

    /// <summary>
    /// Whether two cleaned item paths of one volume cannot both exist: the same path, or one is a directory of the
    /// other (the AtomicWriter cannot make <c>a</c> both a file and a directory).
    /// </summary>
    public static bool ItemPathsClash(string a, string b) =>
        a == b || a.StartsWith(b + "/", System.StringComparison.Ordinal) || b.StartsWith(a + "/", System.StringComparison.Ordinal);

    private static bool IsLowerAlphanumeric(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}
