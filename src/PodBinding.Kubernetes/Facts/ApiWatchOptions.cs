namespace PodBinding.Kubernetes.Facts;

/// <summary>How the fact watches reconnect, and whether the start-up self-check runs.</summary>
public sealed class ApiWatchOptions
{
    /// <summary>The first wait after a failed watch or read; doubles (with ±20 % jitter) up to <see cref="MaxBackoff"/>. Default 0.8 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The longest wait between attempts. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A watch stream that delivers no byte (events and bookmarks count) for this long is treated as dead and reopened.
    /// The API server sends a bookmark about once a minute when asked (<c>allowWatchBookmarks</c>). Default 3 min.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The <c>timeoutSeconds</c> asked of the server, chosen at random between this and twice this. Default 5 min.</summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Before the first read, send one SelfSubjectAccessReview per needed verb and fail with the missing rules. Default true.</summary>
    public bool SelfCheck { get; set; } = true;

    internal void Validate()
    {
        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff || IdleTimeout <= TimeSpan.Zero || ServerTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(InitialBackoff),
                "ApiWatchOptions: InitialBackoff and IdleTimeout must be positive, MaxBackoff at least InitialBackoff, ServerTimeout at least 1 s.");
        }
    }
}
