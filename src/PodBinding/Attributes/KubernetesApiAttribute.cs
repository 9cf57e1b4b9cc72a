namespace PodBinding;

/// <summary>
/// Declares that the app talks to the Kubernetes API server and in which in-pod modes. On a class with
/// <see cref="FromDownwardAttribute"/> members whose <see cref="DownwardBindingAttribute"/> names the workload,
/// PodBinding writes one kustomize Component per mode under the manifest folder
/// (<c>kubernetes-api/&lt;mode&gt;/</c>); an overlay picks its mode by adding that folder next to the main Component.
/// </summary>
/// <example><c>[KubernetesApi(KubernetesApiMode.InCluster, KubernetesApiMode.Ambassador)]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KubernetesApiAttribute : Attribute
{
    /// <summary>The user id of the .NET container images' non-root <c>app</c> user (<c>APP_UID</c>), 1654.</summary>
    public const long DefaultRunAsUser = 1654;

    /// <summary>The modes to write YAML for; each gets its own Component.</summary>
    /// <param name="modes">At least one mode; duplicates are reported.</param>
    public KubernetesApiAttribute(params KubernetesApiMode[] modes) => Modes = modes;

    /// <summary>The modes to write YAML for.</summary>
    public KubernetesApiMode[] Modes { get; }

    /// <summary>The ServiceAccount the pod runs as (and that the YAML creates). Default: the workload name.</summary>
    public string? ServiceAccountName { get; set; }

    /// <summary>
    /// For <see cref="KubernetesApiMode.AmbassadorUnixSocket"/>: the user id both the app and the sidecar run as, so the
    /// app may open the owner-only socket. Default <see cref="DefaultRunAsUser"/>.
    /// </summary>
    public long RunAsUser { get; set; } = DefaultRunAsUser;
}
