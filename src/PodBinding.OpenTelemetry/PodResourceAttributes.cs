using PodBinding.Loading;
using PodBinding.Shared;

namespace PodBinding.OpenTelemetry;

/// <summary>
/// The resource attributes one read of a pod produced, and every attribute that was left out with the reason. Nothing
/// is invented: an attribute appears only when the class binds the field and the pod supplied a value.
/// </summary>
public sealed class PodResourceAttributes
{
    private PodResourceAttributes(IReadOnlyList<KeyValuePair<string, object>> attributes, IReadOnlyList<string> omitted)
    {
        Attributes = attributes;
        Omitted = omitted;
    }

    /// <summary>The attributes, in a fixed order: pod, namespace, node, container, workload, labels, annotations.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Attributes { get; }

    /// <summary>One line per attribute left out: the name, then why (<c>k8s.pod.uid: PodInfo binds no metadata.uid</c>).</summary>
    public IReadOnlyList<string> Omitted { get; }

    /// <summary>
    /// Reads <typeparamref name="TPod"/>'s bound fields from <see cref="PodBindingResourceOptions.Source"/> (default: the
    /// running pod) without building an instance: only the fields the attributes need, through the same reader the
    /// generated <c>Load()</c> uses, so env var names, item paths and the volume snapshot are the class's own.
    /// </summary>
    public static PodResourceAttributes Read<TPod>(PodBindingResourceOptions? options = null)
        where TPod : class, IDownwardBinding<TPod>
    {
        options ??= new PodBindingResourceOptions();
        DownwardBindingInfo info = TPod.DownwardApi;
        return Read(info, options.Source ?? PodSource.FromProcess(info.MountPath), options);
    }

    private static PodResourceAttributes Read(DownwardBindingInfo info, PodSource source, PodBindingResourceOptions options)
    {
        var reader = new BindingReader(source, info);
        string type = ShortName(info.TypeName);
        var attributes = new List<KeyValuePair<string, object>>();
        var omitted = new List<string>();

        Scalar(K8sSemanticConventions.PodName, DownwardFieldPaths.Name);
        Scalar(K8sSemanticConventions.PodUid, DownwardFieldPaths.Uid);
        Scalar(K8sSemanticConventions.NamespaceName, DownwardFieldPaths.Namespace);
        Scalar(K8sSemanticConventions.NodeName, DownwardFieldPaths.NodeName);

        // The container the generator resolved for the class (attribute, MSBuild property, workload or assembly name):
        // the YAML it wrote puts the env vars and the volume mount into that container.
        attributes.Add(new(K8sSemanticConventions.ContainerName, info.ContainerName));

        // The options win (an owner chain read from the API server knows better than a compile-time setting); otherwise
        // the class's own [DownwardBinding(WorkloadKind, WorkloadName)], which the generator carries in DownwardApi.
        bool fromOptions = options.WorkloadKind != WorkloadKind.None;
        WorkloadKind workloadKind = fromOptions ? options.WorkloadKind : info.WorkloadKind;
        string? workloadName = fromOptions ? options.WorkloadName : info.WorkloadName;
        string? workloadKey = K8sSemanticConventions.WorkloadNameKey(workloadKind);
        if (workloadKey is not null)
        {
            if (string.IsNullOrEmpty(workloadName))
            {
                omitted.Add($"{workloadKey}: WorkloadKind is {workloadKind} but no WorkloadName was given");
            }
            else
            {
                attributes.Add(new(workloadKey, workloadName));
            }
        }
        else if (workloadKind == WorkloadKind.None)
        {
            omitted.Add($"k8s.<workload>.name: {type} declares no [DownwardBinding(WorkloadKind, WorkloadName)] and the options name none");
        }

        Map(K8sSemanticConventions.PodLabelPrefix, DownwardFieldPaths.Labels, options.LabelKeys);
        Map(K8sSemanticConventions.PodAnnotationPrefix, DownwardFieldPaths.Annotations, options.AnnotationKeys);
        return new PodResourceAttributes(attributes.AsReadOnly(), omitted.AsReadOnly());

        void Scalar(string key, string fieldPath)
        {
            int index = IndexOf(info, fieldPath);
            if (index < 0)
            {
                omitted.Add($"{key}: {type} binds no {fieldPath}");
                return;
            }

            // The reader records a missing value as an error; the detector never throws, it leaves the attribute out.
            // Kubernetes never sets these fields empty, so the loader's one rule counts an empty value as missing.
            string? value = reader.GetString(index);
            if (string.IsNullOrEmpty(value))
            {
                omitted.Add($"{key}: {Origin(info, index)} is missing or empty");
            }
            else
            {
                attributes.Add(new(key, value));
            }
        }

        void Map(string prefix, string fieldPath, ICollection<string> keys)
        {
            if (keys.Count == 0)
            {
                return;
            }

            int whole = IndexOf(info, fieldPath);
            IReadOnlyDictionary<string, string>? map = whole < 0 ? null : reader.GetMap(whole);
            foreach (string key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                string name = prefix + key;
                if (whole >= 0)
                {
                    // The whole map tells a missing key from an empty value, which the conventions record as "".
                    if (map is null)
                    {
                        omitted.Add($"{name}: {Origin(info, whole)} is missing or malformed");
                    }
                    else if (map.TryGetValue(key, out string? value))
                    {
                        attributes.Add(new(name, value));
                    }
                    else
                    {
                        omitted.Add($"{name}: the pod has no {KindOf(fieldPath)} '{key}'");
                    }

                    continue;
                }

                int single = IndexOf(info, $"{fieldPath}['{key}']");
                if (single < 0)
                {
                    omitted.Add($"{name}: {type} binds neither {fieldPath} nor {fieldPath}['{key}']");
                    continue;
                }

                // One key alone reads as "" both when it is empty and when the pod lacks it (the kubelet writes "" for a
                // missing key), so an empty value is left out rather than guessed.
                string? one = reader.GetString(single);
                if (string.IsNullOrEmpty(one))
                {
                    omitted.Add($"{name}: {Origin(info, single)} is empty, which is also how the kubelet writes a missing {KindOf(fieldPath)}; bind {fieldPath} to tell them apart");
                }
                else
                {
                    attributes.Add(new(name, one));
                }
            }
        }
    }

    private static int IndexOf(DownwardBindingInfo info, string fieldPath)
    {
        IReadOnlyList<DownwardReference> references = info.References;
        for (int i = 0; i < references.Count; i++)
        {
            if (string.Equals(references[i].FieldPath, fieldPath, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Origin(DownwardBindingInfo info, int index)
    {
        DownwardReference reference = info.References[index];
        return reference.Source == DownwardSource.Environment
            ? $"env var {reference.Name} ({reference.MemberName})"
            : $"volume item {reference.Name} ({reference.MemberName})";
    }

    private static string KindOf(string fieldPath) => fieldPath == DownwardFieldPaths.Labels ? "label" : "annotation";

    private static string ShortName(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];
}
