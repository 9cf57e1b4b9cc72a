namespace PodBinding.Kubernetes.Facts;

/// <summary>The pods matching a label selector in the pod's namespace, this pod included, ordered by name.</summary>
/// <param name="Selector">The label selector used.</param>
/// <param name="Pods">The matching pods.</param>
public sealed record PeerSet(string Selector, IReadOnlyList<PeerPod> Pods)
{
    /// <summary>The pods whose <c>Ready</c> condition is <c>True</c> and that are not being deleted.</summary>
    public IReadOnlyList<PeerPod> Ready => Pods.Where(p => p.Ready).ToArray();
}

/// <summary>One peer pod.</summary>
/// <param name="Name">metadata.name</param>
/// <param name="Ip">status.podIP, or null before it is assigned.</param>
/// <param name="Ready">Ready condition True and no deletionTimestamp.</param>
/// <param name="NodeName">spec.nodeName</param>
/// <param name="Phase">status.phase</param>
public sealed record PeerPod(string Name, string? Ip, bool Ready, string? NodeName, string? Phase);
