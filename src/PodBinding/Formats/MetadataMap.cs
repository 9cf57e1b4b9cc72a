using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PodBinding.Formats;

/// <summary>
/// An immutable label or annotation map: keys in ordinal order (the kubelet's order), looked up by binary search.
/// Equal maps compare equal, so a reload can tell whether anything changed.
/// </summary>
public sealed class MetadataMap : IReadOnlyDictionary<string, string>, IEquatable<MetadataMap>
{
    /// <summary>The empty map.</summary>
    public static MetadataMap Empty { get; } = new(Array.Empty<string>(), Array.Empty<string>());

    private readonly string[] _keys;
    private readonly string[] _values;

    /// <summary>Keys must be distinct and sorted with <see cref="StringComparer.Ordinal"/>; values aligned with them.</summary>
    internal MetadataMap(string[] sortedKeys, string[] values)
    {
        _keys = sortedKeys;
        _values = values;
    }

    /// <summary>Builds a map from any entries (sorted here; a later duplicate key replaces an earlier one).</summary>
    public static MetadataMap From(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries is MetadataMap map)
        {
            return map;
        }

        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> entry in entries)
        {
            if (entry.Key is null || entry.Value is null)
            {
                throw new ArgumentException("Keys and values cannot be null.", nameof(entries));
            }

            latest[entry.Key] = entry.Value;
        }

        if (latest.Count == 0)
        {
            return Empty;
        }

        string[] keys = new string[latest.Count];
        string[] values = new string[latest.Count];
        latest.Keys.CopyTo(keys, 0);
        latest.Values.CopyTo(values, 0);
        Array.Sort(keys, values, StringComparer.Ordinal);
        return new MetadataMap(keys, values);
    }

    /// <inheritdoc/>
    public int Count => _keys.Length;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _keys;

    /// <inheritdoc/>
    public IEnumerable<string> Values => _values;

    /// <inheritdoc/>
    public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"No key '{key}'.");

    /// <inheritdoc/>
    public bool ContainsKey(string key) => Array.BinarySearch(_keys, key, StringComparer.Ordinal) >= 0;

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        int index = Array.BinarySearch(_keys, key, StringComparer.Ordinal);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (int i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, string>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(MetadataMap? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._keys.Length != _keys.Length)
        {
            return false;
        }

        for (int i = 0; i < _keys.Length; i++)
        {
            if (!string.Equals(_keys[i], other._keys[i], StringComparison.Ordinal)
                || !string.Equals(_values[i], other._values[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MetadataMap);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (int i = 0; i < _keys.Length; i++)
        {
            hash.Add(_keys[i], StringComparer.Ordinal);
            hash.Add(_values[i], StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
