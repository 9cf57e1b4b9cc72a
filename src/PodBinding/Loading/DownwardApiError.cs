namespace PodBinding;

/// <summary>One member that could not be loaded.</summary>
/// <param name="Member">The C# property.</param>
/// <param name="Origin">Where the value was looked for: <c>env var POD_NAME</c>, <c>file /etc/podinfo/labels line 3</c>.</param>
/// <param name="Problem">What was wrong.</param>
/// <param name="Fix">What supplies the value: usually the pod YAML to add.</param>
public sealed record DownwardApiError(string Member, string Origin, string Problem, string Fix)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Member}: {Origin}: {Problem}";
}
