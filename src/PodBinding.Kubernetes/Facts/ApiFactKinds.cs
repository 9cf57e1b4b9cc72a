namespace PodBinding.Kubernetes.Facts;

/// <summary>
/// Which API-server facts a binding reads. Each kind is one set of requests (see the shared access table,
/// <c>ApiAccessContract</c>), so the generated RBAC, the start-up self-check and the reader agree on them.
/// </summary>
[Flags]
public enum ApiFactKinds
{
    /// <summary>Nothing from the API server.</summary>
    None = 0,

    /// <summary>The pod's own status (<c>get</c> + <c>watch</c> pods, by name).</summary>
    PodStatus = 1,

    /// <summary>The node the pod runs on (<c>get</c> + <c>watch</c> nodes, by name; cluster-scoped).</summary>
    Node = 2,

    /// <summary>The owner chain up to the workload (<c>get</c> on each step, <c>watch</c> on the top workload).</summary>
    Owner = 4,

    /// <summary>The pods that share a label selector with this one (<c>list</c> + <c>watch</c> pods).</summary>
    Peers = 8,
}
