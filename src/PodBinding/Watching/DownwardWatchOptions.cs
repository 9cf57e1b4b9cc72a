namespace PodBinding.Watching;

/// <summary>How a <see cref="DownwardWatcher{T}"/> notices that the kubelet updated the volume.</summary>
public sealed class DownwardWatchOptions
{
    /// <summary>
    /// How often <c>..data</c> is checked even without file-system events: the fallback when events are unavailable or
    /// lost, and a safety net otherwise. Default 2 s; a check is one <c>readlink</c>.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Watch the volume directory for the <c>..data</c> swap (instant). Default true.</summary>
    public bool UseFileSystemEvents { get; set; } = true;

    /// <summary>Wait this long after the first event of a burst before reloading. Default zero: the version check already coalesces bursts.</summary>
    public TimeSpan DebounceDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long to wait before recreating a file-system watcher that failed. Default 1 s.</summary>
    public TimeSpan WatcherRestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "PollInterval must be positive.");
        }

        if (DebounceDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DebounceDelay), DebounceDelay, "DebounceDelay cannot be negative.");
        }

        if (WatcherRestartDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WatcherRestartDelay), WatcherRestartDelay, "WatcherRestartDelay cannot be negative.");
        }
    }
}
