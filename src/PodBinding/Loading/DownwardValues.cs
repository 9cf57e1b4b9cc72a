using System.ComponentModel;

namespace PodBinding.Loading;

/// <summary>
/// Every member of one load, converted: what <see cref="BindingReader.ReadAll()"/> returns once nothing is missing or
/// malformed. Indexes are the members' positions in <see cref="DownwardBindingInfo.References"/>. A member that was
/// carried over on a reload (an env var) holds the previous load's value.
/// </summary>
/// <remarks>Called by generated code; not meant to be used by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DownwardValues
{
    private readonly object?[]? _values;

    internal DownwardValues(object?[] values) => _values = values;

    /// <summary>The converted values; null for <c>default</c> (no previous load).</summary>
    internal object?[]? Values => _values;

    /// <summary>A required text member.</summary>
    public string String(int index) => (string)_values![index]!;

    /// <summary>An optional text member.</summary>
    public string? StringOrNull(int index) => (string?)_values![index];

    /// <summary>A required UID member.</summary>
    public global::System.Guid Guid(int index) => _values![index] is global::System.Guid value ? value : default;

    /// <summary>An optional UID member.</summary>
    public global::System.Guid? GuidOrNull(int index) => (global::System.Guid?)_values![index];

    /// <summary>A required IP address member.</summary>
    public global::System.Net.IPAddress IPAddress(int index) => (global::System.Net.IPAddress)_values![index]!;

    /// <summary>An optional IP address member.</summary>
    public global::System.Net.IPAddress? IPAddressOrNull(int index) => (global::System.Net.IPAddress?)_values![index];

    /// <summary>A required IP address list member.</summary>
    public IReadOnlyList<global::System.Net.IPAddress> IPAddressList(int index) => (IReadOnlyList<global::System.Net.IPAddress>)_values![index]!;

    /// <summary>An optional IP address list member.</summary>
    public IReadOnlyList<global::System.Net.IPAddress>? IPAddressListOrNull(int index) => (IReadOnlyList<global::System.Net.IPAddress>?)_values![index];

    /// <summary>A required labels or annotations member.</summary>
    public IReadOnlyDictionary<string, string> Map(int index) => (IReadOnlyDictionary<string, string>)_values![index]!;

    /// <summary>An optional labels or annotations member.</summary>
    public IReadOnlyDictionary<string, string>? MapOrNull(int index) => (IReadOnlyDictionary<string, string>?)_values![index];

    /// <summary>A required <see cref="int"/> member.</summary>
    public int Int32(int index) => _values![index] is int value ? value : default;

    /// <summary>An optional <see cref="int"/> member.</summary>
    public int? Int32OrNull(int index) => (int?)_values![index];

    /// <summary>A required <see cref="long"/> member.</summary>
    public long Int64(int index) => _values![index] is long value ? value : default;

    /// <summary>An optional <see cref="long"/> member.</summary>
    public long? Int64OrNull(int index) => (long?)_values![index];

    /// <summary>A required <see cref="decimal"/> member.</summary>
    public decimal Decimal(int index) => _values![index] is decimal value ? value : default;

    /// <summary>An optional <see cref="decimal"/> member.</summary>
    public decimal? DecimalOrNull(int index) => (decimal?)_values![index];
}
