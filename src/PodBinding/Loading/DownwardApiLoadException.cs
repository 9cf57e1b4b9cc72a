using System.Text;

namespace PodBinding;

/// <summary>
/// Thrown by a generated <c>Load()</c> when one or more required members are missing or malformed. Lists every
/// problem at once, each with where the value was looked for and the YAML that supplies it; nothing is half-loaded.
/// </summary>
public sealed class DownwardApiLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="typeName"/>.</summary>
    public DownwardApiLoadException(string typeName, IReadOnlyList<DownwardApiError> errors)
        : this(typeName, errors, note: null)
    {
    }

    /// <summary>Creates the exception with a closing <paramref name="note"/> about where it read (a simulated pod, outside a cluster).</summary>
    public DownwardApiLoadException(string typeName, IReadOnlyList<DownwardApiError> errors, string? note)
        : base(Describe(typeName, errors, note))
    {
        TypeName = typeName;
        Errors = errors;
    }

    /// <summary>The class that failed to load.</summary>
    public string TypeName { get; }

    /// <summary>Every problem, in member order.</summary>
    public IReadOnlyList<DownwardApiError> Errors { get; }

    private static string Describe(string typeName, IReadOnlyList<DownwardApiError> errors, string? note)
    {
        var text = new StringBuilder();
        text.Append("Could not load ").Append(typeName).Append(" from the Downward API: ")
            .Append(errors.Count).Append(errors.Count == 1 ? " problem." : " problems.");
        foreach (DownwardApiError error in errors)
        {
            text.Append('\n').Append("- ").Append(error.Member).Append(": ").Append(error.Origin).Append(": ").Append(error.Problem);
            if (error.Fix.Length > 0)
            {
                text.Append("\n  Fix: ");
                text.Append(error.Fix.Replace("\n", "\n       ", StringComparison.Ordinal));
            }
        }

        if (note is not null)
        {
            text.Append('\n').Append(note);
        }

        return text.ToString();
    }
}
