namespace PodBinding.Kubernetes;

/// <summary>
/// A failure reaching or using the API server, described so a user can act on it: what failed, where (endpoint,
/// file, environment variable) and the command or YAML that fixes it. Never contains the token.
/// </summary>
public sealed class KubernetesConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubernetesConnectionException(KubernetesConnectionErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What kind of failure this is.</summary>
    public KubernetesConnectionErrorKind Kind { get; }

    /// <summary>The HTTP status the server answered with, when there was one.</summary>
    public int? StatusCode { get; init; }
}
