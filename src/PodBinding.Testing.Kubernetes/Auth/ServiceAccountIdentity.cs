namespace PodBinding.Testing.Kubernetes.Auth;

/// <summary>
/// Who a service-account token belongs to: what the API server's service-account authenticator derives from a
/// pod-bound token (k8s.io/apiserver <c>pkg/authentication/serviceaccount/util.go</c>, <c>ServiceAccountInfo.UserInfo</c>).
/// </summary>
public sealed record ServiceAccountIdentity
{
    /// <summary>The service account's namespace.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>The service account's name.</summary>
    public string Name { get; init; } = "default";

    /// <summary>The service account's UID.</summary>
    public string Uid { get; init; } = "5f1c7a38-0c38-4c4e-9b7a-0d5a2f3c1e01";

    /// <summary>The pod the token is bound to, or null for a token not bound to a pod.</summary>
    public string? PodName { get; init; } = "simulated-pod";

    /// <summary>The bound pod's UID.</summary>
    public string? PodUid { get; init; } = "0b6f3b8e-2d55-4d7e-a2b8-7c1d2e3f4a50";

    /// <summary>The node the bound pod runs on (set since ServiceAccountTokenPodNodeInfo, GA in 1.32).</summary>
    public string? NodeName { get; init; } = "node-1";

    /// <summary>The node's UID.</summary>
    public string? NodeUid { get; init; } = "9c1f2e3d-4b5a-4c6d-8e7f-0a1b2c3d4e5f";

    /// <summary>The token's JTI; reported as <c>JTI=&lt;value&gt;</c> under the credential-id extra key.</summary>
    public string? CredentialId { get; init; } = "1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

    /// <summary>The user name: <c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c>.</summary>
    public string UserName => PodBinding.Shared.RbacRuleMatch.ServiceAccountUserName(Namespace, Name);

    /// <summary>The three groups every service account is in.</summary>
    public IReadOnlyList<string> Groups => PodBinding.Shared.RbacRuleMatch.ServiceAccountGroups(Namespace);

    /// <summary>The extra keys, present only when their values are known, as the authenticator adds them.</summary>
    public IDictionary<string, IList<string>> Extra
    {
        get
        {
            var extra = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
            if (PodName is not null && PodUid is not null)
            {
                extra["authentication.kubernetes.io/pod-name"] = new List<string> { PodName };
                extra["authentication.kubernetes.io/pod-uid"] = new List<string> { PodUid };
            }

            if (NodeName is not null)
            {
                extra["authentication.kubernetes.io/node-name"] = new List<string> { NodeName };
                if (NodeUid is not null)
                {
                    extra["authentication.kubernetes.io/node-uid"] = new List<string> { NodeUid };
                }
            }

            if (CredentialId is not null)
            {
                extra["authentication.kubernetes.io/credential-id"] = new List<string> { "JTI=" + CredentialId };
            }

            return extra;
        }
    }
}
