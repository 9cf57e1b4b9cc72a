namespace PodBinding;

/// <summary>
/// Optional per-class settings for a class with <see cref="FromDownwardAttribute"/> members: the container the YAML
/// is written for, the downward API volume's name and mount path, and the workload a kustomize patch targets.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DownwardBindingAttribute : Attribute
{
    /// <summary>The default volume mount path, <c>/etc/podinfo</c>.</summary>
    public const string DefaultMountPath = "/etc/podinfo";

    /// <summary>The default volume name, <c>podinfo</c>.</summary>
    public const string DefaultVolumeName = "podinfo";

    /// <summary>
    /// The container that reads the values (and whose resources resource fields report). Default: the MSBuild property
    /// <c>PodBindingContainerName</c>, else the workload name, else the assembly name as a DNS label.
    /// </summary>
    public string? ContainerName { get; set; }

    /// <summary>The downward API volume's name. Default: <see cref="DefaultVolumeName"/>.</summary>
    public string? VolumeName { get; set; }

    /// <summary>Where the volume is mounted in the container. Default: <see cref="DefaultMountPath"/>.</summary>
    public string? MountPath { get; set; }

    /// <summary>The kind of workload a kustomize patch targets. <see cref="WorkloadKind.None"/> writes no patch.</summary>
    public WorkloadKind WorkloadKind { get; set; }

    /// <summary>The workload's <c>metadata.name</c>, for the kustomize patch.</summary>
    public string? WorkloadName { get; set; }

    /// <summary>
    /// The name of the class's YAML files: <c>&lt;ManifestName&gt;.yaml</c> and <c>&lt;ManifestName&gt;.patch.yaml</c> in the
    /// manifest folder. Default: the class name in kebab case (<c>PodInfo</c> → <c>pod-info</c>). Set it when two bound
    /// classes of one project share a name in different namespaces (PB0107).
    /// </summary>
    public string? ManifestName { get; set; }

    /// <summary>
    /// The volume's <c>defaultMode</c>, the permission bits of every item file, written in octal as in a manifest
    /// (<c>"0440"</c> for images that must not expose the files to other users). Default: Kubernetes' 0644.
    /// Kubernetes accepts 0 to 0777 (PB0019).
    /// </summary>
    public string? DefaultMode { get; set; }
}
