using PodBinding.Generators.Catalog;

namespace PodBinding.Generators.Model;

/// <summary>A bound class as written: the attribute values, read from symbols and turned into strings at once.</summary>
/// <remarks>
/// Cached by the incremental pipeline: immutable and value-equatable all the way down (records, strings, primitives,
/// <see cref="EquatableArray{T}"/>). Never store ISymbol, SyntaxNode, SemanticModel, Compilation, Location or
/// AttributeData here.
/// </remarks>
internal sealed record BindingSpec(
    string Namespace,
    string TypeName,
    ClassSettings Settings,
    EquatableArray<MemberSpec> Members)
{
    public string FullName => Namespace.Length == 0 ? TypeName : Namespace + "." + TypeName;
}

/// <summary>The values of the optional <c>[DownwardBinding]</c> on the class; null where not set.</summary>
internal sealed record ClassSettings(
    string? ContainerName,
    string? VolumeName,
    string? MountPath,
    int WorkloadKind,
    string? WorkloadName,
    string? ManifestName = null,
    ApiSettings? Api = null,
    string? DefaultMode = null)
{
    public static ClassSettings Default { get; } = new(null, null, null, 0, null);
}

/// <summary>The class's <c>[KubernetesApi]</c> as written: the <c>KubernetesApiMode</c> values in order, and its options.</summary>
internal sealed record ApiSettings(EquatableArray<int> Modes, string? ServiceAccountName, long RunAsUser);

/// <summary>One <c>[FromDownward]</c> property as written.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Kind">What the property's type can hold.</param>
/// <param name="IsNullable">A nullable type: the value is optional.</param>
/// <param name="TypeDisplay">The type as the user wrote it, for messages.</param>
/// <param name="Path">The attribute's path argument.</param>
/// <param name="Source">The <c>DownwardSource</c> value (0 Auto, 1 Environment, 2 Volume).</param>
/// <param name="EnvVar">An explicit env var name.</param>
/// <param name="File">An explicit item path.</param>
/// <param name="Divisor">An explicit divisor.</param>
/// <param name="ContainerName">An explicit container for a resource field.</param>
/// <param name="HasSetter">Whether generated code inside the class can assign it (set or init, any accessibility).</param>
/// <param name="IsRequired">Declared <c>required</c>: an object initializer must set it.</param>
internal sealed record MemberSpec(
    string Name,
    ClrKind Kind,
    bool IsNullable,
    string TypeDisplay,
    string Path,
    int Source,
    string? EnvVar,
    string? File,
    string? Divisor,
    string? ContainerName,
    bool HasSetter,
    bool IsRequired = false);
