namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>A fault the test API server can inject into the next responses.</summary>
public enum FaultKind
{
    /// <summary>500 with an InternalError <c>v1.Status</c>.</summary>
    InternalError,

    /// <summary>No answer until the client gives up (cancels or closes the connection).</summary>
    Hang,

    /// <summary>The connection (HTTP/1.1) or stream (HTTP/2) is reset without a response.</summary>
    Reset,

    /// <summary>
    /// HTTP 410 with a <c>v1.Status</c> of reason <c>Expired</c> (<c>NewResourceExpired</c>), the way kube-apiserver
    /// answers a request whose resource version or continue token has been compacted before any stream starts. A watch
    /// compacted after it started gets an ERROR event instead (<see cref="ObjectStore.Compact"/>).
    /// </summary>
    Gone,
}
