using k8s.Models;

namespace PodBinding.Testing.Kubernetes.Rbac;

/// <summary>One rule of a loaded Role or ClusterRole: which role, and its position in <c>rules</c>.</summary>
/// <param name="RoleKind"><c>Role</c> or <c>ClusterRole</c>.</param>
/// <param name="RoleNamespace">The Role's namespace; null for a ClusterRole.</param>
/// <param name="RoleName">The role's name.</param>
/// <param name="RuleIndex">The rule's index in the role's <c>rules</c>.</param>
/// <param name="Rule">The rule.</param>
public sealed record RbacRuleReference(string RoleKind, string? RoleNamespace, string RoleName, int RuleIndex, V1PolicyRule Rule)
{
    /// <inheritdoc />
    public override string ToString()
    {
        string role = RoleNamespace is null ? $"{RoleKind} {RoleName}" : $"{RoleKind} {RoleNamespace}/{RoleName}";
        string Join(IList<string>? values) => values is null ? "" : string.Join(",", values);
        string names = Rule.ResourceNames is { Count: > 0 } ? $" resourceNames=[{Join(Rule.ResourceNames)}]" : "";
        string what = Rule.NonResourceURLs is { Count: > 0 }
            ? $"nonResourceURLs=[{Join(Rule.NonResourceURLs)}]"
            : $"apiGroups=[{Join(Rule.ApiGroups)}] resources=[{Join(Rule.Resources)}]{names}";
        return $"{role} rule {RuleIndex}: {what} verbs=[{Join(Rule.Verbs)}]";
    }
}
