using k8s.Models;
using PodBinding.Shared;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>
/// A parsed <c>fieldSelector</c> (<c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, comma-separated). Every resource supports
/// <c>metadata.name</c> and <c>metadata.namespace</c>; pods also <c>spec.nodeName</c>, <c>spec.serviceAccountName</c>,
/// <c>status.phase</c> and <c>status.podIP</c>; nodes also <c>spec.unschedulable</c> — a subset of the fields each
/// registry strategy's <c>GetAttrs</c> exposes.
/// </summary>
internal sealed class FieldSelector
{
    private readonly List<(string Field, string Value, bool Equal)> _terms;

    private FieldSelector(List<(string, string, bool)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new(new());

    /// <summary>The name required by a <c>metadata.name=X</c> term, which RBAC treats as the request's name.</summary>
    public string? RequiredName => _terms.Where(t => t.Field == FieldSelectorFields.MetadataName && t.Equal).Select(t => t.Value).FirstOrDefault();

    /// <exception cref="FormatException">A term does not parse or names an unsupported field.</exception>
    public static FieldSelector Parse(string? text, ResourceType type)
    {
        var terms = new List<(string, string, bool)>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FieldSelector(terms);
        }

        foreach (string raw in text.Split(','))
        {
            string term = raw.Trim();
            int notEqual = term.IndexOf("!=", StringComparison.Ordinal);
            int equal = term.IndexOf('=');
            if (equal <= 0 && notEqual <= 0)
            {
                throw new FormatException($"invalid selector: '{text}'; can't understand '{term}'");
            }

            (string field, string value, bool isEqual) = notEqual > 0
                ? (term[..notEqual], term[(notEqual + 2)..], false)
                : (term[..equal], term[(equal + (term.Length > equal + 1 && term[equal + 1] == '=' ? 2 : 1))..], true);
            if (!Supported(field, type))
            {
                throw new FormatException($"field label not supported: {field}");
            }

            terms.Add((field, value, isEqual));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(object value) => _terms.All(t => (FieldValue(value, t.Field) == t.Value) == t.Equal);

    private static bool Supported(string field, ResourceType type) => field switch
    {
        FieldSelectorFields.MetadataName or FieldSelectorFields.MetadataNamespace => true,
        FieldSelectorFields.PodNodeName or FieldSelectorFields.PodServiceAccountName or FieldSelectorFields.PodPhase or FieldSelectorFields.PodIP => type.Kind == V1Pod.KubeKind,
        FieldSelectorFields.NodeUnschedulable => type.Kind == "Node",
        _ => false,
    };

    private static string FieldValue(object value, string field)
    {
        var meta = ((k8s.IKubernetesObject<V1ObjectMeta>)value).Metadata;
        return field switch
        {
            FieldSelectorFields.MetadataName => meta?.Name ?? "",
            FieldSelectorFields.MetadataNamespace => meta?.NamespaceProperty ?? "",
            FieldSelectorFields.PodNodeName => (value as V1Pod)?.Spec?.NodeName ?? "",
            FieldSelectorFields.PodServiceAccountName => (value as V1Pod)?.Spec?.ServiceAccountName ?? "",
            FieldSelectorFields.PodPhase => (value as V1Pod)?.Status?.Phase ?? "",
            FieldSelectorFields.PodIP => (value as V1Pod)?.Status?.PodIP ?? "",
            FieldSelectorFields.NodeUnschedulable => (value as V1Node)?.Spec?.Unschedulable == true ? "true" : "false",
            _ => "",
        };
    }
}
