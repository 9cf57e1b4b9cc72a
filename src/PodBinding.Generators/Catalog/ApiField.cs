using System.Collections.Generic;

namespace PodBinding.Generators.Catalog;

/// <summary>What a subscript in an API fact path names; each has its own key rule.</summary>
internal enum ApiKey
{
    /// <summary>A label or annotation key, or a condition type (qualified name).</summary>
    Qualified,

    /// <summary>A container name (DNS-1123 label).</summary>
    Container,

    /// <summary>A resource name (<c>cpu</c>, <c>memory</c>, <c>nvidia.com/gpu</c>: a qualified name).</summary>
    Resource,
}

/// <summary>
/// One C# type that can hold an API fact, and the null-safe expression over the snapshot (<c>facts</c>) that gives it.
/// </summary>
/// <param name="Type">The type as <c>SymbolDisplayFormat.FullyQualifiedFormat</c> writes it without a nullable marker
/// (<c>string</c>, <c>global::System.DateTimeOffset</c>).</param>
/// <param name="Display">The type as a user writes it, for messages (<c>DateTimeOffset?</c>).</param>
/// <param name="Expression">C# over <c>facts</c>; <c>{0}</c>, <c>{1}</c> are the subscripts as literals. Null when the fact is absent.</param>
/// <param name="Fallback">The value for a non-nullable property when the fact is absent, or null: the type must then be nullable.</param>
internal sealed record ApiType(string Type, string Display, string Expression, string? Fallback);

/// <summary>One entry of the API fact catalog.</summary>
/// <param name="Pattern">The path with <c>[*]</c> for each subscript (<c>node.labels[*]</c>).</param>
/// <param name="Kind">The <c>ApiFactKinds</c> value (one of <c>ApiAccessContract</c>'s constants): resource and verbs follow from it.</param>
/// <param name="Keys">What each subscript names, in order.</param>
/// <param name="Volatile">Whether the value changes while the pod runs (the watch delivers it).</param>
/// <param name="DownwardPath">For facts the Downward API gives: its path (<c>{0}</c> is the subscript), used instead.</param>
/// <param name="Types">The C# types that can hold it; empty for downward facts.</param>
/// <param name="Summary">What it is, for docs and messages.</param>
internal sealed record ApiField(
    string Pattern,
    int Kind,
    IReadOnlyList<ApiKey> Keys,
    bool Volatile,
    string? DownwardPath,
    IReadOnlyList<ApiType> Types,
    string Summary);
