namespace PodBinding;

/// <summary>
/// How a pod reaches the Kubernetes API server, for the YAML PodBinding writes (<see cref="KubernetesApiAttribute"/>).
/// Each value matches a mode of <c>PodBinding.Kubernetes</c>' connection; the YAML sets that mode for the app.
/// </summary>
public enum KubernetesApiMode
{
    /// <summary>
    /// Directly, through the <c>kubernetes</c> Service and the pod's service-account token: a ServiceAccount,
    /// <c>serviceAccountName</c> and <c>automountServiceAccountToken: true</c>.
    /// </summary>
    InCluster = 1,

    /// <summary>
    /// Through an ambassador sidecar running <c>kubectl proxy</c> on <c>127.0.0.1:8001</c>: the app speaks plain HTTP to
    /// localhost and holds no token (only the sidecar mounts it).
    /// </summary>
    Ambassador = 2,

    /// <summary>
    /// The ambassador on a Unix socket (<c>/var/run/kubectl/proxy.sock</c>) in an <c>emptyDir</c> shared with the app;
    /// kubectl creates the socket owner-only, so both run as <see cref="KubernetesApiAttribute.RunAsUser"/>.
    /// </summary>
    AmbassadorUnixSocket = 3,
}
