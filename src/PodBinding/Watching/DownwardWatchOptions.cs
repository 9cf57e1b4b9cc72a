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

    /// <summary>The longest wait a timer takes (<see cref="int.MaxValue"/> milliseconds, about 24.8 days).</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>Rejects any value the loop's waits (<c>SemaphoreSlim.WaitAsync</c>, <c>Task.Delay</c>) would refuse later.</summary>
    internal void Validate()
    {
        Check(PollInterval, nameof(PollInterval), allowZero: false);
        Check(DebounceDelay, nameof(DebounceDelay), allowZero: true);
        Check(WatcherRestartDelay, nameof(WatcherRestartDelay), allowZero: true);
    }

    private static void Check(TimeSpan value, string name, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero) || value > MaxWait)
        {
            string lower = allowZero ? "0" : "more than 0";
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {lower} and at most {MaxWait} (the longest wait a timer takes); it was {value}.");
        }
    }
}
