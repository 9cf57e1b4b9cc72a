using System.Net;

namespace PodBinding.Kubernetes.Modes;

/// <summary>
/// The chosen mode and everything needed to connect with it. <see cref="BaseUri"/> is what requests are addressed to;
/// <see cref="Dial"/>, when set, is where the socket really connects (a loopback address, or a Unix socket), so the
/// Host header can be <c>localhost</c>, the only name <c>kubectl proxy</c> accepts on every address family.
/// </summary>
internal sealed record ResolvedMode(KubernetesConnectionMode Mode, Uri BaseUri, string Reason)
{
    /// <summary>The socket address to connect to instead of resolving <see cref="BaseUri"/>'s host.</summary>
    public EndPoint? Dial { get; init; }

    /// <summary>The endpoint as the user configured it (shown in logs and errors).</summary>
    public string Display { get; init; } = "";

    /// <summary>InCluster: the service-account folder.</summary>
    public string? ServiceAccountDirectory { get; init; }

    /// <summary>Kubeconfig: the file and the context used.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Kubeconfig: the context used (null: its current context).</summary>
    public string? KubeconfigContext { get; init; }
}
