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
}
