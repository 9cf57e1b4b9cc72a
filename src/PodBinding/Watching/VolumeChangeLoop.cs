namespace PodBinding.Watching;

/// <summary>
/// The trigger behind every watcher: file-system events on the volume directory (the kubelet's <c>..data</c> rename,
/// docs/kubernetes-rules.md) plus a poll every <see cref="DownwardWatchOptions.PollInterval"/>, driving one background loop that calls
/// <c>check</c>. Lost or failed events fall back to polling, and the event watcher is recreated after a pause.
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

            if (_options.UseFileSystemEvents && Volatile.Read(ref _events) is null && DateTime.UtcNow >= _nextEventsAttempt)
            {
                TryStartEvents();
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

    private void TryStartEvents()
    {
        try
        {
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
                return;
            }

            Volatile.Write(ref _events, events);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            _nextEventsAttempt = DateTime.UtcNow + _options.WatcherRestartDelay;
            _report(new DownwardWatchError(DownwardWatchErrorKind.Events, e));
        }
    }

    private void OnEvent(object sender, FileSystemEventArgs e) => _signal.Release();

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
