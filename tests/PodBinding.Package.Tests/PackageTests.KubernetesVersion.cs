using PodBinding.Package.Tests.Infrastructure;

namespace PodBinding.Package.Tests;

/// <summary>PodBindingKubernetesVersion as users set it: the packed props make it compiler-visible, so it reaches the generator and the analyzers.</summary>
public sealed partial class PackageTests
{
    private const string ApiClass = """

        [PodBinding.DownwardBinding(ContainerName = "orders", WorkloadKind = PodBinding.WorkloadKind.Deployment, WorkloadName = "orders")]
        [PodBinding.KubernetesApi(PodBinding.KubernetesApiMode.Ambassador)]
        public partial class ApiPod
        {
            [PodBinding.FromDownward("metadata.name")] public string Name { get; private set; } = "";
        }

        """;

    [Fact]
    public void The_target_version_property_reaches_the_generator_and_a_malformed_one_fails_with_PB0106()
    {
        string project = ScratchProject.Create("Consumer", Path.Combine(package.Root, "ConsumerWithTarget"), new Dictionary<string, string>
        {
            ["__PODBINDING_VERSION__"] = package.Version,
            ["__FEED__"] = package.Feed,
            ["__PACKAGES__"] = package.Packages,
        });
        File.AppendAllText(Path.Combine(project, "Program.cs"), ApiClass);

        CommandResult old = DotNet.Build(project, "build", "-p:PodBindingKubernetesVersion=1.28");
        Assert.True(old.Succeeded, old.ToString());
        string patch = File.ReadAllText(Path.Combine(project, "deploy", "podbinding", "kubernetes-api", "ambassador", "api-pod.patch.yaml"));
        Assert.Contains("      containers:\n      - name: kube-api-ambassador\n        image: \"registry.k8s.io/kubectl:v1.29.0\"\n", patch, StringComparison.Ordinal);

        CommandResult current = DotNet.Build(project, "build");
        Assert.True(current.Succeeded, current.ToString());
        patch = File.ReadAllText(Path.Combine(project, "deploy", "podbinding", "kubernetes-api", "ambassador", "api-pod.patch.yaml"));
        Assert.Contains("      initContainers:\n      - name: kube-api-ambassador\n        image: \"registry.k8s.io/kubectl:v1.31.2\"\n        restartPolicy: Always\n", patch, StringComparison.Ordinal);

        CommandResult malformed = DotNet.Build(project, "build", "-p:PodBindingKubernetesVersion=v1.30");
        Assert.False(malformed.Succeeded, malformed.ToString());
        Assert.Contains("error PB0106: The MSBuild property PodBindingKubernetesVersion is 'v1.30', which is not a Kubernetes version", malformed.Output, StringComparison.Ordinal);
    }
}
