namespace PodBinding.OpenTelemetry.Tests;

/// <summary>Every name the detector can emit exists, with its type, in the pinned semantic-conventions release.</summary>
public sealed class SemanticConventionTests
{
    private static readonly Dictionary<string, (string Type, string Stability)> Registry = ReadRegistry();

    [Fact]
    public void The_pinned_version_is_the_registry_copy_the_tests_hold()
    {
        string file = $"k8s-registry-{K8sSemanticConventions.Version}.txt";
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "SemanticConventions", file)), $"Add SemanticConventions/{file} for the new version.");
        Assert.Equal("https://opentelemetry.io/schemas/" + K8sSemanticConventions.Version, K8sSemanticConventions.SchemaUrl);
    }

    [Fact]
    public void Every_name_emitted_for_a_fully_bound_pod_is_a_stable_string_attribute()
    {
        using var folder = new PodFolder(CheckoutPod.DownwardApi);
        folder.Pod.Labels["app.kubernetes.io/name"] = "checkout";
        folder.Pod.Annotations["team"] = "payments";
        folder.Sync();

        var emitted = new List<string>();
        foreach (WorkloadKind kind in Enum.GetValues<WorkloadKind>())
        {
            var options = new PodBindingResourceOptions { Source = folder.Source, WorkloadKind = kind, WorkloadName = "checkout" };
            options.LabelKeys.Add("app.kubernetes.io/name");
            options.AnnotationKeys.Add("team");
            PodResourceAttributes read = PodResourceAttributes.Read<CheckoutPod>(options);
            Assert.Empty(read.Omitted);
            emitted.AddRange(read.Attributes.Select(a => a.Key));
        }

        // Five pod attributes, six workload keys, one label, one annotation.
        Assert.Equal(13, emitted.Distinct().Count());
        foreach (string name in emitted.Distinct())
        {
            (string id, string type) = name.StartsWith(K8sSemanticConventions.PodLabelPrefix, StringComparison.Ordinal) ? ("k8s.pod.label", "template[string]")
                : name.StartsWith(K8sSemanticConventions.PodAnnotationPrefix, StringComparison.Ordinal) ? ("k8s.pod.annotation", "template[string]")
                : (name, "string");
            Assert.True(Registry.TryGetValue(id, out var entry), $"{id} is not in semantic conventions {K8sSemanticConventions.Version}.");
            Assert.Equal((type, "stable"), entry);
        }
    }

    [Fact]
    public void The_registry_copy_is_the_whole_k8s_group_not_a_list_made_to_match()
    {
        // Attributes this package does not emit prove the file is the release's list rather than the package's own.
        Assert.Contains("k8s.cluster.uid", Registry.Keys);
        Assert.Contains("k8s.node.label", Registry.Keys);
        Assert.True(Registry.Count > 80, $"only {Registry.Count} attributes");
    }

    private static Dictionary<string, (string, string)> ReadRegistry()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "SemanticConventions", $"k8s-registry-{K8sSemanticConventions.Version}.txt");
        var registry = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#'))
        {
            string[] parts = line.Split(' ');
            registry.Add(parts[0], (parts[1], parts[2]));
        }

        return registry;
    }
}
