namespace PodBinding;

/// <summary>
/// One bound member as the generator resolved it: the channel, the env var name or volume item path, and what Kubernetes
/// puts there. Generated classes expose these through their <c>DownwardApi</c> property.
/// </summary>
/// <param name="MemberName">The C# property.</param>
/// <param name="Source">Either <see cref="DownwardSource.Environment"/> or <see cref="DownwardSource.Volume"/>, never Auto.</param>
/// <param name="Name">The environment variable name, or the item path inside the volume.</param>
/// <param name="FieldPath">The <c>fieldRef.fieldPath</c>, or <see langword="null"/> for a resource field.</param>
/// <param name="Resource">The <c>resourceFieldRef.resource</c>, or <see langword="null"/> for a field path.</param>
/// <param name="ContainerName">For resource fields: the container whose resources are read.</param>
/// <param name="Divisor">For resource fields: the canonical divisor (<c>1</c>, <c>1m</c>, <c>1Mi</c>, …).</param>
/// <param name="IsOptional">The member is nullable: a missing value leaves it <see langword="null"/>.</param>
public sealed record DownwardReference(
    string MemberName,
    DownwardSource Source,
    string Name,
    string? FieldPath,
    string? Resource,
    string? ContainerName,
    string? Divisor,
    bool IsOptional)
{
    /// <summary>How the value is converted (from the binding table; the factories below read text).</summary>
    internal Loading.ValueKind Kind { get; init; }

    /// <summary>A single label or annotation (<c>metadata.labels['k']</c>): a missing key reads as an empty value.</summary>
    public bool IsMapKey => FieldPath is not null && FieldPath.EndsWith("']", StringComparison.Ordinal);

    /// <summary>A <c>fieldRef</c> in env var <paramref name="envVar"/>.</summary>
    public static DownwardReference FieldEnv(string member, string envVar, string fieldPath, bool optional = false) =>
        new(member, DownwardSource.Environment, envVar, fieldPath, null, null, null, optional);

    /// <summary>A <c>resourceFieldRef</c> in env var <paramref name="envVar"/>.</summary>
    public static DownwardReference ResourceEnv(string member, string envVar, string resource, string containerName, string divisor, bool optional = false) =>
        new(member, DownwardSource.Environment, envVar, null, resource, containerName, divisor, optional);

    /// <summary>A <c>fieldRef</c> in volume item <paramref name="path"/>.</summary>
    public static DownwardReference FieldFile(string member, string path, string fieldPath, bool optional = false) =>
        new(member, DownwardSource.Volume, path, fieldPath, null, null, null, optional);

    /// <summary>A <c>resourceFieldRef</c> in volume item <paramref name="path"/>.</summary>
    public static DownwardReference ResourceFile(string member, string path, string resource, string containerName, string divisor, bool optional = false) =>
        new(member, DownwardSource.Volume, path, null, resource, containerName, divisor, optional);
}
