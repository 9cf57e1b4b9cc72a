using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PodBinding.Generators.Manifests;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// The Roles, ClusterRoles and bindings of the project's manifests, evaluated for one ServiceAccount as kube-apiserver's
/// RBAC authorizer does (kubernetes <c>plugin/pkg/auth/authorizer/rbac/rbac.go</c>, <c>Authorize</c> and
/// <c>RuleAllows</c>; <c>pkg/registry/rbac/validation/rule.go</c>, <c>VisitRulesFor</c> and <c>appliesToUser</c>):
/// ClusterRoleBindings grant everywhere, RoleBindings only in their namespace and never a cluster-scoped resource; a
/// ServiceAccount subject without a namespace is the binding's (and a ClusterRoleBinding's then matches nobody).
/// </summary>
/// <remarks>
/// Namespaces a manifest leaves out are set when it is applied (kustomize's <c>namespace:</c>, kubectl's context), so an
/// absent namespace is taken to be the workload's; two namespaces that are both written must be equal. A binding whose
/// role is not in the project's YAML (a built-in ClusterRole such as <c>view</c>, a role from another repository) or is
/// aggregated makes the grant unknown: then nothing is reported as missing.
/// </remarks>
internal sealed class ProjectRbac
{
    private readonly List<(ManifestFile File, RbacEntry Entry)> _roles = new();
    private readonly List<(ManifestFile File, RbacEntry Entry)> _bindings = new();

    private ProjectRbac()
    {
    }

    /// <summary>Any Role, ClusterRole or binding at all in the project's YAML.</summary>
    public bool IsEmpty => _roles.Count == 0 && _bindings.Count == 0;

    /// <summary>Any Role, ClusterRole or binding in a file the user wrote (not PodBinding's generated files).</summary>
    public bool HasHandWritten { get; private set; }

    public static ProjectRbac Read(ManifestIndex index)
    {
        var rbac = new ProjectRbac();
        foreach (ManifestFile file in index.Files)
        {
            foreach (RbacEntry entry in file.Text.Rbac)
            {
                (entry.IsRole ? rbac._roles : rbac._bindings).Add((file, entry));
                rbac.HasHandWritten |= !file.Text.IsGenerated;
            }
        }

        return rbac;
    }

    /// <summary>Every rule bound to ServiceAccount <paramref name="account"/> of namespace <paramref name="ns"/> (null: unknown).</summary>
    public Grants For(string account, string? ns)
    {
        var grants = new Grants();
        foreach ((ManifestFile file, RbacEntry binding) in _bindings)
        {
            if (binding.RoleRef is not { } roleRef || !AppliesTo(binding, account, ns))
            {
                continue;
            }

            bool clusterWide = binding.Kind == "ClusterRoleBinding";
            if (clusterWide && roleRef.Kind != "ClusterRole")
            {
                continue; // a ClusterRoleBinding can only refer to a ClusterRole (the API server rejects it otherwise)
            }

            if (!clusterWide && !RbacRuleMatch.Compatible(binding.Namespace, ns))
            {
                continue;
            }

            (ManifestFile File, RbacEntry Entry)? role = FindRole(roleRef, clusterWide ? null : binding.Namespace ?? ns);
            if (role is null || role.Value.Entry.Aggregated)
            {
                grants.Unknown ??= $"{binding.Kind} '{binding.Name}' ({At(file, binding.Line)}) refers to {roleRef.Kind} '{roleRef.Name}', "
                    + (role is null ? "which is not in the project's manifests" : "whose rules an aggregationRule fills");
                continue;
            }

            foreach (RbacRuleEntry rule in role.Value.Entry.Rules)
            {
                if (!rule.NonResource)
                {
                    grants.Items.Add(new Grant(role.Value.File, role.Value.Entry, rule, file, binding, clusterWide));
                }
            }
        }

        return grants;
    }

    /// <summary>Why <paramref name="request"/> is not granted: the nearest rule and what it lacks, or that nothing grants it.</summary>
    public string WhyDenied(Request request, Grants grants, string account)
    {
        // 1. A rule bound to the account for the same group and resource, lacking the verb, the name or the scope.
        foreach (Grant grant in grants.Items)
        {
            RbacRuleEntry rule = grant.Rule;
            if (!RbacRuleMatch.ApiGroupMatches(rule.ApiGroups, request.ApiGroup) || !RbacRuleMatch.ResourceMatches(rule.Resources, request.Resource, ""))
            {
                continue;
            }

            string where = grant.Role.Kind + " '" + grant.Role.Name + "' (" + At(grant.RoleFile, rule.Line) + ")";
            if (!RbacRuleMatch.VerbMatches(rule.Verbs, request.Verb))
            {
                return $"{where} lists verbs [{string.Join(", ", rule.Verbs)}] without '{request.Verb}'";
            }

            if (!RbacRuleMatch.ResourceNameMatches(rule.ResourceNames, request.Name))
            {
                return request.Name.Length > 0
                    ? $"{where} limits it to resourceNames [{string.Join(", ", rule.ResourceNames)}], which exclude '{request.Name}'"
                    : $"{where} limits it to resourceNames [{string.Join(", ", rule.ResourceNames)}], and the reader's {request.Verb} names {request.NameDescription}";
            }

            if (request.ClusterScoped && !grant.ClusterWide)
            {
                return $"{where} is bound by RoleBinding '{grant.Binding.Name}' ({At(grant.BindingFile, grant.Binding.Line)}), which grants only inside its namespace, and {request.Resource} are cluster-scoped: use a ClusterRole and a ClusterRoleBinding";
            }
        }

        // 2. A rule that would allow it, in a role not bound to the account.
        foreach ((ManifestFile file, RbacEntry role) in _roles)
        {
            foreach (RbacRuleEntry rule in role.Rules)
            {
                if (rule.NonResource || !RbacRuleMatch.Allows(rule.Verbs, rule.ApiGroups, rule.Resources, rule.ResourceNames, request.Verb, request.ApiGroup, request.Resource, "", request.Name))
                {
                    continue;
                }

                string where = role.Kind + " '" + role.Name + "' (" + At(file, rule.Line) + ") allows it";
                if (request.ClusterScoped && role.Kind == "Role")
                {
                    return where + ", but a Role cannot grant cluster-scoped " + request.Resource + ": use a ClusterRole and a ClusterRoleBinding";
                }

                foreach ((ManifestFile bindingFile, RbacEntry binding) in _bindings)
                {
                    if (binding.RoleRef is { } roleRef && roleRef.Kind == role.Kind && roleRef.Name == role.Name)
                    {
                        if (binding.Kind == "ClusterRoleBinding" && binding.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == account && s.Namespace is null))
                        {
                            // rule.go appliesToUser: no namespace on the subject and none on the binding matches no one.
                            return $"{where}, but ClusterRoleBinding '{binding.Name}' ({At(bindingFile, binding.Line)}) names ServiceAccount '{account}' without a namespace, which a ClusterRoleBinding must give";
                        }

                        return $"{where}, but {binding.Kind} '{binding.Name}' ({At(bindingFile, binding.Line)}) binds it to {Subjects(binding)}, not to ServiceAccount '{account}' of the workload's namespace"
                            + (request.ClusterScoped && binding.Kind == "RoleBinding" ? " (and a RoleBinding cannot grant cluster-scoped " + request.Resource + ")" : "");
                    }
                }

                return where + ", but no RoleBinding or ClusterRoleBinding refers to it";
            }
        }

        return "no rule in the project's manifests allows it";
    }

    /// <summary>Whether any role of the project has a rule for the request's group and resource (bound or not).</summary>
    public bool Mentions(Request request)
    {
        foreach ((_, RbacEntry role) in _roles)
        {
            foreach (RbacRuleEntry rule in role.Rules)
            {
                if (!rule.NonResource && RbacRuleMatch.ApiGroupMatches(rule.ApiGroups, request.ApiGroup) && RbacRuleMatch.ResourceMatches(rule.Resources, request.Resource, ""))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The requests of <paramref name="rules"/> for workload <paramref name="workloadName"/> of kind <paramref name="workloadKind"/>.</summary>
    public static List<Request> Requests(IEnumerable<ApiAccessContract.Rule> rules, string workloadKind, string workloadName)
    {
        var requests = new List<Request>();
        foreach (ApiAccessContract.Rule rule in rules)
        {
            foreach (string verb in rule.Verbs)
            {
                // The name the authorizer sees: the workload's for name-scoped rules; a bare Pod's own name is its
                // workload name too; otherwise a pod, ReplicaSet, Job or node name unknown before deployment, or none
                // at all for the label-selector list and watch of peers.
                string name = rule.NamedByWorkload ? workloadName
                    : rule.Resource == WorkloadResources.Pod.Plural && workloadKind == WorkloadResources.Pod.Kind && verb != "list" && !(verb == "watch" && rule.Verbs.Contains("list")) ? workloadName
                    : "";
                string description = verb == "list" || (verb == "watch" && rule.Verbs.Contains("list")) ? "no object (a label-selector " + verb + ")"
                    : rule.Resource == "nodes" ? "the pod's node, unknown before scheduling"
                    : "an object whose name is generated at run time";
                requests.Add(new Request(rule, verb, name, description));
            }
        }

        return requests;
    }

    /// <summary>Whether <paramref name="grants"/> allow <paramref name="request"/>.</summary>
    public static bool Allows(Grants grants, Request request)
    {
        foreach (Grant grant in grants.Items)
        {
            if ((!request.ClusterScoped || grant.ClusterWide)
                && RbacRuleMatch.Allows(grant.Rule.Verbs, grant.Rule.ApiGroups, grant.Rule.Resources, grant.Rule.ResourceNames, request.Verb, request.ApiGroup, request.Resource, "", request.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rules to add, as flow-style YAML a user can paste into a Role (and a ClusterRole for nodes).</summary>
    public static string RulesToAdd(IEnumerable<ApiAccessContract.Rule> rules, string workloadName, string account)
    {
        var namespaced = new List<string>();
        var cluster = new List<string>();
        foreach (ApiAccessContract.Rule rule in rules)
        {
            string yaml = "{apiGroups: [\"" + rule.ApiGroup + "\"], resources: [" + rule.Resource + "]"
                + (rule.NamedByWorkload ? ", resourceNames: [" + workloadName + "]" : "")
                + ", verbs: [" + string.Join(", ", rule.Verbs) + "]}";
            (rule.ClusterScoped ? cluster : namespaced).Add(yaml);
        }

        var text = new StringBuilder();
        if (namespaced.Count > 0)
        {
            text.Append("a Role bound by a RoleBinding to ServiceAccount '").Append(account).Append("' with rules: ").Append(string.Join(", ", namespaced));
        }

        if (cluster.Count > 0)
        {
            text.Append(text.Length > 0 ? "; and " : "")
                .Append("a ClusterRole bound by a ClusterRoleBinding to ServiceAccount '").Append(account)
                .Append("' (with its namespace) with rules: ").Append(string.Join(", ", cluster));
        }

        return text.ToString();
    }

    /// <summary>
    /// What rules bound to the account grant beyond <paramref name="needed"/>, for rules in files the user wrote: on
    /// the resources the reader uses, verbs it never sends, a missing resourceNames where the name is known, a
    /// ClusterRoleBinding for namespaced resources; anywhere, a <c>*</c> group, resource or verb. Rules for resources the
    /// reader does not touch are the app's own business and not judged.
    /// </summary>
    public static List<string> Excess(Grants grants, IReadOnlyList<ApiAccessContract.Rule> needed, string workloadName)
    {
        var found = new List<string>();
        var seen = new HashSet<RbacRuleEntry>();
        foreach (Grant grant in grants.Items)
        {
            RbacRuleEntry rule = grant.Rule;
            if (grant.RoleFile.Text.IsGenerated || !seen.Add(rule))
            {
                continue;
            }

            var excess = new List<string>();
            if (rule.ApiGroups.Contains(RbacRuleMatch.All))
            {
                excess.Add("every API group ('*')");
            }

            if (rule.Resources.Contains(RbacRuleMatch.All))
            {
                excess.Add("every resource ('*')");
            }

            if (rule.Verbs.Contains(RbacRuleMatch.All))
            {
                excess.Add("every verb ('*')");
            }

            var clusterWide = new List<string>();
            foreach (ApiAccessContract.Rule need in needed)
            {
                if (!RbacRuleMatch.ApiGroupMatches(rule.ApiGroups, need.ApiGroup) || !RbacRuleMatch.ResourceMatches(rule.Resources, need.Resource, ""))
                {
                    continue;
                }

                var verbs = rule.Verbs.Where(v => v != RbacRuleMatch.All && Array.IndexOf(need.Verbs, v) < 0).ToList();
                if (verbs.Count > 0)
                {
                    var writes = verbs.Where(v => v is not ("get" or "list" or "watch")).ToList();
                    var reads = verbs.Where(v => v is "get" or "list" or "watch").ToList();
                    var parts = new List<string>();
                    if (reads.Count > 0)
                    {
                        parts.Add("'" + string.Join("', '", reads) + "'");
                    }

                    if (writes.Count > 0)
                    {
                        parts.Add("write verbs '" + string.Join("', '", writes) + "'");
                    }

                    excess.Add(string.Join(" and ", parts) + " on " + Describe(need) + " (the reader needs only " + string.Join(", ", need.Verbs) + ")");
                }

                if (need.NamedByWorkload && rule.ResourceNames.Length == 0)
                {
                    excess.Add("all " + Describe(need) + ", with no resourceNames (the reader needs only '" + workloadName + "')");
                }

                if (grant.ClusterWide && !need.ClusterScoped)
                {
                    clusterWide.Add(need.Resource);
                }
            }

            if (clusterWide.Count > 0)
            {
                excess.Add(string.Join(", ", clusterWide) + " in every namespace, through ClusterRoleBinding '" + grant.Binding.Name + "' ("
                    + At(grant.BindingFile, grant.Binding.Line) + "); a RoleBinding in the workload's namespace suffices");
            }

            if (excess.Count > 0)
            {
                found.Add(grant.Role.Kind + " '" + grant.Role.Name + "' (" + At(grant.RoleFile, rule.Line) + ") grants " + string.Join(", ", excess));
            }
        }

        return found;
    }

    public static string Describe(ApiAccessContract.Rule rule) => (rule.ApiGroup.Length == 0 ? "core" : rule.ApiGroup) + "/" + rule.Resource;

    public static string At(ManifestFile file, int line) => file.DisplayPath + ":" + (line + 1).ToString(CultureInfo.InvariantCulture);

    private (ManifestFile File, RbacEntry Entry)? FindRole(RbacRoleRef roleRef, string? ns)
    {
        foreach ((ManifestFile File, RbacEntry Entry) role in _roles)
        {
            if (role.Entry.Kind == roleRef.Kind && role.Entry.Name == roleRef.Name
                && (roleRef.Kind == "ClusterRole" || RbacRuleMatch.Compatible(role.Entry.Namespace, ns)))
            {
                return role;
            }
        }

        return null;
    }

    /// <summary>rule.go <c>appliesToUser</c> for the ServiceAccount, through the shared <see cref="RbacRuleMatch"/> the test API server uses too.</summary>
    private static bool AppliesTo(RbacEntry binding, string account, string? ns)
    {
        foreach (RbacSubjectEntry subject in binding.Subjects)
        {
            if (RbacRuleMatch.AppliesToServiceAccount(subject.Kind, subject.Name, subject.Namespace, binding.Kind == "ClusterRoleBinding", binding.Namespace, account, ns))
            {
                return true;
            }
        }

        return false;
    }

    private static string Subjects(RbacEntry binding) => binding.Subjects.Length == 0
        ? "no subject"
        : string.Join(", ", binding.Subjects.Select(s => s.Kind + " '" + s.Name + "'" + (s.Namespace is null ? "" : " of namespace '" + s.Namespace + "'")));

    /// <summary>The rules bound to one ServiceAccount; <see cref="Unknown"/> says why they may be more than the YAML shows.</summary>
    internal sealed class Grants
    {
        public List<Grant> Items { get; } = new();

        public string? Unknown { get; set; }
    }

    /// <summary>One rule bound to the account: the role and binding that carry it, and whether it applies cluster-wide.</summary>
    internal sealed record Grant(ManifestFile RoleFile, RbacEntry Role, RbacRuleEntry Rule, ManifestFile BindingFile, RbacEntry Binding, bool ClusterWide);

    /// <summary>One request the reader sends: a contract rule's verb, and the name the authorizer sees ("" when none or unknown).</summary>
    internal sealed record Request(ApiAccessContract.Rule Rule, string Verb, string Name, string NameDescription)
    {
        public string ApiGroup => Rule.ApiGroup;

        public string Resource => Rule.Resource;

        public bool ClusterScoped => Rule.ClusterScoped;

        public override string ToString() =>
            "'" + Verb + "' on " + Describe(Rule) + (Rule.NamedByWorkload ? " '" + Name + "'" : "") + (ClusterScoped ? " (cluster-scoped)" : " (namespaced)");
    }
}
