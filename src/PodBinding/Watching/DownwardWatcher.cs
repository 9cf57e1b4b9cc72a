using PodBinding.Loading;
using PodBinding.Volumes;

namespace PodBinding.Watching;

/// <summary>Creates watchers for generated classes.</summary>
public static class DownwardWatcher
{
    /// <summary>Loads <typeparamref name="T"/> from <paramref name="source"/> and watches its volume for changes.</summary>
    /// <exception cref="DownwardApiLoadException">The first load failed; nothing is watched.</exception>
    public static DownwardWatcher<T> Start<T>(PodSource source, DownwardWatchOptions? options = null)
        where T : class, IDownwardBinding<T>
        => new(source, options);

    /// <summary>Watches the running pod's volume at the class's mount path.</summary>
    public static DownwardWatcher<T> Start<T>(DownwardWatchOptions? options = null)
        where T : class, IDownwardBinding<T>
        => new(options);
}

/// <summary>
/// Keeps a bound class current while the kubelet updates the downward API volume. The kubelet switches versions by
/// renaming <c>..data</c>; the item symlinks never change (docs/kubernetes-rules.md), so this watches the directory for that swap,
/// checks <c>readlink(..data)</c> on every event and every <see cref="DownwardWatchOptions.PollInterval"/>, reloads
/// the volume members as one snapshot, and delivers a new instance only when their content changed. Env-var members
/// are carried over: they cannot change in a running container.
/// </summary>
/// <typeparam name="T">The bound class.</typeparam>
public sealed class DownwardWatcher<T> : IDisposable
    where T : class, IDownwardBinding<T>
{
    private readonly PodSource _source;
    private readonly DownwardBindingInfo _info;
    private readonly object _gate = new();
    private readonly object _subscribersGate = new();
    private readonly VolumeChangeLoop _loop;
    private Action<T>[] _subscribers = Array.Empty<Action<T>>();
    private VolumeSnapshot? _snapshot;
    private string? _failedVersion;
    private string? _failedMessage;
    private int _failedReloads;
    private T _current;
    private DownwardValues _values; // _current's, so a reload carries the env-var members over
    private int _disposed;

    /// <summary>Loads <typeparamref name="T"/> from the running pod and watches its volume at the class's mount path (<c>T.Watch()</c>).</summary>
    /// <exception cref="DownwardApiLoadException">The first load failed; nothing is watched.</exception>
    public DownwardWatcher(DownwardWatchOptions? options = null)
        : this(PodSource.FromProcess(T.DownwardApi.MountPath), options)
    {
    }

    /// <summary>Loads <typeparamref name="T"/> from <paramref name="source"/> and watches its volume (<c>T.Watch(source)</c>).</summary>
    /// <exception cref="DownwardApiLoadException">The first load failed; nothing is watched.</exception>
    public DownwardWatcher(PodSource source, DownwardWatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new DownwardWatchOptions();
        options.Validate();
        DownwardBindingInfo info = T.DownwardApi;
        _source = source;
        _info = info;

        var reader = new BindingReader(source, info);
        _values = reader.ReadAll();
        _current = T.ReadDownward(_values);
        _snapshot = reader.Volume;
        _loop = new VolumeChangeLoop(source.VolumeDirectory, options, CheckForChange, Report);
    }

    /// <summary>The latest successfully loaded value.</summary>
    public T Current => Volatile.Read(ref _current);

    /// <summary>The <c>..data</c> version the current value was read from (null for a plain folder).</summary>
    public string? Version => Volatile.Read(ref _snapshot)?.Version;

    /// <summary>
    /// Whether file-system events are active (false: polling only). Each poll checks that the volume directory is
    /// still the one the events watch; one removed or created again turns this false until events are re-armed.
    /// </summary>
    public bool UsesFileSystemEvents => _loop.UsesFileSystemEvents;

    internal VolumeChangeLoop Loop => _loop;

    /// <summary>
    /// Problems the watcher survived: failed reloads, throwing callbacks, lost events. A reload failure is raised once
    /// per failing <c>..data</c> version (once per distinct problem for a plain folder), not on every poll.
    /// </summary>
    public event Action<DownwardWatchError>? Error;

    /// <summary>
    /// Raised when a reload succeeds after failed ones, with how many reload attempts failed in a row: the end of a
    /// failure that <see cref="Error"/> reported when it started.
    /// </summary>
    public event Action<int>? Recovered;

    /// <summary>Calls <paramref name="onChange"/> with each new value; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<T> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_subscribersGate)
        {
            _subscribers = [.. _subscribers, onChange];
        }

        return new Subscription(this, onChange);
    }

    /// <summary>Checks for a change now, as a file-system event would, and returns once the check ran.</summary>
    public void CheckNow()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        CheckForChange();
    }

    /// <summary>Stops watching; returns once the background loop has ended (unless called from a change callback).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _loop.Dispose();
        }
    }

    private void CheckForChange()
    {
        lock (_gate)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            VolumeSnapshot? previous = _snapshot;
            string? version = VolumeSnapshot.ReadVersion(_source.VolumeDirectory);
            if (version is not null && (version == previous?.Version || version == _failedVersion))
            {
                // No swap since the last load, or since the last failed one: the kubelet never changes a version in
                // place, so re-reading it would report the same failure on every poll.
                return;
            }

            T next;
            DownwardValues values;
            VolumeSnapshot? snapshot;
            try
            {
                var reader = new BindingReader(_source, _info);
                snapshot = reader.Volume;
                if (snapshot is not null && previous is not null && snapshot.HasSameContent(previous))
                {
                    Volatile.Write(ref _snapshot, snapshot); // a new version with the same bytes: nothing to deliver
                    Cleared();
                    return;
                }

                values = reader.ReadAll(_values);
                next = T.ReadDownward(values);
            }
            catch (Exception e) when (e is DownwardApiLoadException or IOException or UnauthorizedAccessException)
            {
                _failedVersion = version;
                _failedReloads++;

                // A plain folder has no version to remember, so it is re-read on every poll: the same problem again
                // is not news.
                if (version is not null || !string.Equals(e.Message, _failedMessage, StringComparison.Ordinal))
                {
                    _failedMessage = e.Message;
                    Report(new DownwardWatchError(DownwardWatchErrorKind.Reload, e));
                }

                return;
            }

            Volatile.Write(ref _snapshot, snapshot);
            _values = values;
            Volatile.Write(ref _current, next);
            Cleared();
            Notify(next);
        }
    }

    /// <summary>A reload succeeded: ends a failure streak, if one was running.</summary>
    private void Cleared()
    {
        _failedVersion = null;
        _failedMessage = null;
        int failed = _failedReloads;
        _failedReloads = 0;
        if (failed > 0)
        {
            try
            {
                Recovered?.Invoke(failed);
            }
            catch (Exception e)
            {
                Report(new DownwardWatchError(DownwardWatchErrorKind.Callback, e));
            }
        }
    }

    private void Notify(T value)
    {
        foreach (Action<T> subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(value);
            }
            catch (Exception e)
            {
                Report(new DownwardWatchError(DownwardWatchErrorKind.Callback, e));
            }
        }
    }

    private void Report(DownwardWatchError error)
    {
        try
        {
            Error?.Invoke(error);
        }
        catch
        {
            // An error handler that throws must not stop the watcher.
        }
    }

    private void Unsubscribe(Action<T> onChange)
    {
        lock (_subscribersGate)
        {
            int index = Array.IndexOf(_subscribers, onChange);
            if (index >= 0)
            {
                _subscribers = [.. _subscribers[..index], .. _subscribers[(index + 1)..]];
            }
        }
    }

    private sealed class Subscription(DownwardWatcher<T> watcher, Action<T> onChange) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                watcher.Unsubscribe(onChange);
            }
        }
    }
}
