using k8s;
using k8s.Models;
using PodBinding.Generators.Tests.Helpers;

namespace PodBinding.Generators.Tests;

/// <summary>
/// Every generated YAML file parses with KubernetesClient's strict model (unknown fields are errors), into the type
/// its kind names, and says what the class asked for.
/// </summary>
public sealed class YamlValidityTests
{
    public static TheoryData<string> AllSources() => new()
    {
        nameof(Sources.IssueExample), nameof(Sources.OrdersDeployment), nameof(Sources.ReportCronJob), nameof(Sources.DebugPod),
        nameof(Sources.GlobalNamespace), nameof(Sources.Overrides), nameof(Sources.Optional), nameof(Sources.AllSkipped),
        nameof(Sources.ApiModes), nameof(Sources.ApiStatefulSet),
    };

    [Theory]
    [MemberData(nameof(AllSources))]
    public void EveryFileDeserializesStrictly(string sourceName)
    {
        string source = (string)typeof(Sources).GetField(sourceName)!.GetRawConstantValue()!;
        GeneratorOutput output = GeneratorRunner.Run(source);
        Assert.NotEmpty(output.Manifests);
        foreach ((string file, string yaml) in output.Manifests)
        {
            if (file == "kustomization.yaml" || file.EndsWith("/kustomization.yaml", StringComparison.Ordinal))
            {
                Assert.Contains("kind: Component\n", yaml, StringComparison.Ordinal);
                continue;
            }

            if (file.EndsWith(".service-account.yaml", StringComparison.Ordinal))
            {
                V1ServiceAccount account = KubernetesYaml.Deserialize<V1ServiceAccount>(yaml, strict: true);
                Assert.Equal(("v1", "ServiceAccount"), (account.ApiVersion, account.Kind));
                Assert.False(string.IsNullOrEmpty(account.Metadata.Name));
            }
            else if (file.EndsWith(".volumes.patch.yaml", StringComparison.Ordinal))
            {
                // A workload's merged downward API volume(s): volumes only, each a downwardAPI volume with items.
                V1PodSpec spec = Workloads.PodSpecOfPatch(yaml, out _);
                Assert.Null(spec.Containers);
                Assert.All(Assert.IsAssignableFrom<IList<V1Volume>>(spec.Volumes), v => Assert.NotEmpty(v.DownwardAPI.Items));
            }
            else if (file.EndsWith(".patch.yaml", StringComparison.Ordinal))
            {
                V1PodSpec spec = Workloads.PodSpecOfPatch(yaml, out _);
                Assert.NotEmpty(spec.Containers);
                if (!file.Contains('/'))
                {
                    Assert.Null(spec.Volumes); // a class's downward API volume lives in its workload's .volumes.patch.yaml
                }
            }
            else
            {
                V1PodSpec spec = KubernetesYaml.Deserialize<V1PodSpec>(yaml, strict: true);
                Assert.Single(spec.Containers);
            }
        }
    }

    public static TheoryData<string, string, string, Type> Kinds() => new()
    {
        { "Pod", "v1", "Pod", typeof(V1Pod) },
        { "Deployment", "apps/v1", "Deployment", typeof(V1Deployment) },
        { "StatefulSet", "apps/v1", "StatefulSet", typeof(V1StatefulSet) },
        { "DaemonSet", "apps/v1", "DaemonSet", typeof(V1DaemonSet) },
        { "ReplicaSet", "apps/v1", "ReplicaSet", typeof(V1ReplicaSet) },
        { "Job", "batch/v1", "Job", typeof(V1Job) },
        { "CronJob", "batch/v1", "CronJob", typeof(V1CronJob) },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PatchForEachWorkloadKind_IsThatKindWithThePodSpecInPlace(string workloadKind, string apiVersion, string kind, Type modelType)
    {
        string source = $$"""
            using PodBinding;

            namespace Orders.Kinds;

            [DownwardBinding(ContainerName = "worker", WorkloadKind = WorkloadKind.{{workloadKind}}, WorkloadName = "orders-{{workloadKind.ToLowerInvariant()}}")]
            public partial class WorkerPod
            {
                [FromDownward("metadata.name")]
                public required string Name { get; init; }

                [FromDownward("metadata.labels['app']")]
                public string? App { get; init; }
            }
            """;
        GeneratorOutput output = GeneratorRunner.Run(source);
        string yaml = output.Manifest("worker-pod.patch.yaml");

        V1PodSpec spec = Workloads.PodSpecOfPatch(yaml, out IKubernetesObject<V1ObjectMeta> workload);
        Assert.IsType(modelType, workload);
        Assert.Equal(apiVersion, workload.ApiVersion);
        Assert.Equal(kind, workload.Kind);
        Assert.Equal("orders-" + workloadKind.ToLowerInvariant(), workload.Metadata.Name);

        V1Container container = Assert.Single(spec.Containers);
        Assert.Equal("worker", container.Name);
        V1EnvVar env = Assert.Single(container.Env);
        Assert.Equal(("POD_NAME", "v1", "metadata.name"), (env.Name, env.ValueFrom.FieldRef.ApiVersion, env.ValueFrom.FieldRef.FieldPath));
        Assert.Null(spec.Volumes);

        // The volume is the workload's: same kind, name and pod-spec path, in its own patch.
        string volumesFile = workloadKind.ToLowerInvariant() + "-orders-" + workloadKind.ToLowerInvariant() + ".volumes.patch.yaml";
        V1PodSpec volumes = Workloads.PodSpecOfPatch(output.Manifest(volumesFile), out IKubernetesObject<V1ObjectMeta> volumeWorkload);
        Assert.Equal((workload.Kind, workload.Metadata.Name), (volumeWorkload.Kind, volumeWorkload.Metadata.Name));
        V1DownwardAPIVolumeFile item = Assert.Single(Assert.Single(volumes.Volumes).DownwardAPI.Items);
        Assert.Equal(("label.app", "v1", "metadata.labels['app']"), (item.Path, item.FieldRef.ApiVersion, item.FieldRef.FieldPath));

        // The fragment is the same pod spec (containers from the class patch, the volume from the workload's), without
        // the workload around it.
        V1PodSpec fragment = KubernetesYaml.Deserialize<V1PodSpec>(output.Manifest("worker-pod.yaml"), strict: true);
        spec.Volumes = volumes.Volumes;
        Assert.Equal(KubernetesYaml.Serialize(spec), KubernetesYaml.Serialize(fragment));
    }

    [Fact]
    public void ManifestName_NamesTheFilesAndTheComponentEntry()
    {
        const string source = """
            using PodBinding;

            namespace Orders
            {
                [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
                public partial class PodInfo { [FromDownward("metadata.name")] public required string Name { get; init; } }
            }

            namespace Billing
            {
                [DownwardBinding(ContainerName = "billing", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "billing", ManifestName = "billing-pod-info")]
                public partial class PodInfo { [FromDownward("metadata.name")] public required string Name { get; init; } }
            }
            """;
        GeneratorOutput output = GeneratorRunner.Run(source);

        Assert.Equal(["billing-pod-info.patch.yaml", "billing-pod-info.yaml", "kustomization.yaml", "pod-info.patch.yaml", "pod-info.yaml"], output.Manifests.Keys);
        Assert.Equal("billing", Assert.Single(KubernetesYaml.Deserialize<V1PodSpec>(output.Manifest("billing-pod-info.yaml"), strict: true).Containers).Name);
        string kustomization = output.Manifest("kustomization.yaml");
        Assert.Contains("- path: billing-pod-info.patch.yaml", kustomization, StringComparison.Ordinal);
        Assert.Single(kustomization.Split('\n'), line => line.Trim() == "- path: pod-info.patch.yaml");
    }

    [Theory]
    [InlineData("0440", 288)]
    [InlineData("440", 288)]
    [InlineData("0o600", 384)]
    [InlineData("0", 0)]
    [InlineData("0777", 511)]
    public void DefaultMode_IsWrittenInDecimalIntoTheFragmentAndTheWorkloadVolume(string written, int mode)
    {
        string source = $$"""
            using PodBinding;

            namespace Orders;

            [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders", DefaultMode = "{{written}}")]
            public partial class PodInfo { [FromDownward("metadata.labels")] public required System.Collections.Generic.IReadOnlyDictionary<string, string> Labels { get; init; } }
            """;
        GeneratorOutput output = GeneratorRunner.Run(source);

        V1PodSpec fragment = KubernetesYaml.Deserialize<V1PodSpec>(output.Manifest("pod-info.yaml"), strict: true);
        Assert.Equal(mode, Assert.Single(fragment.Volumes).DownwardAPI.DefaultMode);
        V1PodSpec volumes = Workloads.PodSpecOfPatch(output.Manifest("deployment-orders.volumes.patch.yaml"), out _);
        Assert.Equal(mode, Assert.Single(volumes.Volumes).DownwardAPI.DefaultMode);
    }

    [Theory]
    [InlineData("0888")]
    [InlineData("1000")]
    [InlineData("07777")]
    [InlineData("rw-r-----")]
    [InlineData("")]
    public void DefaultMode_KubernetesWouldReject_IsLeftOut(string written)
    {
        string source = $$"""
            using PodBinding;

            namespace Orders;

            [DownwardBinding(ContainerName = "orders", DefaultMode = "{{written}}")]
            public partial class PodInfo { [FromDownward("metadata.labels")] public required System.Collections.Generic.IReadOnlyDictionary<string, string> Labels { get; init; } }
            """;
        GeneratorOutput output = GeneratorRunner.Run(source);

        V1PodSpec fragment = KubernetesYaml.Deserialize<V1PodSpec>(output.Manifest("pod-info.yaml"), strict: true);
        Assert.Null(Assert.Single(fragment.Volumes).DownwardAPI.DefaultMode);
    }

    [Fact]
    public void Overrides_SayWhatTheClassAskedFor()
    {
        GeneratorOutput output = GeneratorRunner.Run(Sources.Overrides);
        V1PodSpec spec = Workloads.PodSpecOfPatch(output.Manifest("tuned-pod.patch.yaml"), out IKubernetesObject<V1ObjectMeta> workload);
        Assert.IsType<V1StatefulSet>(workload);

        V1Container api = Assert.Single(spec.Containers);
        Assert.Equal("api", api.Name);
        Assert.Equal(new[] { "MY_POD", "POD_LABEL_APP_KUBERNETES_IO_NAME", "ENVOY_REQUESTS_MEMORY_MIB", "LIMITS_MEMORY" }, api.Env.Select(e => e.Name));

        Assert.Equal(("v1", "metadata.name"), Field(api.Env[0]));
        Assert.Equal(("v1", "metadata.labels['app.kubernetes.io/name']"), Field(api.Env[1]));
        Assert.Equal(("envoy", "requests.memory", "1Mi"), Resource(api.Env[2].ValueFrom.ResourceFieldRef));
        Assert.Equal(("api", "limits.memory", "1"), Resource(api.Env[3].ValueFrom.ResourceFieldRef));
        Assert.All(api.Env, e => Assert.Null(e.Value));

        V1VolumeMount mount = Assert.Single(api.VolumeMounts);
        Assert.Equal(("pod-facts", "/var/run/pod-facts", true), (mount.Name, mount.MountPath, mount.ReadOnlyProperty));
        Assert.Null(mount.SubPath); // a subPath mount is a bind mount made once at container start: it never updates (see PB0203)

        Assert.Null(spec.Volumes);
        V1Volume volume = Assert.Single(Workloads.PodSpecOfPatch(output.Manifest("statefulset-orders-db.volumes.patch.yaml"), out _).Volumes);
        Assert.Equal("pod-facts", volume.Name);
        Assert.Null(volume.DownwardAPI.DefaultMode);
        Assert.Equal(new[] { "meta/namespace", "limits.cpu.millicores", "meta/annotations" }, volume.DownwardAPI.Items.Select(i => i.Path));
        Assert.Equal(("v1", "metadata.namespace"), (volume.DownwardAPI.Items[0].FieldRef.ApiVersion, volume.DownwardAPI.Items[0].FieldRef.FieldPath));
        Assert.Null(volume.DownwardAPI.Items[0].ResourceFieldRef);
        Assert.Equal(("api", "limits.cpu", "1m"), Resource(volume.DownwardAPI.Items[1].ResourceFieldRef));
        Assert.Null(volume.DownwardAPI.Items[1].FieldRef);
        Assert.Equal(("v1", "metadata.annotations"), (volume.DownwardAPI.Items[2].FieldRef.ApiVersion, volume.DownwardAPI.Items[2].FieldRef.FieldPath));
    }

    [Fact]
    public void IssueExample_SaysWhatTheClassAskedFor()
    {
        GeneratorOutput output = GeneratorRunner.Run(Sources.IssueExample);
        V1PodSpec spec = KubernetesYaml.Deserialize<V1PodSpec>(output.Manifest("pod-info.yaml"), strict: true);
        V1Container container = Assert.Single(spec.Containers);
        Assert.Equal("orders-api", container.Name); // the assembly name as a DNS label
        Assert.Equal(new[] { "POD_NAME", "POD_IP", "LIMITS_MEMORY_MIB" }, container.Env.Select(e => e.Name));
        Assert.Equal(("v1", "metadata.name"), Field(container.Env[0]));
        Assert.Equal(("v1", "status.podIP"), Field(container.Env[1]));
        Assert.Equal(("orders-api", "limits.memory", "1Mi"), Resource(container.Env[2].ValueFrom.ResourceFieldRef));
        V1VolumeMount mount = Assert.Single(container.VolumeMounts);
        Assert.Equal(("podinfo", "/etc/podinfo", true), (mount.Name, mount.MountPath, mount.ReadOnlyProperty));
        V1DownwardAPIVolumeFile item = Assert.Single(Assert.Single(spec.Volumes).DownwardAPI.Items);
        Assert.Equal(("labels", "v1", "metadata.labels"), (item.Path, item.FieldRef.ApiVersion, item.FieldRef.FieldPath));
    }

    [Fact]
    public void Optional_AnnotationKeyKeepsItsCaseAndHugePagesKeepTheirName()
    {
        GeneratorOutput output = GeneratorRunner.Run(Sources.Optional);
        V1PodSpec spec = Workloads.PodSpecOfPatch(output.Manifest("optional-pod.patch.yaml"), out IKubernetesObject<V1ObjectMeta> workload);
        Assert.IsType<V1DaemonSet>(workload);
        V1Container container = Assert.Single(spec.Containers);
        V1EnvVar owner = Assert.Single(container.Env, e => e.Name == "POD_ANNOTATION_TEST_EXAMPLE_COM_OWNER");
        Assert.Equal(("v1", "metadata.annotations['TEST.EXAMPLE.COM/owner']"), Field(owner)); // the lookup is case-sensitive (pkg/fieldpath/fieldpath.go, ExtractFieldPathAsString)
        V1EnvVar huge = Assert.Single(container.Env, e => e.Name == "LIMITS_HUGEPAGES_2MI_MIB");
        Assert.Equal(("orders", "limits.hugepages-2Mi", "1Mi"), Resource(huge.ValueFrom.ResourceFieldRef));
        V1EnvVar cpu = Assert.Single(container.Env, e => e.Name == "REQUESTS_CPU");
        Assert.Equal(("orders", "requests.cpu", "1"), Resource(cpu.ValueFrom.ResourceFieldRef));
    }

    [Fact]
    public void StrictModel_RejectsWhatKubernetesWouldReject()
    {
        // The checks above are only as good as strict mode: a misspelt or misplaced field must throw.
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.Deserialize<V1PodSpec>("containers:\n- name: a\n  envs: []\n", strict: true));
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.Deserialize<V1Deployment>("apiVersion: apps/v1\nkind: Deployment\nspec:\n  containers: []\n", strict: true));
        Assert.NotNull(KubernetesYaml.Deserialize<V1PodSpec>("containers:\n- name: a\n  env: []\n", strict: true));
    }

    private static (string, string) Field(V1EnvVar env) => (env.ValueFrom.FieldRef.ApiVersion, env.ValueFrom.FieldRef.FieldPath);

    private static (string, string, string) Resource(V1ResourceFieldSelector selector) =>
        (selector.ContainerName, selector.Resource, selector.Divisor.ToString());
}

/// <summary>Strict deserialisation of a generated patch into the model type its <c>kind</c> names, and the pod spec inside it.</summary>
internal static class Workloads
{
    public static V1PodSpec PodSpecOfPatch(string yaml, out IKubernetesObject<V1ObjectMeta> workload)
    {
        string kind = yaml.Split('\n').Single(l => l.StartsWith("kind: ", StringComparison.Ordinal)).Substring("kind: ".Length);
        (workload, V1PodSpec spec) = kind switch
        {
            "Pod" => Of(KubernetesYaml.Deserialize<V1Pod>(yaml, strict: true), w => w.Spec),
            "Deployment" => Of(KubernetesYaml.Deserialize<V1Deployment>(yaml, strict: true), w => w.Spec.Template.Spec),
            "StatefulSet" => Of(KubernetesYaml.Deserialize<V1StatefulSet>(yaml, strict: true), w => w.Spec.Template.Spec),
            "DaemonSet" => Of(KubernetesYaml.Deserialize<V1DaemonSet>(yaml, strict: true), w => w.Spec.Template.Spec),
            "ReplicaSet" => Of(KubernetesYaml.Deserialize<V1ReplicaSet>(yaml, strict: true), w => w.Spec.Template.Spec),
            "Job" => Of(KubernetesYaml.Deserialize<V1Job>(yaml, strict: true), w => w.Spec.Template.Spec),
            "CronJob" => Of(KubernetesYaml.Deserialize<V1CronJob>(yaml, strict: true), w => w.Spec.JobTemplate.Spec.Template.Spec),
            _ => throw new Xunit.Sdk.XunitException($"Unexpected kind '{kind}'"),
        };
        return spec;
    }

    private static (IKubernetesObject<V1ObjectMeta>, V1PodSpec) Of<T>(T workload, Func<T, V1PodSpec> spec)
        where T : IKubernetesObject<V1ObjectMeta> => (workload, spec(workload));
}
