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
