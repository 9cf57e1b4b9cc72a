using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PodBinding.Formats;
using PodBinding.Shared;
using PodBinding.Volumes;
using PodBinding.Watching;

namespace PodBinding.Extensions.Configuration;

/// <summary>
/// Exposes a downward API volume as configuration: the <c>labels</c> and <c>annotations</c> files as sections
/// (<c>Labels:app</c>, <c>Annotations:team</c>), every other item as a key named by its path (<c>/</c> becomes
/// <c>:</c>). Reads one consistent snapshot through <c>..data</c> and reloads when the kubelet swaps it — unlike
/// KeyPerFile, which neither parses the map files nor sees the swap.
/// </summary>
/// <remarks>
/// A reload that fails keeps the previous configuration and is surfaced: <see cref="LastError"/> and
/// <see cref="ReloadFailed"/>, and the source's <see cref="DownwardApiConfigurationSource.Logger"/> (set it, or call
/// <c>services.AddDownwardApiVolumeLogging()</c> to give it the host's) logs when a failure starts and when it clears.
/// Configuration keys are case-insensitive while Kubernetes label and annotation keys are not: two keys that differ
/// only in case (<c>tier</c> and <c>Tier</c>) are reported as an error instead of one silently hiding the other.
/// </remarks>
public sealed class DownwardApiConfigurationProvider : ConfigurationProvider, IDisposable
{
    private readonly DownwardApiConfigurationSource _source;
    private readonly object _gate = new();
    private VolumeChangeLoop? _loop;
    private VolumeSnapshot? _snapshot;
    private string? _failedVersion;
    private string? _failedMessage;
    private int _failedReloads;
    private Exception? _lastError;

    /// <summary>Creates the provider; watching starts with the first <see cref="Load"/> when reloading is on.</summary>
    public DownwardApiConfigurationProvider(DownwardApiConfigurationSource source) => _source = source;

    /// <inheritdoc/>
    public override void Load()
    {
        VolumeSnapshot snapshot = VolumeSnapshot.ReadAll(_source.VolumeDirectory);
        if (!snapshot.VolumeExists && !_source.Optional)
        {
            throw new DirectoryNotFoundException(
                $"No downward API volume at {_source.VolumeDirectory}. Mount one there (a 'downwardAPI' volume in the pod spec), or add it with optional: true.");
        }

        Data = ToData(snapshot);
        _snapshot = snapshot;
        if (_source.ReloadOnChange && _loop is null && snapshot.VolumeExists)
        {
            _loop = new VolumeChangeLoop(_source.VolumeDirectory, _source.WatchOptions, ReloadIfChanged, OnLoopError);
        }
    }

    /// <summary>Why the latest reload failed (the previous configuration is kept); null once a reload succeeds.</summary>
    public Exception? LastError => Volatile.Read(ref _lastError);

    /// <summary>How many reload attempts have failed in a row (0 when the last one succeeded).</summary>
    public int FailedReloads => Volatile.Read(ref _failedReloads);

    /// <summary>Raised once per failing volume version (once per distinct problem for a plain folder), on the watch loop.</summary>
    public event Action<Exception>? ReloadFailed;

    /// <inheritdoc/>
    public void Dispose() => _loop?.Dispose();

    internal void ReloadIfChanged()
    {
        lock (_gate)
        {
            string? version = VolumeSnapshot.ReadVersion(_source.VolumeDirectory);
            if (version is not null && (version == _snapshot?.Version || version == _failedVersion))
            {
                return; // no swap since the last good read, or since the last failed one: the kubelet never edits a version
            }

            VolumeSnapshot snapshot;
            Dictionary<string, string?> data;
            try
            {
                snapshot = VolumeSnapshot.ReadAll(_source.VolumeDirectory);
                if (_snapshot is not null && snapshot.HasSameContent(_snapshot))
                {
                    _snapshot = snapshot;
                    Cleared();
                    return;
                }

                data = ToData(snapshot);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
            {
                Failed(version, e);
                return;
            }

            Data = data;
            _snapshot = snapshot;
            Cleared();
        }

        OnReload();
    }

    /// <summary>Gives the provider the host's logger (unless one was set) and logs a failure that happened before.</summary>
    internal void AttachLogger(ILogger logger)
    {
        lock (_gate)
        {
            if (_source.Logger is not null)
            {
                return;
            }

            _source.Logger = logger;
            if (_lastError is { } error)
            {
                Log.ConfigurationReloadFailed(logger, _source.VolumeDirectory, error.Message);
            }
        }
    }

    private void OnLoopError(DownwardWatchError error)
    {
        if (error.Kind == DownwardWatchErrorKind.Events)
        {
            if (_source.Logger is { } logger)
            {
                Log.ConfigurationEventsFailed(logger, _source.VolumeDirectory, error.Exception.Message);
            }

            return;
        }

        lock (_gate)
        {
            Failed(null, error.Exception); // an unexpected failure of the check itself
        }
    }

    private void Failed(string? version, Exception error)
    {
        _failedVersion = version;
        int failed = ++_failedReloads;
        Volatile.Write(ref _lastError, error);
        if (version is null && string.Equals(error.Message, _failedMessage, StringComparison.Ordinal))
        {
            return; // a plain folder is re-read on every poll: the same problem again is not news
        }

        _failedMessage = error.Message;
        ILogger? logger = _source.Logger;
        if (logger is not null)
        {
            if (failed == 1)
            {
                Log.ConfigurationReloadFailed(logger, _source.VolumeDirectory, error.Message);
            }
            else
            {
                Log.ConfigurationStillFailing(logger, _source.VolumeDirectory, failed, error.Message);
            }
        }

        try
        {
            ReloadFailed?.Invoke(error);
        }
        catch (Exception e) when (logger is not null)
        {
            Log.ConfigurationHandlerFailed(logger, _source.VolumeDirectory, e);
        }
        catch
        {
            // A throwing handler must not stop the watch loop.
        }
    }

    private void Cleared()
    {
        int failed = _failedReloads;
        _failedReloads = 0;
        _failedVersion = null;
        _failedMessage = null;
        Volatile.Write(ref _lastError, null);
        if (failed > 0 && _source.Logger is { } logger)
        {
            Log.ConfigurationReloadRecovered(logger, _source.VolumeDirectory, failed);
        }
    }

    private static Dictionary<string, string?> ToData(VolumeSnapshot snapshot)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var original = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < snapshot.Count; i++)
        {
            if (snapshot.ItemError(i) is { } itemError)
            {
                throw new InvalidDataException(itemError);
            }

            string? content = snapshot[i];
            if (content is null)
            {
                continue;
            }

            string file = Path.Combine(snapshot.VolumeDirectory, snapshot.ItemPath(i));
            string key = snapshot.ItemPath(i).Replace('/', ConfigurationPath.KeyDelimiter[0]);
            string leaf = Path.GetFileName(snapshot.ItemPath(i));
            if (leaf is not ("labels" or "annotations"))
            {
                Add(data, original, key, content, file);
                continue;
            }

            if (!KubeletMapFormat.TryParse(content, out MetadataMap? map, out int line, out string? error))
            {
                throw new FormatException($"{Path.Combine(snapshot.VolumeDirectory, snapshot.ItemPath(i))} line {line}: {error}");
            }

            foreach (KeyValuePair<string, string> entry in map)
            {
                Add(data, original, ConfigurationPath.Combine(key, entry.Key), entry.Value, file);
            }
        }

        return data;
    }

    /// <summary>Adds one key; a key that differs from an earlier one only in case is an error (Kubernetes keys are case-sensitive).</summary>
    private static void Add(Dictionary<string, string?> data, Dictionary<string, string> original, string key, string value, string file)
    {
        if (original.TryGetValue(key, out string? earlier) && !string.Equals(earlier, key, StringComparison.Ordinal))
        {
            throw new FormatException(
                $"{file}: the keys '{earlier}' and '{key}' differ only in case. Kubernetes label and annotation keys are " +
                "case-sensitive but configuration keys are not, so one would hide the other. Rename one of them in the " +
                $"pod's metadata, or read the map through a [FromDownward(\"{DownwardFieldPaths.Labels}\")] (or annotations) member, which keeps both.");
        }

        original[key] = key;
        data[key] = value;
    }
}
