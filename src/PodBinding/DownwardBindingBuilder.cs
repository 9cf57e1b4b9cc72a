using System.ComponentModel;
using PodBinding.Loading;

namespace PodBinding;

/// <summary>
/// Builds a generated class's <see cref="DownwardBindingInfo"/>, one call per member: the method names what the
/// property holds (<c>String</c>, <c>Guid</c>, <c>Map</c>, …), <c>source</c> is <c>env:&lt;VAR&gt;</c> or
/// <c>file:&lt;item path&gt;</c>, then either the field path or the resource, its container and divisor.
/// </summary>
/// <remarks>Called by generated code; not meant to be used by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DownwardBindingBuilder
{
    private const string EnvPrefix = "env:";
    private const string FilePrefix = "file:";

    private readonly string _typeName;
    private readonly string _containerName;
    private readonly string _volumeName;
    private readonly string _mountPath;
    private readonly string? _manifestFile;
    private readonly WorkloadKind _workloadKind;
    private readonly string? _workloadName;
    private readonly List<DownwardReference> _references = new();

    /// <summary>Starts the description of one bound class.</summary>
    public DownwardBindingBuilder(
        string typeName, string containerName, string volumeName, string mountPath,
        string? manifestFile = null, WorkloadKind workloadKind = WorkloadKind.None, string? workloadName = null)
    {
        _typeName = typeName;
        _containerName = containerName;
        _volumeName = volumeName;
        _mountPath = mountPath;
        _manifestFile = manifestFile;
        _workloadKind = workloadKind;
        _workloadName = workloadName;
    }

    /// <summary>A text member from a field.</summary>
    public DownwardBindingBuilder String(string member, string source, string fieldPath, bool optional = false) => Add(ValueKind.String, member, source, fieldPath, null, null, null, optional);

    /// <summary>A text member from a resource.</summary>
    public DownwardBindingBuilder String(string member, string source, string resource, string containerName, string divisor, bool optional = false) => Add(ValueKind.String, member, source, null, resource, containerName, divisor, optional);

    /// <summary>A UID member.</summary>
    public DownwardBindingBuilder Guid(string member, string source, string fieldPath, bool optional = false) => Add(ValueKind.Guid, member, source, fieldPath, null, null, null, optional);

    /// <summary>An IP address member.</summary>
    public DownwardBindingBuilder IPAddress(string member, string source, string fieldPath, bool optional = false) => Add(ValueKind.IPAddress, member, source, fieldPath, null, null, null, optional);

    /// <summary>An IP address list member.</summary>
    public DownwardBindingBuilder IPAddressList(string member, string source, string fieldPath, bool optional = false) => Add(ValueKind.IPAddressList, member, source, fieldPath, null, null, null, optional);

    /// <summary>A labels or annotations member.</summary>
    public DownwardBindingBuilder Map(string member, string source, string fieldPath, bool optional = false) => Add(ValueKind.Map, member, source, fieldPath, null, null, null, optional);

    /// <summary>An <see cref="int"/> member from a field.</summary>
    public DownwardBindingBuilder Int32(string member, string source, string fieldPath, bool optional = false) => Add(ValueKind.Int32, member, source, fieldPath, null, null, null, optional);

    /// <summary>An <see cref="int"/> member from a resource.</summary>
    public DownwardBindingBuilder Int32(string member, string source, string resource, string containerName, string divisor, bool optional = false) => Add(ValueKind.Int32, member, source, null, resource, containerName, divisor, optional);

    /// <summary>A <see cref="long"/> member from a field.</summary>
    public DownwardBindingBuilder Int64(string member, string source, string fieldPath, bool optional = false) => Add(ValueKind.Int64, member, source, fieldPath, null, null, null, optional);

    /// <summary>A <see cref="long"/> member from a resource.</summary>
    public DownwardBindingBuilder Int64(string member, string source, string resource, string containerName, string divisor, bool optional = false) => Add(ValueKind.Int64, member, source, null, resource, containerName, divisor, optional);

    /// <summary>A <see cref="decimal"/> member from a field.</summary>
    public DownwardBindingBuilder Decimal(string member, string source, string fieldPath, bool optional = false) => Add(ValueKind.Decimal, member, source, fieldPath, null, null, null, optional);

    /// <summary>A <see cref="decimal"/> member from a resource.</summary>
    public DownwardBindingBuilder Decimal(string member, string source, string resource, string containerName, string divisor, bool optional = false) => Add(ValueKind.Decimal, member, source, null, resource, containerName, divisor, optional);

    /// <summary>The description, members in call order.</summary>
    public DownwardBindingInfo Build() =>
        new(_typeName, _containerName, _volumeName, _mountPath, _references.ToArray(), _manifestFile, _workloadKind, _workloadName);

    private DownwardBindingBuilder Add(ValueKind kind, string member, string source, string? fieldPath, string? resource, string? containerName, string? divisor, bool optional)
    {
        DownwardSource channel;
        string name;
        if (source.StartsWith(EnvPrefix, StringComparison.Ordinal))
        {
            channel = DownwardSource.Environment;
            name = source.Substring(EnvPrefix.Length);
        }
        else if (source.StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            channel = DownwardSource.Volume;
            name = source.Substring(FilePrefix.Length);
        }
        else
        {
            throw new ArgumentException($"'{source}' names no channel: expected env:<VAR> or file:<item path>.", nameof(source));
        }

        _references.Add(new DownwardReference(member, channel, name, fieldPath, resource, containerName, divisor, optional) { Kind = kind });
        return this;
    }
}
