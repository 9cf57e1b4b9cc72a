using Microsoft.Extensions.Logging;
using PodBinding.Watching;

namespace PodBinding.Kubernetes;

/// <summary>
/// Where and how to connect. Every input the mode selection reads (folders, environment variable names, endpoints)
/// is an option, so tests and unusual pods can point it elsewhere.
/// </summary>
public sealed class KubernetesConnectionOptions
{
    /// <summary>The default service-account folder the kubelet mounts into every container.</summary>
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The mode, or <see cref="KubernetesConnectionMode.Auto"/> (default). <see cref="ModeVariable"/> overrides it.</summary>
    public KubernetesConnectionMode Mode { get; set; } = KubernetesConnectionMode.Auto;

    /// <summary>
    /// The environment variable that overrides <see cref="Mode"/> at deploy time (<c>InCluster</c>, <c>Proxy</c>,
    /// <c>Ambassador</c>, <c>Kubeconfig</c> or <c>Auto</c>, any case). Default <c>PODBINDING_KUBERNETES_MODE</c>.
    /// </summary>
    public string ModeVariable { get; set; } = "PODBINDING_KUBERNETES_MODE";

    /// <summary>The service-account folder (token, ca.crt, namespace). Default <see cref="DefaultServiceAccountDirectory"/>.</summary>
    public string ServiceAccountDirectory { get; set; } = DefaultServiceAccountDirectory;

    /// <summary>The variable holding the API server's address in a pod. Default <c>KUBERNETES_SERVICE_HOST</c>.</summary>
    public string ServiceHostVariable { get; set; } = "KUBERNETES_SERVICE_HOST";

    /// <summary>The variable holding the API server's port in a pod. Default <c>KUBERNETES_SERVICE_PORT</c>.</summary>
    public string ServicePortVariable { get; set; } = "KUBERNETES_SERVICE_PORT";

    /// <summary>Where <c>kubectl proxy</c> listens on a laptop. Default <c>http://127.0.0.1:8001</c>; a path prefix (<c>--api-prefix</c>) is kept.</summary>
    public Uri ProxyUri { get; set; } = new("http://127.0.0.1:8001");

    /// <summary>The variable that overrides <see cref="ProxyUri"/>. Default <c>PODBINDING_KUBERNETES_PROXY</c>.</summary>
    public string ProxyVariable { get; set; } = "PODBINDING_KUBERNETES_PROXY";

    /// <summary>
    /// Where the ambassador sidecar listens: <c>http://127.0.0.1:8001</c> (default) or a Unix socket
    /// <c>unix:///var/run/kubectl/proxy.sock</c> on a shared <c>emptyDir</c>.
    /// </summary>
    public Uri AmbassadorUri { get; set; } = new("http://127.0.0.1:8001");

    /// <summary>
    /// The variable that overrides <see cref="AmbassadorUri"/>; when it is set, <see cref="KubernetesConnectionMode.Auto"/>
    /// also treats the ambassador as intended. Default <c>PODBINDING_KUBERNETES_AMBASSADOR</c>.
    /// </summary>
    public string AmbassadorVariable { get; set; } = "PODBINDING_KUBERNETES_AMBASSADOR";

    /// <summary>The kubeconfig file; null (default): the first entry of <c>KUBECONFIG</c>, else <c>~/.kube/config</c>.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>The kubeconfig context; null (default): its current context.</summary>
    public string? KubeconfigContext { get; set; }

    /// <summary>
    /// How long a request may wait for the response headers before it fails with a timeout error (watch requests
    /// are exempt once their headers arrive). Default 30 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long opening a connection may take (also the Auto-mode probe of a proxy or ambassador). Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a pooled connection is reused. A CA change applies to every new connection at once; connections
    /// opened under the previous CA are retired within this time. Default 1 min.
    /// </summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How the service-account folder is watched for the kubelet's <c>..data</c> swap.</summary>
    public DownwardWatchOptions WatchOptions { get; set; } = new();

    /// <summary>Where the chosen mode, reloads and kept-last-good CAs are logged. Default: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Reads an environment variable; tests replace it. Default <see cref="Environment.GetEnvironmentVariable(string)"/>.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    internal void Validate()
    {
        if (RequestTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero || PooledConnectionLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), "RequestTimeout, ConnectTimeout and PooledConnectionLifetime must be positive.");
        }

        ArgumentException.ThrowIfNullOrEmpty(ServiceAccountDirectory);
        ArgumentNullException.ThrowIfNull(ProxyUri);
        ArgumentNullException.ThrowIfNull(AmbassadorUri);
        ArgumentNullException.ThrowIfNull(GetEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(WatchOptions);
    }
}
