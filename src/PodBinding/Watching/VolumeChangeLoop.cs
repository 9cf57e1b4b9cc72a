using PodBinding.Volumes;

namespace PodBinding.Watching;

/// <summary>
/// The trigger behind every watcher: file-system events on the volume directory (the kubelet's <c>..data</c> rename,
/// docs/kubernetes-rules.md) plus a poll every <see cref="DownwardWatchOptions.PollInterval"/>, driving one background loop that calls
/// <c>check</c>. Lost or failed events fall back to polling, and the event watcher is recreated after a pause. Every
/// pass also checks that the directory is still the one the events watch (device and inode): an inotify watch stays on
/// a removed directory, so a volume directory removed and created again would otherwise never raise an event again.
/// </summary>
public sealed class VolumeChangeLoop : IDisposable
{
    private readonly string _directory;
    private readonly DownwardWatchOptions _options;
    private readonly Action _check;
    private readonly Action<DownwardWatchError> _report;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private FileSystemWatcher? _events;
    private PinnedDirectory? _watched;
    private bool _directoryGone;
    private bool _startFailureReported;
    private long _eventSignals;
    private DateTime _nextEventsAttempt;
    private int _disposed;

    [ThreadStatic]
    private static bool t_onLoop;

    /// <summary>Starts watching <paramref name="directory"/>; <paramref name="check"/> runs on the loop after each trigger.</summary>
    public VolumeChangeLoop(string directory, DownwardWatchOptions options, Action check, Action<DownwardWatchError> report)
    {
        options.Validate();
        _directory = directory;
        _options = options;
        _check = check;
        _report = report;
        if (options.UseFileSystemEvents)
        {
            TryStartEvents();
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Whether file-system events are active (false: polling only).</summary>
    public bool UsesFileSystemEvents => Volatile.Read(ref _events) is not null;

    /// <summary>How many file-system events arrived: tells a test that a change came through events, not the poll.</summary>
    internal long EventSignals => Interlocked.Read(ref _eventSignals);

    /// <summary>Whether the background loop is still running.</summary>
    internal bool IsRunning => !_loop.IsCompleted;

    /// <summary>Test hook: behaves as if the file-system watcher reported an error (overflow, dead watch).</summary>
    internal void SimulateEventsError(Exception error)
    {
        if (Volatile.Read(ref _events) is { } events)
        {
            OnEventsError(events, new ErrorEventArgs(error));
        }
    }

    /// <summary>Asks for a check as an event would.</summary>
    public void Trigger() => _signal.Release();

    /// <summary>Stops the loop; waits for it unless called from inside <c>check</c>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        Interlocked.Exchange(ref _events, null)?.Dispose();
        Interlocked.Exchange(ref _watched, null)?.Dispose();
        if (!t_onLoop)
        {
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // The loop reports its own failures through the error callback; disposing never throws.
            }
        }
    }

    private async Task RunAsync()
    {
        CancellationToken stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(_options.PollInterval, stop).ConfigureAwait(false);
                if (_options.DebounceDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.DebounceDelay, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            while (_signal.Wait(0))
            {
                // Coalesce the burst of events one kubelet update produces: one check covers them all.
            }

            if (_options.UseFileSystemEvents)
            {
                CheckDirectoryIdentity();
                if (Volatile.Read(ref _events) is null && DateTime.UtcNow >= _nextEventsAttempt)
                {
                    TryStartEvents();
                }
            }

            t_onLoop = true;
            try
            {
                _check();
            }
            catch (Exception e)
            {
                _report(new DownwardWatchError(DownwardWatchErrorKind.Reload, e));
            }
            finally
            {
                t_onLoop = false;
            }
        }
    }

    /// <summary>
    /// Drops the event watcher when the directory it watches is gone or was replaced (one statx): polling covers while
    /// it is gone, and the watcher is armed again on the new directory, each reported once through the error callback.
    /// </summary>
    private void CheckDirectoryIdentity()
    {
        if (Volatile.Read(ref _events) is not { } events || _watched is not { } watched || !watched.IsReplacedAt(_directory, out bool gone))
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _events, null, events) == events)
        {
            events.Dispose();
        }

        Interlocked.Exchange(ref _watched, null)?.Dispose(); // lets the old directory go
        _nextEventsAttempt = DateTime.MinValue;
        _startFailureReported = true; // the report below covers a failed re-arm too
        if (gone)
        {
            _directoryGone = true;
            _report(new DownwardWatchError(DownwardWatchErrorKind.Events, new DirectoryNotFoundException(
                $"The volume directory {_directory} was removed; its file-system events are gone. Polling every " +
                $"{_options.PollInterval} covers until it exists again, then events are re-armed on the new directory.")));
            return;
        }

        TryStartEvents();
        string outcome = Volatile.Read(ref _events) is null ? "could not be re-armed yet: polling covers." : "re-armed on the new one.";
        _report(new DownwardWatchError(DownwardWatchErrorKind.Events, new IOException(
            $"The volume directory {_directory} was removed and created again (a new directory at the same path, as a " +
            $"remount makes); the file-system events on the old one were dropped and {outcome}")));
    }

    private void TryStartEvents()
    {
        PinnedDirectory? pinned = null;
        try
        {
            // Pinned first: if the directory is replaced right after, the next pass sees a mismatch and re-arms;
            // pinned after the watcher, a replacement in between would never be noticed.
            pinned = PinnedDirectory.Open(_directory);
            var events = new FileSystemWatcher(_directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName,
                IncludeSubdirectories = false,
            };
            events.Created += OnEvent;
            events.Deleted += OnEvent;
            events.Renamed += OnEvent;
            events.Error += OnEventsError;
            events.EnableRaisingEvents = true;
            if (Volatile.Read(ref _disposed) != 0)
            {
                events.Dispose();
                pinned.Dispose();
                return;
            }

            Interlocked.Exchange(ref _watched, pinned)?.Dispose();
            Volatile.Write(ref _events, events);
            _startFailureReported = false;
            if (_directoryGone)
            {
                _directoryGone = false;
                _report(new DownwardWatchError(DownwardWatchErrorKind.Events, new IOException(
                    $"The volume directory {_directory} exists again (a new directory); file-system events were re-armed on it.")));
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            pinned?.Dispose();
            _nextEventsAttempt = DateTime.UtcNow + _options.WatcherRestartDelay;

            // Reported once per outage: retrying every WatcherRestartDelay must not repeat the same error.
            if (!_startFailureReported)
            {
                _startFailureReported = true;
                _report(new DownwardWatchError(DownwardWatchErrorKind.Events, e));
            }
        }
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        Interlocked.Increment(ref _eventSignals);
        _signal.Release();
    }

    private void OnEventsError(object sender, ErrorEventArgs e)
    {
        // Overflow or a dead watch: drop it, let polling cover, recreate it after a pause, and check right away.
        if (Interlocked.CompareExchange(ref _events, null, (FileSystemWatcher)sender) == sender)
        {
            ((FileSystemWatcher)sender).Dispose();
            _nextEventsAttempt = DateTime.UtcNow + _options.WatcherRestartDelay;
        }

        _report(new DownwardWatchError(DownwardWatchErrorKind.Events, e.GetException()));
        _signal.Release();
    }
}
