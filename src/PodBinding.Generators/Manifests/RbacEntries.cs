using System.Collections.Immutable;

namespace PodBinding.Generators.Manifests;

/// <summary>
/// One RBAC object of a manifest (<c>rbac.authorization.k8s.io/v1</c> Role, ClusterRole, RoleBinding or
/// ClusterRoleBinding): what PB0509–PB0511 compare with the <c>[FromApi]</c> members' needs.
/// </summary>
/// <param name="Kind"><c>Role</c>, <c>ClusterRole</c>, <c>RoleBinding</c> or <c>ClusterRoleBinding</c>.</param>
/// <param name="Name">metadata.name ("" when missing).</param>
/// <param name="Namespace">metadata.namespace, or null when the manifest leaves it to kustomize or kubectl.</param>
/// <param name="Line">Zero-based line of the object's <c>kind</c>.</param>
/// <param name="Rules">A role's rules (empty for bindings).</param>
/// <param name="Aggregated">A ClusterRole with an <c>aggregationRule</c>: the controller fills its rules, so they are unknown here.</param>
/// <param name="RoleRef">A binding's <c>roleRef</c>, or null.</param>
/// <param name="Subjects">A binding's subjects.</param>
internal sealed record RbacEntry(
    string Kind,
    string Name,
    string? Namespace,
    int Line,
    ImmutableArray<RbacRuleEntry> Rules,
    bool Aggregated,
    RbacRoleRef? RoleRef,
    ImmutableArray<RbacSubjectEntry> Subjects)
{
    public bool IsRole => Kind is "Role" or "ClusterRole";

    public bool IsBinding => Kind is "RoleBinding" or "ClusterRoleBinding";

    public static RbacEntry? Read(string kind, YamlTreeNode document, int line)
    {
        YamlTreeNode? metadata = document["metadata"];
        string name = metadata?.ScalarAt("name") ?? "";
        string? ns = metadata?.ScalarAt("namespace") is { Length: > 0 } n ? n : null;
        if (kind is "Role" or "ClusterRole")
        {
            var rules = ImmutableArray.CreateBuilder<RbacRuleEntry>();
            foreach (YamlTreeNode rule in document.ItemsAt("rules"))
            {
                rules.Add(new RbacRuleEntry(
                    Strings(rule, "apiGroups"), Strings(rule, "resources"), Strings(rule, "verbs"), Strings(rule, "resourceNames"),
                    rule["nonResourceURLs"] is not null, rule.Line));
            }

            return new RbacEntry(kind, name, kind == "Role" ? ns : null, line, rules.ToImmutable(),
                kind == "ClusterRole" && document["aggregationRule"] is not null, null, ImmutableArray<RbacSubjectEntry>.Empty);
        }

        if (kind is "RoleBinding" or "ClusterRoleBinding")
        {
            YamlTreeNode? roleRef = document["roleRef"];
            var subjects = ImmutableArray.CreateBuilder<RbacSubjectEntry>();
            foreach (YamlTreeNode subject in document.ItemsAt("subjects"))
            {
                subjects.Add(new RbacSubjectEntry(subject.ScalarAt("kind") ?? "", subject.ScalarAt("name") ?? "",
                    subject.ScalarAt("namespace") is { Length: > 0 } s ? s : null, subject.Line));
            }

            return new RbacEntry(kind, name, kind == "RoleBinding" ? ns : null, line, ImmutableArray<RbacRuleEntry>.Empty, false,
                roleRef is null ? null : new RbacRoleRef(roleRef.ScalarAt("kind") ?? "", roleRef.ScalarAt("name") ?? "", roleRef.Line),
                subjects.ToImmutable());
        }

        return null;
    }

    private static ImmutableArray<string> Strings(YamlTreeNode rule, string key)
    {
        var values = ImmutableArray.CreateBuilder<string>();
        foreach (YamlTreeNode item in rule.ItemsAt(key))
        {
            if (item.Scalar is { } value)
            {
                values.Add(value);
            }
        }

        return values.ToImmutable();
    }
}

/// <summary>One rule of a Role or ClusterRole; <paramref name="Line"/> is zero-based.</summary>
internal sealed record RbacRuleEntry(
    ImmutableArray<string> ApiGroups,
    ImmutableArray<string> Resources,
    ImmutableArray<string> Verbs,
    ImmutableArray<string> ResourceNames,
    bool NonResource,
    int Line);

/// <summary>A binding's <c>roleRef</c>.</summary>
internal sealed record RbacRoleRef(string Kind, string Name, int Line);

/// <summary>A binding's subject; <paramref name="Namespace"/> is null when not written.</summary>
internal sealed record RbacSubjectEntry(string Kind, string Name, string? Namespace, int Line);
