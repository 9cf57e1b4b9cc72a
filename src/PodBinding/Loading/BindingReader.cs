using System.ComponentModel;
using System.Globalization;
using System.Net;
using PodBinding.Formats;
using PodBinding.Volumes;

namespace PodBinding.Loading;

/// <summary>
/// The engine behind generated <c>Load()</c> methods: one per load. Takes one consistent snapshot of the volume up
/// front, converts each member, and collects every problem so that one exception can list them all.
/// </summary>
/// <remarks>Called by generated code; not meant to be used by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BindingReader
{
    private readonly PodSource _source;
    private readonly DownwardBindingInfo _info;
    private readonly VolumeSnapshot? _volume;
    private readonly string? _volumeFailure;
    private List<DownwardApiError>? _errors;

    /// <summary>Starts a load: reads the volume snapshot once when any member comes from the volume.</summary>
    public BindingReader(PodSource source, DownwardBindingInfo info)
    {
        _source = source;
        _info = info;
        if (info.UsesVolume)
        {
            try
            {
                _volume = VolumeSnapshot.Read(source.VolumeDirectory, info.VolumeItems);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _volumeFailure = $"the volume at {source.VolumeDirectory} could not be read ({e.Message})";
            }
        }
    }

    /// <summary>Whether any member failed so far.</summary>
    public bool HasErrors => _errors is not null;

    /// <summary>The volume snapshot this load read, if any member comes from the volume.</summary>
    public VolumeSnapshot? Volume => _volume;

    /// <summary>The raw text of member <paramref name="index"/>; empty counts as missing, as for every other type.</summary>
    public string? GetString(int index) => RawNonEmpty(index);

    /// <summary>A UID.</summary>
    public Guid? GetGuid(int index)
    {
        string? raw = RawNonEmpty(index);
        if (raw is null)
        {
            return null;
        }

        if (Guid.TryParseExact(raw, "D", out Guid value))
        {
            return value;
        }

        return Fail<Guid?>(index, $"'{raw}' is not a UID (expected the form 3f2a1b9c-0d4e-4f60-8a7b-1c2d3e4f5a6b)", FixHints.Uid);
    }

    /// <summary>One IP address.</summary>
    public IPAddress? GetIPAddress(int index)
    {
        string? raw = RawNonEmpty(index);
        if (raw is null)
        {
            return null;
        }

        return TryParseIP(raw.AsSpan(), out IPAddress? address)
            ? address
            : Fail<IPAddress?>(index, $"'{raw}' is not an IPv4 or IPv6 address", FixHints.IPAddress);
    }

    /// <summary>A comma-separated list of IP addresses (<c>status.podIPs</c>, <c>status.hostIPs</c>).</summary>
    public IReadOnlyList<IPAddress>? GetIPAddressList(int index)
    {
        string? raw = RawNonEmpty(index);
        if (raw is null)
        {
            return null;
        }

        ReadOnlySpan<char> rest = raw.AsSpan();
        var addresses = new List<IPAddress>(2);
        while (true)
        {
            int comma = rest.IndexOf(',');
            ReadOnlySpan<char> part = comma < 0 ? rest : rest[..comma];
            if (!TryParseIP(part, out IPAddress? address))
            {
                return Fail<IReadOnlyList<IPAddress>?>(index, $"'{part.ToString()}' in '{raw}' is not an IPv4 or IPv6 address (expected a comma-separated list)", FixHints.IPAddressList);
            }

            addresses.Add(address);
            if (comma < 0)
            {
                return addresses.AsReadOnly();
            }

            rest = rest[(comma + 1)..];
        }
    }

    /// <summary>A labels or annotations file in the kubelet's format.</summary>
    public IReadOnlyDictionary<string, string>? GetMap(int index)
    {
        string? raw = Raw(index);
        if (raw is null)
        {
            return null;
        }

        if (KubeletMapFormat.TryParse(raw, out MetadataMap? map, out int line, out string? error))
        {
            return map;
        }

        return Fail<IReadOnlyDictionary<string, string>?>(index, error!, FixHints.Map, line);
    }

    /// <summary>A resource value as <see cref="int"/>.</summary>
    public int? GetInt32(int index)
    {
        string? raw = RawNonEmpty(index);
        if (raw is null)
        {
            return null;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        // Any all-digit value is a whole number that is too large, even one beyond long's range.
        return raw.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
            ? Fail<int?>(index, $"{raw} does not fit in an int: declare the property as long, or use a larger divisor", FixHints.Int32)
            : Fail<int?>(index, $"'{raw}' is not a whole number", FixHints.WholeNumber);
    }

    /// <summary>A resource value as <see cref="long"/>.</summary>
    public long? GetInt64(int index)
    {
        string? raw = RawNonEmpty(index);
        if (raw is null)
        {
            return null;
        }

        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        return raw.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
            ? Fail<long?>(index, $"{raw} does not fit in a long: declare the property as decimal, or use a larger divisor", FixHints.Int64)
            : Fail<long?>(index, $"'{raw}' is not a whole number", FixHints.WholeNumber);
    }

    /// <summary>A resource value as <see cref="decimal"/>.</summary>
    public decimal? GetDecimal(int index)
    {
        string? raw = RawNonEmpty(index);
        if (raw is null)
        {
            return null;
        }

        return decimal.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out decimal value)
            ? value
            : Fail<decimal?>(index, $"'{raw}' is not a whole number", FixHints.WholeNumber);
    }

    /// <summary>
    /// Reads and converts every member in order, then throws one <see cref="DownwardApiLoadException"/> listing every
    /// problem, so no member is set before all are known to be good.
    /// </summary>
    public DownwardValues ReadAll() => ReadAll(default);

    /// <summary>
    /// A reload: as <see cref="ReadAll()"/>, but the env-var members are carried over from <paramref name="previous"/>
    /// (env vars never change in a running container) and only the volume is read.
    /// </summary>
    public DownwardValues ReadAll(DownwardValues previous)
    {
        IReadOnlyList<DownwardReference> references = _info.References;
        object?[] values = new object?[references.Count];
        object?[]? kept = previous.Values;
        if (kept is not null && kept.Length != values.Length)
        {
            throw new ArgumentException($"The previous values hold {kept.Length} members, but {_info.TypeName} has {values.Length}: pass the values of an earlier load of the same class.", nameof(previous));
        }

        for (int i = 0; i < values.Length; i++)
        {
            DownwardReference reference = references[i];
            if (kept is not null && reference.Source == DownwardSource.Environment)
            {
                values[i] = kept[i];
                continue;
            }

            values[i] = reference.Kind switch
            {
                ValueKind.Guid => GetGuid(i),
                ValueKind.IPAddress => GetIPAddress(i),
                ValueKind.IPAddressList => GetIPAddressList(i),
                ValueKind.Map => GetMap(i),
                ValueKind.Int32 => GetInt32(i),
                ValueKind.Int64 => GetInt64(i),
                ValueKind.Decimal => GetDecimal(i),
                _ => GetString(i),
            };
        }

        ThrowIfFailed();
        return new DownwardValues(values);
    }

    /// <summary>Throws one <see cref="DownwardApiLoadException"/> listing every problem, if there were any.</summary>
    public void ThrowIfFailed()
    {
        if (_errors is not null)
        {
            throw new DownwardApiLoadException(_info.TypeName, _errors, _source.LoadErrorNote());
        }
    }

    /// <summary>
    /// One rule for every type: the kubelet writes an empty value only where the field has none (a missing label or
    /// annotation key, an unassigned pod IP) and never for a field that always has one (<c>metadata.name</c>), so an
    /// empty value is missing: null when optional, an error when required.
    /// </summary>
    private string? RawNonEmpty(int index)
    {
        string? raw = Raw(index);
        if (raw is { Length: 0 })
        {
            return _info.References[index].IsOptional ? null : Fail<string?>(index, "is empty");
        }

        return raw;
    }

    private string? Raw(int index)
    {
        DownwardReference reference = _info.References[index];
        if (reference.Source == DownwardSource.Environment)
        {
            string? value = _source.GetEnvironmentVariable(reference.Name);
            if (value is null && !reference.IsOptional)
            {
                Record(index, $"is not set in {_source.EnvironmentDescription}", line: 0);
            }

            return value;
        }

        if (_volumeFailure is not null)
        {
            return reference.IsOptional ? null : Fail<string?>(index, _volumeFailure);
        }

        VolumeSnapshot volume = _volume!;
        if (volume.VolumeExists && volume.ItemError(_info.VolumeSlotOf(index)) is { } itemError)
        {
            return Fail<string?>(index, itemError); // present but unusable: an error even when optional
        }

        string? content = volume.VolumeExists ? volume[_info.VolumeSlotOf(index)] : null;
        if (content is null && !reference.IsOptional)
        {
            Record(
                index,
                volume.VolumeExists
                    ? $"does not exist: the volume at {volume.VolumeDirectory} has no item '{reference.Name}'"
                    : $"does not exist: no downward API volume is mounted at {volume.VolumeDirectory}",
                line: 0);
        }

        return content;
    }

    private T? Fail<T>(int index, string problem, string? expected = null, int line = 0)
    {
        Record(index, problem, line, expected);
        return default;
    }

    /// <summary>Records a problem; <paramref name="expected"/> (the shape of a valid value) marks it malformed, else missing.</summary>
    private void Record(int index, string problem, int line, string? expected = null)
    {
        DownwardReference reference = _info.References[index];
        string origin = reference.Source == DownwardSource.Environment
            ? $"env var {reference.Name}"
            : $"file {Path.Combine(_source.VolumeDirectory, reference.Name)}" + (line > 0 ? $" line {line}" : "");
        (_errors ??= new List<DownwardApiError>()).Add(new DownwardApiError(reference.MemberName, origin, problem, expected is null ? FixHints.Missing(_info, reference) : FixHints.Malformed(reference, expected)));
    }

    private static bool TryParseIP(ReadOnlySpan<char> text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        // IPAddress.TryParse also takes IPv4 shorthand such as "10" or "10.1.2"; the kubelet writes only full addresses.
        bool plausible = text.Contains(':') || text.Count('.') == 3;
        if (plausible && IPAddress.TryParse(text, out address))
        {
            return true;
        }

        address = null;
        return false;
    }
}
