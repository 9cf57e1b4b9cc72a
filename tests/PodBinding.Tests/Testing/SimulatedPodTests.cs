using PodBinding.Formats;
using PodBinding.Testing;

namespace PodBinding.Tests.Testing;

public class SimulatedPodTests
{
    private static SimulatedPod Pod(string resource, string quantity, bool limit = true)
    {
        var resources = new ContainerResources();
        (limit ? resources.Limits : resources.Requests)[resource] = quantity;
        return new SimulatedPod { Containers = { ["app"] = resources } };
    }

    // The kubelet's resource math (pkg/api/v1/resource/helpers.go, ExtractContainerResourceValue: divide, round up).
    [Theory]
    [InlineData("limits.cpu", "250m", null, "1")]
    [InlineData("limits.cpu", "250m", "1", "1")]
    [InlineData("limits.cpu", "250m", "1m", "250")]
    [InlineData("limits.cpu", "1500m", null, "2")]
    [InlineData("requests.cpu", "1200m", "100m", "12")]
    [InlineData("limits.memory", "128Mi", "1Mi", "128")]
    [InlineData("limits.memory", "128Mi", "1M", "135")]
    [InlineData("limits.memory", "1536Mi", "1Gi", "2")]
    [InlineData("requests.memory", "100Mi", null, "104857600")]
    [InlineData("limits.ephemeral-storage", "1Gi", "1G", "2")]
    [InlineData("limits.hugepages-2Mi", "4Mi", "1Mi", "4")]
    // Zero divisors mean 1 (pkg/api/v1/resource/helpers.go, ExtractContainerResourceValue); MilliValue rounds up (0.5m → 1).
    [InlineData("limits.cpu", "2", "0", "2")]
    [InlineData("limits.memory", "1Ki", "0m", "1024")]
    [InlineData("requests.cpu", "0.5m", "1m", "1")]
    [InlineData("limits.memory", "1Ei", "1", "1152921504606846976")]
    public void Resource_values_follow_the_spec_table(string resource, string quantity, string? divisor, string expected)
    {
        string name = resource[(resource.IndexOf('.', StringComparison.Ordinal) + 1)..];
        SimulatedPod pod = Pod(name, quantity, limit: resource.StartsWith("limits.", StringComparison.Ordinal));
        Assert.Equal(expected, pod.ResolveResource("app", resource, divisor));
    }

    [Theory]
    [InlineData("limits.cpu", null, "4")]
    [InlineData("limits.cpu", "1m", "4000")]
    [InlineData("limits.memory", "1Mi", "8192")]
    [InlineData("limits.ephemeral-storage", "1Gi", "100")]
    public void A_missing_limit_reads_as_node_allocatable(string resource, string? divisor, string expected)
    {
        var pod = new SimulatedPod { Containers = { ["app"] = new ContainerResources() } };
        Assert.Equal(expected, pod.ResolveResource("app", resource, divisor));
    }

    [Fact]
    public void A_zero_limit_reads_as_node_allocatable()
    {
        var pod = new SimulatedPod
        {
            Containers = { ["app"] = new ContainerResources { Limits = { ["memory"] = "0" } } },
            NodeAllocatable = { ["memory"] = "2Gi" },
        };
        Assert.Equal("2048", pod.ResolveResource("app", "limits.memory", "1Mi"));
    }

    [Theory]
    [InlineData("requests.cpu")]
    [InlineData("requests.memory")]
    [InlineData("requests.ephemeral-storage")]
    [InlineData("limits.hugepages-2Mi")]
    [InlineData("requests.hugepages-1Gi")]
    public void Requests_and_hugepages_never_fall_back(string resource)
    {
        var pod = new SimulatedPod { Containers = { ["app"] = new ContainerResources() } };
        Assert.Equal("0", pod.ResolveResource("app", resource, null));
    }

    [Fact]
    public void Unknown_containers_resources_and_quantities_are_errors()
    {
        SimulatedPod pod = Pod("memory", "1Gi");
        Assert.Throws<ArgumentException>(() => pod.ResolveResource("other", "limits.memory", null));
        Assert.Throws<ArgumentException>(() => pod.ResolveResource("app", "limits.nvidia.com/gpu", null));
        Assert.Throws<ArgumentException>(() => pod.ResolveResource("app", "cpu", null));
        Assert.Throws<ArgumentException>(() => pod.ResolveResource("app", "limits.memory", "lots"));
    }

    [Fact]
    public void Init_containers_are_found_after_containers()
    {
        var pod = new SimulatedPod { InitContainers = { ["setup"] = new ContainerResources { Requests = { ["cpu"] = "100m" } } } };
        Assert.Equal("100", pod.ResolveResource("setup", "requests.cpu", "1m"));
    }

    [Fact]
    public void Fields_resolve_to_the_kubelet_values()
    {
        var pod = new SimulatedPod
        {
            Name = "orders-7d9f",
            Namespace = "shop",
            Uid = Guid.Parse("3f2a1b9c-0d4e-4f60-8a7b-1c2d3e4f5a6b"),
            NodeName = "node-7",
            ServiceAccountName = "orders",
            PodIPs = ["10.1.2.3", "fd00::3"],
            HostIPs = ["192.168.1.7", "fd00::7"],
            Labels = { ["app"] = "orders", ["tier"] = "api" },
        };

        Assert.Equal("orders-7d9f", pod.ResolveField("metadata.name"));
        Assert.Equal("shop", pod.ResolveField("metadata.namespace"));
        Assert.Equal("3f2a1b9c-0d4e-4f60-8a7b-1c2d3e4f5a6b", pod.ResolveField("metadata.uid"));
        Assert.Equal("node-7", pod.ResolveField("spec.nodeName"));
        Assert.Equal("node-7", pod.ResolveField("spec.host"));
        Assert.Equal("orders", pod.ResolveField("spec.serviceAccountName"));
        Assert.Equal("10.1.2.3", pod.ResolveField("status.podIP"));
        Assert.Equal("10.1.2.3,fd00::3", pod.ResolveField("status.podIPs"));
        Assert.Equal("192.168.1.7", pod.ResolveField("status.hostIP"));
        Assert.Equal("192.168.1.7,fd00::7", pod.ResolveField("status.hostIPs"));
        Assert.Equal("app=\"orders\"\ntier=\"api\"", pod.ResolveField("metadata.labels"));
        Assert.Equal("orders", pod.ResolveField("metadata.labels['app']"));
        Assert.Equal("", pod.ResolveField("metadata.labels['missing']"));
    }

    [Fact]
    public void Annotations_include_the_kubelet_local_keys()
    {
        var pod = new SimulatedPod
        {
            Annotations = { ["note"] = "say \"hi\"" },
            ConfigSeen = new DateTimeOffset(2026, 7, 24, 10, 15, 42, TimeSpan.Zero).AddTicks(1234567),
        };

        Assert.Equal(
            "kubernetes.io/config.seen=\"2026-07-24T10:15:42.1234567Z\"\nkubernetes.io/config.source=\"api\"\nnote=\"say \\\"hi\\\"\"",
            pod.ResolveField("metadata.annotations"));
        Assert.Equal("api", pod.ResolveField("metadata.annotations['kubernetes.io/config.source']"));
        Assert.Equal("say \"hi\"", pod.ResolveField("metadata.annotations['note']"));
    }

    [Theory]
    [InlineData(0, 0, "2026-07-24T10:15:42Z")]
    [InlineData(5_000_000, 0, "2026-07-24T10:15:42.5Z")]
    [InlineData(1, 0, "2026-07-24T10:15:42.0000001Z")]
    [InlineData(0, 2, "2026-07-24T10:15:42+02:00")]
    [InlineData(0, -5, "2026-07-24T10:15:42-05:00")]
    public void Config_seen_is_rfc3339_with_nanoseconds_like_go(long ticks, int offsetHours, string expected)
    {
        var time = new DateTimeOffset(2026, 7, 24, 10, 15, 42, TimeSpan.FromHours(offsetHours)).AddTicks(ticks);
        Assert.Equal(expected, SimulatedPod.FormatRfc3339Nano(time));
    }

    [Theory]
    [InlineData("status.phase")]
    [InlineData("metadata.name['x']")]
    [InlineData("metadata.labels[app]")]
    [InlineData("['k']")]
    public void Unknown_field_paths_are_errors(string path)
    {
        Assert.Throws<ArgumentException>(() => new SimulatedPod().ResolveField(path));
    }

    [Fact]
    public void Environment_and_volume_payload_follow_the_binding()
    {
        var pod = new SimulatedPod
        {
            Name = "orders-1",
            Labels = { ["app"] = "orders" },
            Containers = { ["app"] = new ContainerResources { Limits = { ["memory"] = "256Mi" } }, ["sidecar"] = new ContainerResources { Requests = { ["cpu"] = "250m" } } },
        };
        var info = new DownwardBindingInfo("Demo.Settings", "app", "podinfo", "/etc/podinfo",
        [
            new("Name", DownwardSource.Environment, "POD_NAME", "metadata.name", null, null, null, false),
            new("Memory", DownwardSource.Environment, "MEMORY_LIMIT", null, "limits.memory", null, "1Mi", false),
            new("SidecarCpu", DownwardSource.Environment, "SIDECAR_CPU", null, "requests.cpu", "sidecar", "1m", false),
            new("Labels", DownwardSource.Volume, "labels", "metadata.labels", null, null, null, false),
            new("MemoryFile", DownwardSource.Volume, "limits/memory", null, "limits.memory", "app", "1Mi", false),
        ]);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1",
                ["KUBERNETES_SERVICE_PORT"] = "443",
                ["POD_NAME"] = "orders-1",
                ["MEMORY_LIMIT"] = "256",
                ["SIDECAR_CPU"] = "250",
            },
            pod.Environment(info));
        Assert.Equal(
            new Dictionary<string, string> { ["labels"] = "app=\"orders\"", ["limits/memory"] = "256" },
            pod.VolumePayload(info));
    }

    [Fact]
    public void Env_does_not_merge_allocatable_into_another_init_container_but_the_volume_does()
    {
        // Fallbacks (env: kubelet_resources.go, defaultPodLimitsForDownwardAPI; volume: pkg/volume/downwardapi/downwardapi.go, CollectData): an env var pointing at an init container without a limit reads 0, a volume item allocatable.
        var pod = new SimulatedPod
        {
            Containers = { ["app"] = new ContainerResources() },
            InitContainers = { ["setup"] = new ContainerResources() },
            NodeAllocatable = { ["memory"] = "1Gi" },
        };
        var info = new DownwardBindingInfo("Demo.Settings", "app", "podinfo", "/etc/podinfo",
        [
            new("Env", DownwardSource.Environment, "SETUP_MEMORY", null, "limits.memory", "setup", "1Mi", false),
            new("File", DownwardSource.Volume, "setup_memory", null, "limits.memory", "setup", "1Mi", false),
        ]);

        Assert.Equal("0", pod.Environment(info)["SETUP_MEMORY"]);
        Assert.Equal("1024", pod.VolumePayload(info)["setup_memory"]);
    }

    [Fact]
    public void Write_volume_writes_the_payload_and_reports_unchanged_content()
    {
        string directory = Path.Combine(Path.GetTempPath(), "podbinding-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var pod = new SimulatedPod { Labels = { ["app"] = "orders" } };
            var info = new DownwardBindingInfo("Demo.Settings", "app", "podinfo", "/etc/podinfo",
                [new("Labels", DownwardSource.Volume, "labels", "metadata.labels", null, null, null, false)]);
            var writer = new KubeletVolumeWriter(directory);

            Assert.True(pod.WriteVolume(writer, info));
            Assert.False(pod.WriteVolume(writer, info));
            pod.Labels["app"] = "payments";
            Assert.True(pod.WriteVolume(writer, info));

            Assert.True(KubeletMapFormat.TryParse(File.ReadAllText(Path.Combine(directory, "labels")), out MetadataMap? labels, out _, out _));
            Assert.Equal("payments", labels["app"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
