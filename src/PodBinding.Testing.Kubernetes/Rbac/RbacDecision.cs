namespace PodBinding.Testing.Kubernetes.Rbac;

/// <summary>The outcome of an authorization check.</summary>
/// <param name="Allowed">Whether a rule allowed the request.</param>
/// <param name="Reason">
/// As the RBAC authorizer words it: <c>RBAC: allowed by RoleBinding "b/ns" of Role "r" to ServiceAccount "sa/ns"</c>
/// when allowed; when denied, empty or <c>RBAC: …</c> listing bindings whose role does not exist.
/// </param>
/// <param name="Rule">The rule that allowed it, if any.</param>
internal sealed record RbacDecision(bool Allowed, string Reason, RbacRuleReference? Rule);
