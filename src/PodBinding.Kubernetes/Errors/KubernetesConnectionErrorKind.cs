namespace PodBinding.Kubernetes;

/// <summary>What kind of failure a <see cref="KubernetesConnectionException"/> reports.</summary>
public enum KubernetesConnectionErrorKind
{
    /// <summary>No mode applies (or the requested one does not): the message lists each mode, why, and the fix.</summary>
    NoUsableMode,

    /// <summary>The service-account folder, token or ca.crt is missing or unusable.</summary>
    ServiceAccount,

    /// <summary>The API server answered 401 even after the token was re-read.</summary>
    Unauthorized,

    /// <summary>The API server answered 403: the message names the verb, resource and namespace and gives the RBAC YAML.</summary>
    Forbidden,

    /// <summary>The TLS handshake failed: the message names the CA file and the <c>..data</c> generation it came from.</summary>
    Tls,

    /// <summary>Nothing listens at the endpoint (kubectl proxy not started, ambassador sidecar not ready, wrong address).</summary>
    ConnectionRefused,

    /// <summary>The connection was reset or closed before a response arrived.</summary>
    ConnectionReset,

    /// <summary>No response within <see cref="KubernetesConnectionOptions.RequestTimeout"/> or <see cref="KubernetesConnectionOptions.ConnectTimeout"/>.</summary>
    Timeout,

    /// <summary>The server (or kubectl proxy in front of it) answered with a 5xx status.</summary>
    ServerError,

    /// <summary>An object the operation starts from does not exist (the pod whose owner chain is resolved).</summary>
    NotFound,
}
