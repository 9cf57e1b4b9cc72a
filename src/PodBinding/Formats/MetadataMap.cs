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
    public static MetadataMap From(IEnumerable<KeyValuePair<string, string>> entries) => throw new NotImplementedException();

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
    public bool Equals(MetadataMap? other) => throw new NotImplementedException();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MetadataMap);

    /// <inheritdoc/>
    public override int GetHashCode() => throw new NotImplementedException();
}
