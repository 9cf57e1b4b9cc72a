using System.Text;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace PodBinding.Kubernetes;

/// <summary>The 403 message: who was refused what, and the Role (or ClusterRole) plus binding that grants exactly that.</summary>
internal static partial class ForbiddenText
{
    public static string Build(RequestAttributes? request, string body, string endpoint, KubernetesConnectionMode mode, string? fallbackNamespace)
    {
        V1Status? status = TryStatus(body);
        if (status is null && mode is KubernetesConnectionMode.Proxy or KubernetesConnectionMode.Ambassador)
        {
            return $"403 Forbidden from kubectl proxy at {endpoint} itself (its answer was '{Shorten(body)}', not an API server Status): " +
                   "its request filter refused the request — by default it rejects pods/exec and pods/attach (--reject-paths), " +
                   "methods listed in --reject-methods, and Host headers other than localhost or 127.0.0.1 (--accept-hosts). " +
                   "Relax that flag in the kubectl proxy command if the request is meant to pass.";
        }

        string? user = status?.Message is { } message && UserPattern().Match(message) is { Success: true } match ? match.Groups[1].Value : null;
        var text = new StringBuilder();
        text.Append("403 Forbidden from ").Append(endpoint).Append(": ");
        if (request is null)
        {
            text.Append(status?.Message ?? Shorten(body));
            return text.ToString();
        }

        string? @namespace = request.Namespace;
        bool clusterScoped = @namespace is null || request.Resource == "namespaces";
        text.Append(user is null ? "the caller" : user).Append(" may not ").Append(request.Verb).Append(' ')
            .Append(request.ResourceWithSubresource)
            .Append(request.Group.Length == 0 ? "" : $" (API group {request.Group})")
            .Append(clusterScoped ? " (cluster-wide)" : $" in namespace {@namespace}")
            .Append(request.Name is null ? "" : $" (name {request.Name})")
            .AppendLine(".");
        if (status?.Message is { } serverMessage)
        {
            text.Append("The API server said: ").AppendLine(serverMessage);
        }

        (string subjectKind, string subjectName, string? subjectNamespace) = Subject(user, fallbackNamespace);
        string roleName = $"{Sanitize(subjectName)}-{request.Verb}-{Sanitize(request.Resource)}";
        text.AppendLine(clusterScoped ? "Grant it with this ClusterRole and ClusterRoleBinding (kubectl apply -f):" : "Grant it with this Role and RoleBinding (kubectl apply -f):");
        text.AppendLine(RbacYaml(request, clusterScoped, roleName, subjectKind, subjectName, subjectNamespace));
        return text.ToString().TrimEnd();
    }

    private static string RbacYaml(RequestAttributes request, bool clusterScoped, string roleName, string subjectKind, string subjectName, string? subjectNamespace)
    {
        string roleKind = clusterScoped ? "ClusterRole" : "Role";
        string metadataNamespace = clusterScoped ? "" : $"\n  namespace: {request.Namespace}";
        string subjectNs = subjectKind == "ServiceAccount" ? $"\n  namespace: {subjectNamespace ?? "<namespace>"}" : "";
        string apiGroup = subjectKind == "ServiceAccount" ? "" : "\n  apiGroup: rbac.authorization.k8s.io";
        // resourceNames can pin only requests that name one object (get, update, patch, delete): create has no name
        // yet and list/watch are checked by name only with a metadata.name field selector (plugin/pkg/auth/authorizer/rbac/rbac.go, RuleAllows).
        string names = request.Name is not null && request.Verb is "get" or "update" or "patch" or "delete"
            ? $"\n  resourceNames: [\"{request.Name}\"]"
            : "";
        return $"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: {roleKind}
            metadata:
              name: {roleName}{metadataNamespace}
            rules:
            - apiGroups: ["{request.Group}"]
              resources: ["{request.ResourceWithSubresource}"]{names}
              verbs: ["{request.Verb}"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: {roleKind}Binding
            metadata:
              name: {roleName}{metadataNamespace}
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: {roleKind}
              name: {roleName}
            subjects:
            - kind: {subjectKind}
              name: {subjectName}{subjectNs}{apiGroup}
            """;
    }

    /// <summary>A service account's user name is <c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c> (k8s.io/apiserver serviceaccount.MakeUsername).</summary>
    private static (string Kind, string Name, string? Namespace) Subject(string? user, string? fallbackNamespace)
    {
        if (user is null)
        {
            return ("ServiceAccount", "<service-account-name>", fallbackNamespace);
        }

        string[] parts = user.Split(':');
        return parts is ["system", "serviceaccount", var ns, var name] ? ("ServiceAccount", name, ns) : ("User", user, null);
    }

    private static V1Status? TryStatus(string body)
    {
        if (!body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            V1Status? status = KubernetesJson.Deserialize<V1Status>(body);
            return status?.Kind == "Status" ? status : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    internal static string Shorten(string body)
    {
        string trimmed = body.Trim();
        return trimmed.Length <= 300 ? trimmed : trimmed[..300] + "…";
    }

    private static string Sanitize(string value) => NotNameChars().Replace(value.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("User \"([^\"]+)\"")]
    private static partial Regex UserPattern();

    [GeneratedRegex("[^a-z0-9.-]+")]
    private static partial Regex NotNameChars();
}
