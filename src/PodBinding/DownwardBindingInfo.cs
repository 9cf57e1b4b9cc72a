using PodBinding.Loading;
using PodBinding.Shared;

namespace PodBinding;

/// <summary>
/// What a generated class binds and where each value comes from. Loaders, the YAML the generator writes, and the
/// test-support pod simulator all follow this description.
/// </summary>
public sealed class DownwardBindingInfo
{
    private readonly int[] _volumeSlot;

    /// <summary>Created by generated code, once per bound class.</summary>
    public DownwardBindingInfo(
        string typeName,
        string containerName,
        string volumeName,
        string mountPath,
        DownwardReference[] references,
        string? manifestFile = null,
        WorkloadKind workloadKind = WorkloadKind.None,
        string? workloadName = null)
    {
        ManifestFile = manifestFile;
        WorkloadKind = workloadKind;
        WorkloadName = workloadName;
        TypeName = typeName;
        ContainerName = containerName;
        VolumeName = volumeName;
        MountPath = mountPath;
        References = references;

        _volumeSlot = new int[references.Length];
        var items = new List<string>();
        for (int i = 0; i < references.Length; i++)
        {
            if (references[i].Source == DownwardSource.Volume)
            {
                _volumeSlot[i] = items.Count;
                items.Add(references[i].Name);
            }
            else
            {
                _volumeSlot[i] = -1;
            }
        }

        VolumeItems = items.ToArray();
    }

    /// <summary>
    /// The description a generated class carries as its binding table (one line for the class, one per member; the
    /// format is PodBinding's own and may change between versions). Generated code calls it as <c>new(PodBindingTable)</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a binding table.</exception>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public DownwardBindingInfo(string table)
        : this(BindingTable.Parse(table))
    {
    }

    private DownwardBindingInfo(BindingTable parsed)
        : this(parsed.TypeName, parsed.ContainerName, parsed.VolumeName, parsed.MountPath, ReferencesOf(parsed), parsed.ManifestFile,
               WorkloadKindOf(parsed), WorkloadKindOf(parsed) == WorkloadKind.None ? null : parsed.WorkloadName)
    {
    }

    /// <summary>The description a binding table gives (see <see cref="DownwardBindingInfo(string)"/>).</summary>
    /// <exception cref="FormatException">The text is not a binding table.</exception>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static DownwardBindingInfo FromTable(string table) => new(table);

    private static DownwardReference[] ReferencesOf(BindingTable parsed)
    {
        var references = new DownwardReference[parsed.Members.Count];
        for (int i = 0; i < references.Length; i++)
        {
            BindingTableRow m = parsed.Members[i];
            ValueKind kind = m.Kind switch
            {
                BindingTable.Kinds.String => ValueKind.String,
                BindingTable.Kinds.Guid => ValueKind.Guid,
                BindingTable.Kinds.IPAddress => ValueKind.IPAddress,
                BindingTable.Kinds.IPAddressList => ValueKind.IPAddressList,
                BindingTable.Kinds.Map => ValueKind.Map,
                BindingTable.Kinds.Int32 => ValueKind.Int32,
                BindingTable.Kinds.Int64 => ValueKind.Int64,
                BindingTable.Kinds.Decimal => ValueKind.Decimal,
                _ => throw new FormatException($"The binding table of {parsed.TypeName} gives member {m.MemberName} the unknown kind '{m.Kind}'."),
            };

            references[i] = new DownwardReference(
                m.MemberName, m.IsVolume ? DownwardSource.Volume : DownwardSource.Environment, m.Name,
                m.FieldPath, m.Resource, m.ContainerName, m.Divisor, m.IsOptional) { Kind = kind };
        }

        return references;
    }

    // A workload only with its name, as the class's YAML has a patch only then.
    private static WorkloadKind WorkloadKindOf(BindingTable parsed) =>
        parsed.WorkloadKind is not null && parsed.WorkloadName is not null && Enum.TryParse(parsed.WorkloadKind, ignoreCase: false, out WorkloadKind kind)
            ? kind
            : WorkloadKind.None;

    /// <summary>The bound class, fully qualified.</summary>
    public string TypeName { get; }

    /// <summary>The container the YAML was written for.</summary>
    public string ContainerName { get; }

    /// <summary>The downward API volume's name.</summary>
    public string VolumeName { get; }

    /// <summary>Where the volume is mounted; <c>Load()</c> reads there.</summary>
    public string MountPath { get; }

    /// <summary>The generated pod-spec fragment with all of the YAML (<c>deploy/podbinding/pod-info.yaml</c>), named in error messages.</summary>
    public string? ManifestFile { get; }

    /// <summary>
    /// The workload the class's YAML patches (<see cref="DownwardBindingAttribute.WorkloadKind"/>), or
    /// <see cref="WorkloadKind.None"/>. Carried here so run-time consumers (the OpenTelemetry detector) need no reflection.
    /// </summary>
    public WorkloadKind WorkloadKind { get; }

    /// <summary>The patched workload's <c>metadata.name</c> (<see cref="DownwardBindingAttribute.WorkloadName"/>), or null.</summary>
    public string? WorkloadName { get; }

    /// <summary>Every bound member, in declaration order.</summary>
    public IReadOnlyList<DownwardReference> References { get; }

    /// <summary>The item paths of the members that come from the volume, in member order.</summary>
    public IReadOnlyList<string> VolumeItems { get; }

    /// <summary>Whether any member comes from the volume.</summary>
    public bool UsesVolume => VolumeItems.Count > 0;

    /// <summary>The index into <see cref="VolumeItems"/> of reference <paramref name="referenceIndex"/>, or -1.</summary>
    public int VolumeSlotOf(int referenceIndex) => _volumeSlot[referenceIndex];
}
