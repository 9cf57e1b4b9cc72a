using k8s;
using k8s.Models;

namespace PodBinding.Kubernetes;

public sealed partial class KubernetesConnection
{
    // The extra keys a service-account token carries (k8s.io/apiserver pkg/authentication/serviceaccount/util.go,
    // ServiceAccountInfo.UserInfo).
    private const string PodNameKey = "authentication.kubernetes.io/pod-name";
    private const string PodUidKey = "authentication.kubernetes.io/pod-uid";
    private const string NodeNameKey = "authentication.kubernetes.io/node-name";
    private const string NodeUidKey = "authentication.kubernetes.io/node-uid";

    /// <summary>
    /// Asks the API server who this is (a SelfSubjectReview: every authenticated user may, no RBAC grant needed) and
    /// merges <paramref name="downward"/> into the fields the review leaves empty. Also proves endpoint, CA and token work.
    /// </summary>
    public async Task<KubernetesIdentity> WhoAmIAsync(DownwardIdentity? downward = null, CancellationToken cancellationToken = default)
    {
        var request = new V1SelfSubjectReview { ApiVersion = "authentication.k8s.io/v1", Kind = "SelfSubjectReview" };
        V1SelfSubjectReview review = await _client.AuthenticationV1.CreateSelfSubjectReviewAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        V1UserInfo info = review.Status?.UserInfo ?? new V1UserInfo();
        return Merge(info, downward);
    }

    internal static KubernetesIdentity Merge(V1UserInfo info, DownwardIdentity? downward)
    {
        string user = info.Username ?? "";
        string? saNamespace = null, saName = null;
        if (user.Split(':') is ["system", "serviceaccount", var ns, var name])
        {
            saNamespace = ns;
            saName = name;
        }

        var fromDownward = new List<string>();
        var disagreements = new List<string>();
        string? Pick(string field, string? fromReview, string? fromPod)
        {
            if (string.IsNullOrEmpty(fromReview))
            {
                if (!string.IsNullOrEmpty(fromPod))
                {
                    fromDownward.Add(field);
                }

                return string.IsNullOrEmpty(fromPod) ? null : fromPod;
            }

            if (!string.IsNullOrEmpty(fromPod) && !string.Equals(fromReview, fromPod, StringComparison.Ordinal))
            {
                disagreements.Add($"{field}: {fromReview} vs {fromPod}");
            }

            return fromReview;
        }

        return new KubernetesIdentity
        {
            UserName = user,
            Uid = string.IsNullOrEmpty(info.Uid) ? null : info.Uid,
            Groups = info.Groups?.ToArray() ?? [],
            Namespace = Pick(nameof(KubernetesIdentity.Namespace), saNamespace, downward?.Namespace),
            ServiceAccountName = Pick(nameof(KubernetesIdentity.ServiceAccountName), saName, downward?.ServiceAccountName),
            PodName = Pick(nameof(KubernetesIdentity.PodName), Extra(info, PodNameKey), downward?.PodName),
            PodUid = Pick(nameof(KubernetesIdentity.PodUid), Extra(info, PodUidKey), downward?.PodUid),
            NodeName = Pick(nameof(KubernetesIdentity.NodeName), Extra(info, NodeNameKey), downward?.NodeName),
            NodeUid = Extra(info, NodeUidKey),
            FromDownward = fromDownward,
            Disagreements = disagreements,
        };
    }

    /// <summary>An extra value; keys compare case-insensitively because impersonation and request-header authentication lowercase them.</summary>
    private static string? Extra(V1UserInfo info, string key)
    {
        if (info.Extra is null)
        {
            return null;
        }

        foreach (KeyValuePair<string, IList<string>> pair in info.Extra)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase) && pair.Value is { Count: > 0 } values)
            {
                return values[0];
            }
        }

        return null;
    }
}
