namespace PodBinding.Shared;

/// <summary>
/// What the generated API-mode YAML and <c>PodBinding.Kubernetes</c>' connection must agree on: the variables that
/// choose the mode and the ambassador's endpoint, and where the ambassador listens. A test in
/// PodBinding.Kubernetes.Tests pins each to <c>KubernetesConnectionOptions</c>' defaults.
/// </summary>
internal static class KubernetesApiContract
{
    /// <summary><c>KubernetesConnectionOptions.ModeVariable</c>.</summary>
    public const string ModeVariable = "PODBINDING_KUBERNETES_MODE";

    /// <summary><c>KubernetesConnectionOptions.AmbassadorVariable</c>.</summary>
    public const string AmbassadorVariable = "PODBINDING_KUBERNETES_AMBASSADOR";

    /// <summary>The ambassador's TCP port: <c>KubernetesConnectionOptions.AmbassadorUri</c>'s (kubectl proxy's default).</summary>
    public const int AmbassadorPort = 8001;

    /// <summary><c>KubernetesConnectionOptions.AmbassadorUri</c>.</summary>
    public const string AmbassadorTcpUri = "http://127.0.0.1:8001";

    /// <summary>The folder of the shared <c>emptyDir</c> that holds the socket.</summary>
    public const string SocketDirectory = "/var/run/kubectl";

    /// <summary>The socket kubectl proxy creates (<c>--unix-socket</c>).</summary>
    public const string SocketPath = SocketDirectory + "/proxy.sock";

    /// <summary>The value of <see cref="AmbassadorVariable"/> for the socket variant.</summary>
    public const string AmbassadorSocketUri = "unix://" + SocketPath;

    /// <summary>The kubelet's service-account folder (<c>KubernetesConnectionOptions.DefaultServiceAccountDirectory</c>).</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The mode names <c>PodBinding.Kubernetes</c> parses from <see cref="ModeVariable"/>.</summary>
    public const string InClusterMode = "InCluster";
    public const string AmbassadorMode = "Ambassador";
}
