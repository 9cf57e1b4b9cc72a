namespace PodBinding.Kubernetes;

/// <summary>
/// Who the API server says the caller is (SelfSubjectReview), with the pod and node a service-account token is bound
/// to, and what the Downward API supplied where the review had nothing.
/// </summary>
public sealed record KubernetesIdentity
{
    /// <summary>The authenticated user (<c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c> for a pod).</summary>
    public required string UserName { get; init; }

    /// <summary>The user's UID, when the authenticator gives one.</summary>
    public string? Uid { get; init; }

    /// <summary>The user's groups.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The service account's namespace (from the user name), else the Downward API's.</summary>
    public string? Namespace { get; init; }

    /// <summary>The service account's name (from the user name), else the Downward API's.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>The pod the token is bound to (extra key <c>authentication.kubernetes.io/pod-name</c>), else the Downward API's.</summary>
    public string? PodName { get; init; }

    /// <summary>The pod's UID (<c>authentication.kubernetes.io/pod-uid</c>), else the Downward API's.</summary>
    public string? PodUid { get; init; }

    /// <summary>The node (<c>authentication.kubernetes.io/node-name</c>, set from Kubernetes 1.30), else the Downward API's.</summary>
    public string? NodeName { get; init; }

    /// <summary>The node's UID (<c>authentication.kubernetes.io/node-uid</c>).</summary>
    public string? NodeUid { get; init; }

    /// <summary>The fields filled from the Downward API because the review had no value for them.</summary>
    public IReadOnlyList<string> FromDownward { get; init; } = [];

    /// <summary>Fields where the review and the Downward API disagree (the review's value is kept), as "field: review vs downward".</summary>
    public IReadOnlyList<string> Disagreements { get; init; } = [];
}
