using System;
using System.Collections.Generic;

namespace PodBinding.Shared;

/// <summary>
/// Whether one RBAC <c>PolicyRule</c> allows one request, exactly as kube-apiserver decides it: the one home of that
/// rule for the analyzers (PB0509–PB0511) and the test API server's enforcing authorizer. After kubernetes
/// <c>plugin/pkg/auth/authorizer/rbac/rbac.go</c> (<c>RuleAllows</c>) and <c>pkg/apis/rbac/v1/evaluation_helpers.go</c>
/// (<c>VerbMatches</c>, <c>APIGroupMatches</c>, <c>ResourceMatches</c>, <c>ResourceNameMatches</c>,
/// <c>NonResourceURLMatches</c>).
/// </summary>
/// <remarks>
/// The request's name is what the API server's request-info resolver gives the authorizer
/// (<c>staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go</c>, <c>NewRequestInfo</c>): the object's name
/// for get, update, patch and delete; for list and watch the value of a <c>metadata.name</c> field selector, and
/// otherwise <c>""</c>. So a rule with <c>resourceNames</c> allows a list or watch only when it is narrowed to one name by
/// that field selector, and never a label-selector list.
/// </remarks>
internal static class RbacRuleMatch
{
    /// <summary>The wildcard of verbs, apiGroups, resources and nonResourceURLs (<c>rbacv1.VerbAll</c> and friends).</summary>
    public const string All = "*";

    /// <summary>rbac.go <c>RuleAllows</c> for a resource request: verb, group, resource (with subresource) and name all match.</summary>
    /// <param name="verbs">The rule's <c>verbs</c> (null: none).</param>
    /// <param name="apiGroups">The rule's <c>apiGroups</c>.</param>
    /// <param name="resources">The rule's <c>resources</c>.</param>
    /// <param name="resourceNames">The rule's <c>resourceNames</c> (null or empty: every name).</param>
    /// <param name="verb">The request's verb (<c>get</c>, <c>list</c>, <c>watch</c>, …).</param>
    /// <param name="apiGroup">The request's API group (<c>""</c> for core).</param>
    /// <param name="resource">The request's resource (<c>pods</c>).</param>
    /// <param name="subresource">The request's subresource, or <c>""</c>.</param>
    /// <param name="name">The request's name as the authorizer sees it (<c>""</c> for a list without a name field selector).</param>
    public static bool Allows(
        IEnumerable<string>? verbs,
        IEnumerable<string>? apiGroups,
        IEnumerable<string>? resources,
        IEnumerable<string>? resourceNames,
        string verb,
        string apiGroup,
        string resource,
        string subresource,
        string name) =>
        VerbMatches(verbs, verb)
        && ApiGroupMatches(apiGroups, apiGroup)
        && ResourceMatches(resources, subresource.Length == 0 ? resource : resource + "/" + subresource, subresource)
        && ResourceNameMatches(resourceNames, name);

    /// <summary>rbac.go <c>RuleAllows</c> for a non-resource request (<c>/healthz</c>, <c>/api</c>): verb and URL match.</summary>
    public static bool AllowsNonResource(IEnumerable<string>? verbs, IEnumerable<string>? nonResourceUrls, string verb, string path) =>
        VerbMatches(verbs, verb) && NonResourceUrlMatches(nonResourceUrls, path);

    /// <summary><c>VerbMatches</c>: <c>*</c> or the verb itself.</summary>
    public static bool VerbMatches(IEnumerable<string>? verbs, string verb) => ContainsOrAll(verbs, verb);

    /// <summary><c>APIGroupMatches</c>: <c>*</c> or the group itself (<c>""</c> is the core group).</summary>
    public static bool ApiGroupMatches(IEnumerable<string>? apiGroups, string apiGroup) => ContainsOrAll(apiGroups, apiGroup);

    /// <summary>
    /// <c>ResourceMatches</c>: <c>*</c>, the combined <c>resource/subresource</c> itself, or <c>*/subresource</c> when the
    /// request has a subresource. A rule for <c>pods</c> does not cover <c>pods/status</c>.
    /// </summary>
    public static bool ResourceMatches(IEnumerable<string>? resources, string combinedResource, string subresource)
    {
        if (resources is null)
        {
            return false;
        }

        foreach (string ruleResource in resources)
        {
            if (ruleResource == All || ruleResource == combinedResource)
            {
                return true;
            }

            if (subresource.Length > 0 && ruleResource.Length == subresource.Length + 2
                && ruleResource.StartsWith("*/", StringComparison.Ordinal) && ruleResource.EndsWith(subresource, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>ResourceNameMatches</c>: no <c>resourceNames</c> allows every name; otherwise the name must be listed.</summary>
    public static bool ResourceNameMatches(IEnumerable<string>? resourceNames, string name)
    {
        if (resourceNames is null)
        {
            return true;
        }

        bool any = false;
        foreach (string ruleName in resourceNames)
        {
            any = true;
            if (ruleName == name)
            {
                return true;
            }
        }

        return !any;
    }

    /// <summary>
    /// <c>NonResourceURLMatches</c>: <c>*</c>, the path itself, or a prefix ending in <c>*</c> (trailing stars trimmed,
    /// like <c>strings.TrimRight(ruleURL, "*")</c>).
    /// </summary>
    public static bool NonResourceUrlMatches(IEnumerable<string>? nonResourceUrls, string path)
    {
        if (nonResourceUrls is null)
        {
            return false;
        }

        foreach (string url in nonResourceUrls)
        {
            if (url == All || url == path)
            {
                return true;
            }

            if (url.EndsWith("*", StringComparison.Ordinal) && path.StartsWith(url.TrimEnd('*'), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsOrAll(IEnumerable<string>? values, string requested)
    {
        if (values is null)
        {
            return false;
        }

        foreach (string value in values)
        {
            if (value == All || value == requested)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The user name a ServiceAccount's token authenticates as (<c>serviceaccount.MakeUsername</c>).</summary>
    public static string ServiceAccountUserName(string ns, string name) => ServiceAccountUserPrefix + ns + ":" + name;

    /// <summary>The groups every ServiceAccount is in (<c>serviceaccount.MakeGroupNames</c>, plus <c>system:authenticated</c>).</summary>
    public static string[] ServiceAccountGroups(string ns) => new[] { AllServiceAccountsGroup, AllServiceAccountsGroup + ":" + ns, AuthenticatedGroup };

    /// <summary>
    /// rule.go <c>appliesToUser</c> for ServiceAccount <paramref name="account"/> of <paramref name="accountNamespace"/>:
    /// a <c>ServiceAccount</c> subject by name and namespace (none: the binding's, so a ClusterRoleBinding's matches no
    /// one), a <c>User</c> by its user name, a <c>Group</c> by the account's groups. A null namespace is not known yet
    /// (a manifest whose namespace kustomize sets later) and matches any; the API server always knows both.
    /// </summary>
    /// <param name="kind">The subject's <c>kind</c>.</param>
    /// <param name="name">The subject's <c>name</c>.</param>
    /// <param name="subjectNamespace">The subject's <c>namespace</c> (null or empty: none).</param>
    /// <param name="clusterRoleBinding">Whether the subject is in a ClusterRoleBinding (else a RoleBinding).</param>
    /// <param name="bindingNamespace">The RoleBinding's namespace (null: not known).</param>
    /// <param name="account">The ServiceAccount's name.</param>
    /// <param name="accountNamespace">The ServiceAccount's namespace (null: not known).</param>
    public static bool AppliesToServiceAccount(
        string kind, string name, string? subjectNamespace, bool clusterRoleBinding, string? bindingNamespace, string account, string? accountNamespace)
    {
        switch (kind)
        {
            case "ServiceAccount":
                if (string.IsNullOrEmpty(subjectNamespace))
                {
                    if (clusterRoleBinding)
                    {
                        return false;
                    }

                    subjectNamespace = bindingNamespace;
                }

                return name == account && Compatible(subjectNamespace, accountNamespace);
            case "User":
                return accountNamespace is not null && name == ServiceAccountUserName(accountNamespace, account);
            case "Group":
                return name is AllServiceAccountsGroup or AuthenticatedGroup
                    || (name.StartsWith(AllServiceAccountsGroup + ":", StringComparison.Ordinal)
                        && Compatible(name.Substring(AllServiceAccountsGroup.Length + 1), accountNamespace));
            default:
                return false;
        }
    }

    private const string ServiceAccountUserPrefix = "system:serviceaccount:";
    private const string AllServiceAccountsGroup = "system:serviceaccounts";
    private const string AuthenticatedGroup = "system:authenticated";

    /// <summary>Two namespaces that may be the same: equal, or one not known yet (null).</summary>
    public static bool Compatible(string? a, string? b) => a is null || b is null || a == b;
}
