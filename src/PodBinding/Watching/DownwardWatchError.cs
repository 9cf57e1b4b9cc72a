namespace PodBinding.Watching;

/// <summary>What went wrong while watching.</summary>
public enum DownwardWatchErrorKind
{
    /// <summary>The volume changed but could not be loaded (the previous value stays current).</summary>
    Reload,

    /// <summary>A change callback threw; the other callbacks still ran and the watcher goes on.</summary>
    Callback,

    /// <summary>File-system events failed or overflowed; polling covers until the watcher is recreated.</summary>
    Events,
}

/// <summary>A problem the watcher survived.</summary>
/// <param name="Kind">What failed.</param>
/// <param name="Exception">The cause.</param>
public sealed record DownwardWatchError(DownwardWatchErrorKind Kind, Exception Exception);
