using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace PodBinding.Testing.Kubernetes.Rbac;

/// <summary>
/// The Roles, ClusterRoles, RoleBindings and ClusterRoleBindings the test API server enforces. Load them from the same
/// YAML you deploy (multi-document text or files); other kinds in it (ServiceAccount, Deployment, …) are skipped.
/// </summary>
public sealed class RbacPolicy
{
    private readonly List<V1Role> _roles = new();
    private readonly List<V1ClusterRole> _clusterRoles = new();
    private readonly List<V1RoleBinding> _roleBindings = new();
    private readonly List<V1ClusterRoleBinding> _clusterRoleBindings = new();

    /// <summary>The loaded Roles.</summary>
    public IReadOnlyList<V1Role> Roles => _roles;

    /// <summary>The loaded ClusterRoles.</summary>
    public IReadOnlyList<V1ClusterRole> ClusterRoles => _clusterRoles;

    /// <summary>The loaded RoleBindings.</summary>
    public IReadOnlyList<V1RoleBinding> RoleBindings => _roleBindings;

    /// <summary>The loaded ClusterRoleBindings.</summary>
    public IReadOnlyList<V1ClusterRoleBinding> ClusterRoleBindings => _clusterRoleBindings;

    /// <summary>Every rule of every loaded role.</summary>
    public IReadOnlyList<RbacRuleReference> Rules =>
        _roles.SelectMany(r => (r.Rules ?? new List<V1PolicyRule>()).Select((rule, i) =>
                new RbacRuleReference("Role", r.Metadata.NamespaceProperty, r.Metadata.Name, i, rule)))
            .Concat(_clusterRoles.SelectMany(r => (r.Rules ?? new List<V1PolicyRule>()).Select((rule, i) =>
                new RbacRuleReference("ClusterRole", null, r.Metadata.Name, i, rule))))
            .ToList();

    /// <summary>Reads every document of <paramref name="yaml"/>.</summary>
    /// <param name="yaml">One or more YAML documents separated by <c>---</c>.</param>
    /// <param name="source">Where the text came from, for error messages.</param>
    /// <exception cref="FormatException">A document is not valid YAML, misses a name, or has a field the model does not know.</exception>
    public static RbacPolicy FromYaml(string yaml, string source = "RBAC YAML") => new RbacPolicy().Add(yaml, source);

    /// <summary>Reads every document of each file.</summary>
    public static RbacPolicy FromFiles(params string[] paths)
    {
        var policy = new RbacPolicy();
        foreach (string path in paths)
        {
            policy.Add(File.ReadAllText(path), path);
        }

        return policy;
    }

    /// <summary>Adds every RBAC document of <paramref name="yaml"/> to this policy.</summary>
    /// <returns>This policy.</returns>
    public RbacPolicy Add(string yaml, string source = "RBAC YAML")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        foreach ((JsonNode? node, int line) in YamlToJson.Documents(yaml, source))
        {
            if (node is not JsonObject document)
            {
                continue;
            }

            string? apiVersion = (string?)document["apiVersion"];
            string? kind = (string?)document["kind"];
            if (apiVersion != "rbac.authorization.k8s.io/v1")
            {
                continue;
            }

            string where = $"{source}, document at line {line} ({kind})";
            switch (kind)
            {
                case "Role":
                    V1Role role = Read<V1Role>(document, where);
                    role.Metadata.NamespaceProperty ??= "default";
                    _roles.Add(role);
                    break;
                case "ClusterRole":
                    _clusterRoles.Add(Read<V1ClusterRole>(document, where));
                    break;
                case "RoleBinding":
                    V1RoleBinding binding = Read<V1RoleBinding>(document, where);
                    binding.Metadata.NamespaceProperty ??= "default";
                    _roleBindings.Add(binding);
                    break;
                case "ClusterRoleBinding":
                    _clusterRoleBindings.Add(Read<V1ClusterRoleBinding>(document, where));
                    break;
                default:
                    throw new FormatException($"{where}: unknown RBAC kind '{kind}'; expected Role, ClusterRole, RoleBinding or ClusterRoleBinding.");
            }
        }

        return this;
    }

    private static T Read<T>(JsonObject document, string where)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        T value;
        try
        {
            value = KubernetesJson.Deserialize<T>(document);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException($"{where}: does not match the {typeof(T).Name} model: {e.Message}", e);
        }

        if (YamlToJson.FirstUnknownField(document, JsonNode.Parse(KubernetesJson.Serialize(value))) is { } unknown)
        {
            throw new FormatException($"{where}: unknown field '{unknown}'. Check its spelling against the {typeof(T).Name} API reference.");
        }

        if (string.IsNullOrEmpty(value.Metadata?.Name))
        {
            throw new FormatException($"{where}: metadata.name is missing.");
        }

        return value;
    }
}
