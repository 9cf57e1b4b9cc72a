using Microsoft.Extensions.Configuration;
using PodBinding.Formats;
using PodBinding.Volumes;
using PodBinding.Watching;

namespace PodBinding.Extensions.Configuration;

/// <summary>
/// Exposes a downward API volume as configuration: the <c>labels</c> and <c>annotations</c> files as sections
/// (<c>Labels:app</c>, <c>Annotations:team</c>), every other item as a key named by its path (<c>/</c> becomes
/// <c>:</c>). Reads one consistent snapshot through <c>..data</c> and reloads when the kubelet swaps it — unlike
/// KeyPerFile, which neither parses the map files nor sees the swap.
/// </summary>
public sealed class DownwardApiConfigurationProvider : ConfigurationProvider, IDisposable
{
    private readonly DownwardApiConfigurationSource _source;
    private VolumeChangeLoop? _loop;
    private VolumeSnapshot? _snapshot;

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
            _loop = new VolumeChangeLoop(_source.VolumeDirectory, _source.WatchOptions, ReloadIfChanged, static _ => { });
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _loop?.Dispose();

    private void ReloadIfChanged()
    {
        if (_snapshot?.Version is { } known && VolumeSnapshot.ReadVersion(_source.VolumeDirectory) == known)
        {
            return;
        }

        VolumeSnapshot snapshot = VolumeSnapshot.ReadAll(_source.VolumeDirectory);
        if (_snapshot is not null && snapshot.HasSameContent(_snapshot))
        {
            _snapshot = snapshot;
            return;
        }

        Data = ToData(snapshot);
        _snapshot = snapshot;
        OnReload();
    }

    private static Dictionary<string, string?> ToData(VolumeSnapshot snapshot)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
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

            string key = snapshot.ItemPath(i).Replace('/', ConfigurationPath.KeyDelimiter[0]);
            string leaf = Path.GetFileName(snapshot.ItemPath(i));
            if (leaf is not ("labels" or "annotations"))
            {
                data[key] = content;
                continue;
            }

            if (!KubeletMapFormat.TryParse(content, out MetadataMap? map, out int line, out string? error))
            {
                throw new FormatException($"{Path.Combine(snapshot.VolumeDirectory, snapshot.ItemPath(i))} line {line}: {error}");
            }

            foreach (KeyValuePair<string, string> entry in map)
            {
                data[ConfigurationPath.Combine(key, entry.Key)] = entry.Value;
            }
        }

        return data;
    }
}
