using k8s;
using System.Text;
using k8s.Models;
using PodBinding.Kubernetes.Facts;
using PodBinding.Kubernetes.Workloads;
using PodBinding.Shared;

namespace PodBinding.Kubernetes;

public sealed partial class KubernetesConnection
{
    internal k8s.Kubernetes RawClient => _client;

    /// <summary>
    /// Reads the facts <typeparamref name="T"/> declares (its generated <c>ApiRequest</c>) once, after the start-up
    /// self-check, and builds an instance with its generated <c>FromApiFacts</c>.
    /// </summary>
    public async Task<T> LoadFactsAsync<T>(DownwardIdentity identity, CancellationToken cancellationToken = default)
        where T : IApiFactsBinding<T> =>
        T.FromApiFacts(await LoadFactsAsync(T.ApiRequest, identity, null, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads one consistent <see cref="ApiFacts"/> for <paramref name="request"/>: the requests of the shared access
    /// table (a <c>get</c> per object, a <c>list</c> for peers), after one SelfSubjectAccessReview per needed verb unless
    /// <see cref="ApiWatchOptions.SelfCheck"/> is off.
    /// </summary>
    public Task<ApiFacts> LoadFactsAsync(ApiFactsRequest request, DownwardIdentity identity, ApiWatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(identity);
        options ??= new ApiWatchOptions();
        options.Validate();
        return ApiFactsWatch.LoadAsync(this, request, identity, options, cancellationToken);
    }

    /// <summary>Starts the live form of <see cref="LoadFactsAsync{T}(DownwardIdentity, CancellationToken)"/>: await its <c>WaitForFirstAsync</c>.</summary>
    public ApiFactsWatch<T> WatchFacts<T>(DownwardIdentity identity, ApiWatchOptions? options = null)
        where T : IApiFactsBinding<T> => new(WatchFacts(T.ApiRequest, identity, options));

    /// <summary>
    /// Starts reading and then watching <paramref name="request"/>'s facts; the first read (and the self-check) runs in
    /// the background: await <see cref="ApiFactsWatch.WaitForFirstAsync"/>. Dispose to stop the watches.
    /// </summary>
    public ApiFactsWatch WatchFacts(ApiFactsRequest request, DownwardIdentity identity, ApiWatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(identity);
        options ??= new ApiWatchOptions();
        options.Validate();
        return new ApiFactsWatch(this, request, identity, options, live: true);
    }

    /// <summary>
    /// The start-up self-check: one SelfSubjectAccessReview per verb of each rule <c>ApiAccessContract</c> gives for
    /// <paramref name="request"/> (with the object's name where it is known). Throws one
    /// <see cref="KubernetesConnectionException"/> (<see cref="KubernetesConnectionErrorKind.Forbidden"/>) that lists
    /// every denied rule and the Role/ClusterRole YAML granting them.
    /// </summary>
    /// <param name="request">The declared facts.</param>
    /// <param name="identity">The pod's name, namespace and node name.</param>
    /// <param name="workloadKind">The top workload's kind (<c>Deployment</c>, …), or null when unknown.</param>
    /// <param name="cancellationToken">Cancels the reviews.</param>
    public Task CheckApiAccessAsync(ApiFactsRequest request, DownwardIdentity identity, string? workloadKind = null, CancellationToken cancellationToken = default) =>
        CheckApiAccessAsync(request, identity, workloadKind, null, cancellationToken);

    internal async Task CheckApiAccessAsync(ApiFactsRequest request, DownwardIdentity identity, string? workloadKind, OwningWorkload? owner, CancellationToken ct)
    {
        string @namespace = identity.Namespace is { Length: > 0 } ns ? ns : Namespace ?? "";
        var checkedRules = new List<(ApiAccessContract.Rule Rule, string Verb, string? Name, bool Allowed)>();
        foreach (ApiAccessContract.Rule rule in ApiAccessContract.Rules((int)request.Kinds, workloadKind))
        {
            if (owner is not null && rule.Resource == WorkloadResources.Pod.Plural)
            {
                continue; // the pods rule was checked before the chain was read
            }

            foreach (string verb in rule.Verbs)
            {
                string? name = NameFor(rule, verb, identity, request, owner);
                var review = new V1SelfSubjectAccessReview
                {
                    ApiVersion = "authorization.k8s.io/v1",
                    Kind = "SelfSubjectAccessReview",
                    Spec = new V1SelfSubjectAccessReviewSpec
                    {
                        ResourceAttributes = new V1ResourceAttributes
                        {
                            Verb = verb, Group = rule.ApiGroup, Resource = rule.Resource, Name = name,
                            NamespaceProperty = rule.ClusterScoped ? null : @namespace,
                        },
                    },
                };
                V1SelfSubjectAccessReview answer = await _client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(review, cancellationToken: ct).ConfigureAwait(false);
                checkedRules.Add((rule, verb, name, answer.Status?.Allowed == true));
            }
        }

        if (checkedRules.Exists(r => !r.Allowed))
        {
            string text = MissingRulesText(checkedRules, @namespace, identity.ServiceAccountName, owner is null ? "api-facts" : "api-owner");
            throw new KubernetesConnectionException(KubernetesConnectionErrorKind.Forbidden, text) { StatusCode = 403 };
        }
    }

    private static string? NameFor(ApiAccessContract.Rule rule, string verb, DownwardIdentity identity, ApiFactsRequest request, OwningWorkload? owner)
    {
        if (rule.NamedByWorkload)
        {
            return owner?.Workload?.Name ?? request.WorkloadName;
        }

        bool single = verb == "get" || (verb == "watch" && Array.IndexOf(rule.Verbs, "list") < 0);
        if (!single)
        {
            return null; // a label-selected list or watch has no name
        }

        return rule.Resource switch
        {
            _ when rule.Resource == WorkloadResources.Pod.Plural => identity.PodName,
            "nodes" => identity.NodeName,
            _ when rule.Resource == WorkloadResources.ReplicaSet.Plural || rule.Resource == WorkloadResources.Job.Plural =>
                owner?.Chain.FirstOrDefault(c => c.Kind == WorkloadResources.ReplicaSet.Kind || c.Kind == WorkloadResources.Job.Kind)?.Name,
            _ => null,
        };
    }

    /// <summary>
    /// Lists the denied rules and prints RBAC that grants everything this check covers (not only what was denied), under
    /// names of its own: applying it never replaces a Role the user or the generated YAML already has, re-applying it
    /// after another denial keeps what it granted before, and its ClusterRoleBinding carries the namespace, because a
    /// cluster-scoped name is shared by every namespace the app runs in.
    /// </summary>
    private string MissingRulesText(List<(ApiAccessContract.Rule Rule, string Verb, string? Name, bool Allowed)> rules,
        string @namespace, string? serviceAccount, string purpose)
    {
        int missingCount = rules.Count(r => !r.Allowed);
        var text = new StringBuilder();
        text.Append("The start-up self-check (SelfSubjectAccessReview at ").Append(Endpoint).Append(") found ").Append(missingCount)
            .AppendLine(missingCount == 1 ? " missing permission the declared API facts need:" : " missing permissions the declared API facts need:");
        foreach ((ApiAccessContract.Rule rule, string verb, string? name, _) in rules.Where(r => !r.Allowed))
        {
            text.Append("- ").Append(verb).Append(' ').Append(rule.Resource).Append(rule.ApiGroup.Length == 0 ? "" : $" (API group {rule.ApiGroup})")
                .Append(rule.ClusterScoped ? " (cluster-wide)" : $" in namespace {@namespace}").Append(name is null ? "" : $" (name {name})").AppendLine();
        }

        string subject = serviceAccount is { Length: > 0 } sa ? sa : "<service-account-name>";
        text.AppendLine("Grant them with (kubectl apply -f; it grants every rule these facts need, under its own names):");
        string role = $"{subject}-podbinding-{purpose}";
        AppendRole(text, rules.Where(m => !m.Rule.ClusterScoped).ToList(), "Role", role, role, @namespace, subject);
        AppendRole(text, rules.Where(m => m.Rule.ClusterScoped).ToList(), "ClusterRole", role, $"{@namespace}-{role}", @namespace, subject);
        return text.ToString().TrimEnd();
    }

    private static void AppendRole(StringBuilder text, List<(ApiAccessContract.Rule Rule, string Verb, string? Name, bool Allowed)> rules, string kind, string name,
        string bindingName, string @namespace, string subject)
    {
        if (rules.Count == 0)
        {
            return;
        }

        string metadataNs = kind == "Role" ? $"\n  namespace: {@namespace}" : "";
        text.Append("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ").Append(kind).Append("\nmetadata:\n  name: ").Append(name).Append(metadataNs).Append("\nrules:\n");
        foreach (var group in rules.GroupBy(r => (r.Rule.ApiGroup, r.Rule.Resource, Name: r.Rule.NamedByWorkload ? r.Name : null)))
        {
            text.Append("- apiGroups: [\"").Append(group.Key.ApiGroup).Append("\"]\n  resources: [\"").Append(group.Key.Resource).Append("\"]\n");
            if (group.Key.Name is not null)
            {
                text.Append("  resourceNames: [\"").Append(group.Key.Name).Append("\"]\n");
            }

            text.Append("  verbs: [").Append(string.Join(", ", group.Select(g => $"\"{g.Verb}\"").Distinct())).Append("]\n");
        }

        text.Append("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ").Append(kind).Append("Binding\nmetadata:\n  name: ").Append(bindingName).Append(metadataNs)
            .Append("\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ").Append(kind).Append("\n  name: ").Append(name)
            .Append("\nsubjects:\n- kind: ServiceAccount\n  name: ").Append(subject).Append("\n  namespace: ").Append(@namespace).Append('\n');
    }
}
