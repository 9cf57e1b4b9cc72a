using System;
using System.Collections.Generic;
using System.Text;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Model;
using PodBinding.Shared;

namespace PodBinding.Generators.Emit;

/// <summary>
/// The least-privilege RBAC for a workload's <c>[FromApi]</c> members, one file per <c>[KubernetesApi]</c> mode in that
/// mode's Component: a Role and RoleBinding with exactly <see cref="ApiAccessContract"/>'s rules, and a ClusterRole and
/// ClusterRoleBinding only for nodes. Every mode binds the pod's ServiceAccount (the ambassador uses its token too).
/// </summary>
internal static class ApiRbacEmitter
{
    private const string RbacApiVersion = "rbac.authorization.k8s.io/v1";
    private const string RbacGroup = "rbac.authorization.k8s.io";

    /// <summary>
    /// A ClusterRoleBinding's ServiceAccount subject must name a namespace; kustomize's namespace transformer rewrites
    /// <c>default</c> to the overlay's namespace because the ServiceAccount is in the same Component.
    /// </summary>
    private const string SubjectNamespace = "default";

    public static string FileName(int workloadKind, string workloadName) =>
        WorkloadKinds.FromValue(workloadKind)!.Kind.ToLowerInvariant() + "-" + workloadName + ".rbac.yaml";

    public static string RoleName(string workloadName) => workloadName + "-podbinding-api";

    public static string ClusterRoleName(string workloadName) => workloadName + "-podbinding-api-nodes";

    /// <summary>Every RBAC file: the union of each workload's needs, in each mode its <c>[KubernetesApi]</c> declares; sorted.</summary>
    public static List<ApiRbacFile> Files(IReadOnlyList<ApiNeed> needs, IReadOnlyList<ApiAccount> accounts)
    {
        var files = new List<ApiRbacFile>();
        var workloads = new SortedDictionary<string, (int Kind, string Name, int Kinds, SortedSet<string> Owners)>(StringComparer.Ordinal);
        foreach (ApiNeed need in needs)
        {
            string key = FileName(need.WorkloadKind, need.WorkloadName);
            if (!workloads.TryGetValue(key, out var entry))
            {
                entry = (need.WorkloadKind, need.WorkloadName, 0, new SortedSet<string>(StringComparer.Ordinal));
            }

            entry.Owners.Add(need.Owner);
            workloads[key] = (entry.Kind, entry.Name, entry.Kinds | need.Kinds, entry.Owners);
        }

        foreach (KeyValuePair<string, (int Kind, string Name, int Kinds, SortedSet<string> Owners)> workload in workloads)
        {
            ApiAccount? account = null;
            foreach (ApiAccount candidate in accounts)
            {
                if (candidate.WorkloadKind == workload.Value.Kind && candidate.WorkloadName == workload.Value.Name
                    && (account is null || string.CompareOrdinal(candidate.ServiceAccountName, account.ServiceAccountName) < 0))
                {
                    account = candidate;
                }
            }

            if (account is null)
            {
                continue; // no [KubernetesApi] for this workload: no Component to put the rules in (PB0511 says so)
            }

            string content = Rbac(workload.Value.Kind, workload.Value.Name, workload.Value.Kinds, account.ServiceAccountName, workload.Value.Owners);
            foreach (int mode in account.Modes)
            {
                files.Add(new ApiRbacFile(mode, workload.Key, content));
            }
        }

        files.Sort(static (a, b) => a.Mode != b.Mode ? a.Mode.CompareTo(b.Mode) : string.CompareOrdinal(a.File, b.File));
        return files;
    }

    /// <summary>The manifest entries (name in the manifest folder → YAML).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Manifests(IReadOnlyList<ApiRbacFile> files)
    {
        foreach (ApiRbacFile file in files)
        {
            yield return new KeyValuePair<string, string>(ApiEmitter.ModeFolder(file.Mode) + "/" + file.File, file.Content);
        }
    }

    public static string Rbac(int workloadKind, string workloadName, int kinds, string serviceAccount, IEnumerable<string> owners)
    {
        WorkloadKindInfo kind = WorkloadKinds.FromValue(workloadKind)!;
        List<ApiAccessContract.Rule> rules = ApiAccessContract.Rules(kinds, kind.Kind);
        var text = new StringBuilder();
        text.Append(ManifestContract.HeaderPrefix).Append(" from ").Append(string.Join(", ", owners))
            .Append(". Do not edit: change the [FromApi] members and rebuild.\n");
        text.Append("# The least RBAC the [FromApi] members of ").Append(kind.Kind).Append(' ').Append(workloadName)
            .Append(" need (").Append(KindNames(kinds)).Append("), bound to its ServiceAccount ").Append(serviceAccount).Append(".\n");
        YamlSeq namespaced = YamlNode.Seq();
        YamlSeq cluster = YamlNode.Seq();
        foreach (ApiAccessContract.Rule rule in rules)
        {
            YamlMap yaml = YamlNode.Map()
                .Add("apiGroups", YamlNode.Seq().Add(YamlNode.Text(rule.ApiGroup)))
                .Add("resources", YamlNode.Seq().Add(YamlNode.Text(rule.Resource)));
            if (rule.NamedByWorkload)
            {
                yaml.Add("resourceNames", YamlNode.Seq().Add(YamlNode.Text(workloadName)));
            }

            YamlSeq verbs = YamlNode.Seq();
            foreach (string verb in rule.Verbs)
            {
                verbs.Add(YamlNode.Text(verb));
            }

            yaml.Add("verbs", verbs);
            (rule.ClusterScoped ? cluster : namespaced).Add(yaml);
        }

        var documents = new List<YamlMap>();
        AddRole(documents, "Role", RoleName(workloadName), namespaced, serviceAccount, subjectNamespace: null);
        // Nodes are cluster-scoped: only a ClusterRole can grant them, and it grants nothing else.
        AddRole(documents, "ClusterRole", ClusterRoleName(workloadName), cluster, serviceAccount, SubjectNamespace);

        for (int i = 0; i < documents.Count; i++)
        {
            if (i > 0)
            {
                text.Append("---\n");
            }

            text.Append(documents[i].ToYaml());
        }

        return text.ToString();
    }

    /// <summary>A Role (or ClusterRole) holding <paramref name="rules"/> and its binding to the ServiceAccount; nothing when there are no rules.</summary>
    private static void AddRole(List<YamlMap> documents, string kind, string role, YamlSeq rules, string serviceAccount, string? subjectNamespace)
    {
        if (rules.Items.Count == 0)
        {
            return;
        }

        documents.Add(YamlNode.Map()
            .Add("apiVersion", RbacApiVersion)
            .Add("kind", kind)
            .Add("metadata", YamlNode.Map().Add("name", role))
            .Add("rules", rules));
        documents.Add(Binding(kind + "Binding", kind, role, serviceAccount, subjectNamespace));
    }

    private static YamlMap Binding(string kind, string roleKind, string role, string serviceAccount, string? subjectNamespace)
    {
        // A RoleBinding's ServiceAccount subject without a namespace is the binding's own namespace, wherever it is applied.
        YamlMap subject = YamlNode.Map().Add("kind", "ServiceAccount").Add("name", serviceAccount);
        if (subjectNamespace is not null)
        {
            subject.Add("namespace", subjectNamespace);
        }

        return YamlNode.Map()
            .Add("apiVersion", RbacApiVersion)
            .Add("kind", kind)
            .Add("metadata", YamlNode.Map().Add("name", role))
            .Add("roleRef", YamlNode.Map().Add("apiGroup", RbacGroup).Add("kind", roleKind).Add("name", role))
            .Add("subjects", YamlNode.Seq().Add(subject));
    }

    private static string KindNames(int kinds)
    {
        var names = new List<string>();
        foreach ((int value, string name) in new[] { (ApiAccessContract.PodStatus, "PodStatus"), (ApiAccessContract.Node, "Node"), (ApiAccessContract.Owner, "Owner"), (ApiAccessContract.Peers, "Peers") })
        {
            if ((kinds & value) != 0)
            {
                names.Add(name);
            }
        }

        return "ApiFactKinds " + string.Join(", ", names);
    }
}
