using System.Collections.Concurrent;
using k8s.Models;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.Auth;
using PodBinding.Shared;

namespace PodBinding.Testing.Kubernetes.Rbac;

/// <summary>
/// Decides requests from an <see cref="RbacPolicy"/> the way kube-apiserver's RBAC authorizer does
/// (kubernetes <c>plugin/pkg/auth/authorizer/rbac/rbac.go</c>, <c>RuleAllows</c>, and
/// <c>pkg/registry/rbac/validation/rule.go</c>, <c>VisitRulesFor</c>): ClusterRoleBindings first, then the
/// RoleBindings of the request's namespace; a rule allows when its verbs, apiGroups, resources (with
/// <c>resource/subresource</c> and <c>*/subresource</c>) and resourceNames all match, or its nonResourceURLs do.
/// Like the bootstrap policy, every authenticated user may create SelfSubjectReviews and Self*AccessReviews and read
/// the discovery paths; those built-in rules are not counted as used.
/// </summary>
internal sealed class RbacAuthorizer
{
    private static readonly V1PolicyRule[] BuiltInRules =
    {
        new() { ApiGroups = new List<string> { "authentication.k8s.io" }, Resources = new List<string> { "selfsubjectreviews" }, Verbs = new List<string> { "create" } },
        new() { ApiGroups = new List<string> { "authorization.k8s.io" }, Resources = new List<string> { "selfsubjectaccessreviews", "selfsubjectrulesreviews" }, Verbs = new List<string> { "create" } },
        new()
        {
            NonResourceURLs = new List<string> { "/api", "/api/*", "/apis", "/apis/*", "/version", "/version/", "/healthz", "/livez", "/readyz", "/openapi", "/openapi/*" },
            Verbs = new List<string> { "get" },
        },
    };

    private readonly RbacPolicy? _policy;
    private readonly ConcurrentDictionary<RbacRuleReference, long> _uses = new();

    public RbacAuthorizer(RbacPolicy? policy) => _policy = policy;

    public bool Enforcing => _policy is not null;

    public IReadOnlyDictionary<RbacRuleReference, long> Uses => _uses;

    public IReadOnlyList<RbacRuleReference> UnusedRules =>
        _policy is null ? Array.Empty<RbacRuleReference>() : _policy.Rules.Where(r => !_uses.ContainsKey(r)).ToList();

    public RbacDecision Authorize(ServiceAccountIdentity user, RequestInfo request, bool recordUse)
    {
        if (BuiltInRules.Any(rule => RuleAllows(request, rule)))
        {
            return new RbacDecision(true, "RBAC: allowed by ClusterRoleBinding \"system:basic-user\" of ClusterRole \"system:basic-user\" to Group \"system:authenticated\"", null);
        }

        if (_policy is null)
        {
            return new RbacDecision(true, "", null);
        }

        var errors = new List<string>();
        foreach (V1ClusterRoleBinding binding in _policy.ClusterRoleBindings)
        {
            Rbacv1Subject? subject = binding.Subjects?.FirstOrDefault(s => AppliesTo(user, s, ""));
            if (subject is null)
            {
                continue;
            }

            if (Visit(request, binding.RoleRef, null, errors) is { } rule)
            {
                return Allow(rule, $"ClusterRoleBinding \"{binding.Metadata.Name}\" of {binding.RoleRef.Kind} \"{binding.RoleRef.Name}\" to {Describe(subject, "")}", recordUse);
            }
        }

        if (request.Namespace.Length > 0)
        {
            foreach (V1RoleBinding binding in _policy.RoleBindings.Where(b => b.Metadata.NamespaceProperty == request.Namespace))
            {
                Rbacv1Subject? subject = binding.Subjects?.FirstOrDefault(s => AppliesTo(user, s, request.Namespace));
                if (subject is null)
                {
                    continue;
                }

                if (Visit(request, binding.RoleRef, request.Namespace, errors) is { } rule)
                {
                    return Allow(rule, $"RoleBinding \"{binding.Metadata.Name}/{request.Namespace}\" of {binding.RoleRef.Kind} \"{binding.RoleRef.Name}\" to {Describe(subject, request.Namespace)}", recordUse);
                }
            }
        }

        return new RbacDecision(false, errors.Count == 0 ? "" : "RBAC: " + FormatAggregate(errors), null);
    }

    private RbacDecision Allow(RbacRuleReference rule, string by, bool recordUse)
    {
        if (recordUse)
        {
            _uses.AddOrUpdate(rule, 1, (_, n) => n + 1);
        }

        return new RbacDecision(true, "RBAC: allowed by " + by, rule);
    }

    private RbacRuleReference? Visit(RequestInfo request, V1RoleRef roleRef, string? bindingNamespace, List<string> errors)
    {
        IList<V1PolicyRule>? rules;
        if (roleRef.Kind == "ClusterRole")
        {
            rules = _policy!.ClusterRoles.FirstOrDefault(r => r.Metadata.Name == roleRef.Name)?.Rules;
            if (rules is null && !_policy.ClusterRoles.Any(r => r.Metadata.Name == roleRef.Name))
            {
                errors.Add($"clusterrole.rbac.authorization.k8s.io \"{roleRef.Name}\" not found");
                return null;
            }
        }
        else if (roleRef.Kind == "Role" && bindingNamespace is not null)
        {
            V1Role? role = _policy!.Roles.FirstOrDefault(r => r.Metadata.Name == roleRef.Name && r.Metadata.NamespaceProperty == bindingNamespace);
            if (role is null)
            {
                errors.Add($"role.rbac.authorization.k8s.io \"{roleRef.Name}\" not found");
                return null;
            }

            rules = role.Rules;
        }
        else
        {
            return null;
        }

        for (int i = 0; i < (rules?.Count ?? 0); i++)
        {
            if (RuleAllows(request, rules![i]))
            {
                return roleRef.Kind == "ClusterRole"
                    ? new RbacRuleReference("ClusterRole", null, roleRef.Name, i, rules[i])
                    : new RbacRuleReference("Role", bindingNamespace, roleRef.Name, i, rules[i]);
            }
        }

        return null;
    }

    /// <summary>rbac.go <c>RuleAllows</c>, through the shared <see cref="RbacRuleMatch"/> the analyzers use too.</summary>
    internal static bool RuleAllows(RequestInfo request, V1PolicyRule rule) =>
        request.IsResourceRequest
            ? RbacRuleMatch.Allows(rule.Verbs, rule.ApiGroups, rule.Resources, rule.ResourceNames, request.Verb, request.ApiGroup, request.Resource, request.Subresource, request.Name)
            : RbacRuleMatch.AllowsNonResource(rule.Verbs, rule.NonResourceURLs, request.Verb, request.Path);

    /// <summary>rule.go <c>appliesToUser</c>, through the shared <see cref="RbacRuleMatch"/> the analyzers use too ("" : a ClusterRoleBinding).</summary>
    private static bool AppliesTo(ServiceAccountIdentity user, Rbacv1Subject subject, string bindingNamespace) =>
        RbacRuleMatch.AppliesToServiceAccount(subject.Kind, subject.Name, subject.NamespaceProperty, bindingNamespace.Length == 0, bindingNamespace, user.Name, user.Namespace);

    private static string Describe(Rbacv1Subject subject, string bindingNamespace) => subject.Kind == "ServiceAccount"
        ? $"ServiceAccount \"{subject.Name}/{(string.IsNullOrEmpty(subject.NamespaceProperty) ? bindingNamespace : subject.NamespaceProperty)}\""
        : $"{subject.Kind} \"{subject.Name}\"";

    /// <summary>apimachinery's <c>utilerrors.NewAggregate(...).Error()</c>: one error alone, several in brackets.</summary>
    private static string FormatAggregate(List<string> errors) =>
        errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors.Distinct()) + "]";
}
