using k8s;
using k8s.Models;
using PodBinding.Package.Tests.Infrastructure;
using PodBinding.Tests.Shared;

namespace PodBinding.Package.Tests;

/// <summary>
/// A user's project end to end, the way it lives in a repository: two bound classes patching one Deployment, a base
/// whose pod already has a downwardAPI volume of the documentation's name <c>podinfo</c>, and hand-written
/// kustomizations. Built with <c>dotnet build</c> (the generator, analyzers and the YAML-writing task), then rendered
/// with the real <c>kubectl kustomize</c> and read back with KubernetesClient's strict model.
/// </summary>
[Collection(NestedBuildCollection.Name)]
public sealed class UserProjectKustomizeTests : IDisposable
{
    private const string BaseDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          selector:
            matchLabels:
              app: orders
          template:
            metadata:
              labels:
                app: orders
            spec:
              containers:
              - name: orders-api
                image: registry.example.com/orders:2.0.0
                volumeMounts:
                - name: podinfo
                  mountPath: /etc/podinfo
              volumes:
              - name: podinfo
                downwardAPI:
                  items:
                  - path: annotations
                    fieldRef:
                      fieldPath: metadata.annotations

        """;

    private const string BaseKustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- deployment.yaml\n";
    private const string OverlayKustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\nresources:\n- ../../base\ncomponents:\n- ../../generated\n";

    private readonly string _root = Directory.CreateTempSubdirectory("podbinding-userproject-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Classes(string bindingArguments) => $$"""
        using PodBinding;

        [DownwardBinding(WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders"{{bindingArguments}})]
        public partial class OrdersLabels
        {
            [FromDownward("metadata.labels")] public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();
        }

        [DownwardBinding(WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders"{{bindingArguments}})]
        public partial class OrdersMemory
        {
            [FromDownward("limits.memory", Source = DownwardSource.Volume, Divisor = "1Mi")] public long LimitMi { get; private set; }
        }

        public static class Program
        {
            public static void Main() => System.Console.WriteLine(nameof(OrdersLabels) + nameof(OrdersMemory));
        }
        """;

    [Fact]
    public void Two_classes_a_pre_existing_podinfo_volume_and_hand_written_kustomizations_render_every_item_and_touch_no_user_file()
    {
        string repoRoot = DotNet.RepoRoot.TrimEnd('/', '\\') + "/";
        string project = ScratchProject.Create("InRepo", Path.Combine(_root, "InRepo"), new Dictionary<string, string> { ["__REPO_ROOT__"] = repoRoot });
        string program = Path.Combine(project, "Program.cs");
        Dictionary<string, string> userFiles = new()
        {
            [Path.Combine(project, "k8s", "base", "deployment.yaml")] = BaseDeployment,
            [Path.Combine(project, "k8s", "base", "kustomization.yaml")] = BaseKustomization,
            [Path.Combine(project, "k8s", "overlays", "prod", "kustomization.yaml")] = OverlayKustomization,
        };
        foreach ((string path, string text) in userFiles)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        // First as a new user writes it: the default volume name clashes with the base's own podinfo volume.
        File.WriteAllText(program, Classes(""));
        CommandResult clash = DotNet.Build(project, "build");
        Assert.True(clash.Succeeded, clash.ToString());
        Assert.Contains("warning PB0018", clash.Output, StringComparison.Ordinal);
        Assert.Contains("k8s/base/deployment.yaml", clash.Output, StringComparison.Ordinal);

        // The fix PB0018 asks for: a name (and a mount path) of PodBinding's own.
        File.WriteAllText(program, Classes(", VolumeName = \"pod-facts\", MountPath = \"/etc/pod-facts\""));
        CommandResult build = DotNet.Build(project, "build");
        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain(": warning PB", build.Output, StringComparison.Ordinal);

        V1Deployment deployment = KubernetesYaml.Deserialize<V1Deployment>(
            KubectlKustomize.Document(KubectlKustomize.Render(Path.Combine(project, "k8s", "overlays", "prod")), "Deployment"), strict: true);
        Assert.Equal("shop", deployment.Metadata.NamespaceProperty);
        V1PodSpec spec = deployment.Spec.Template.Spec;

        // The user's volume and mount are exactly as written.
        V1Volume own = Assert.Single(spec.Volumes, v => v.Name == "podinfo");
        Assert.Equal("metadata.annotations", Assert.Single(own.DownwardAPI.Items).FieldRef.FieldPath);

        // PodBinding's volume holds every item of both classes.
        V1Volume facts = Assert.Single(spec.Volumes, v => v.Name == "pod-facts");
        Assert.Equal(2, facts.DownwardAPI.Items.Count);
        Assert.Equal("metadata.labels", Assert.Single(facts.DownwardAPI.Items, i => i.FieldRef is not null).FieldRef.FieldPath);
        V1ResourceFieldSelector memory = Assert.Single(facts.DownwardAPI.Items, i => i.ResourceFieldRef is not null).ResourceFieldRef;
        Assert.Equal(("orders-api", "limits.memory", "1Mi"), (memory.ContainerName, memory.Resource, memory.Divisor.ToString()));
        Assert.Equal(2, spec.Volumes.Count);

        V1Container container = Assert.Single(spec.Containers);
        Assert.Equal("registry.example.com/orders:2.0.0", container.Image);
        Assert.Equal(
            new[] { ("pod-facts", "/etc/pod-facts"), ("podinfo", "/etc/podinfo") },
            container.VolumeMounts.Select(m => (m.Name, m.MountPath)).OrderBy(m => m.Name, StringComparer.Ordinal));

        foreach ((string path, string text) in userFiles)
        {
            Assert.Equal(text, File.ReadAllText(path));
        }
    }
}
