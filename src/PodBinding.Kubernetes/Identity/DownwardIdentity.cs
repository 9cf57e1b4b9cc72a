namespace PodBinding.Kubernetes;

/// <summary>What the pod knows about itself from the Downward API (any of it may be missing); merged into <see cref="KubernetesIdentity"/>.</summary>
/// <param name="PodName">metadata.name</param>
/// <param name="PodUid">metadata.uid</param>
/// <param name="Namespace">metadata.namespace</param>
/// <param name="NodeName">spec.nodeName</param>
/// <param name="ServiceAccountName">spec.serviceAccountName</param>
public sealed record DownwardIdentity(
    string? PodName = null,
    string? PodUid = null,
    string? Namespace = null,
    string? NodeName = null,
    string? ServiceAccountName = null);
