using PodBinding.Generators.Catalog;
using PodBinding.Generators.Tests.Helpers;

namespace PodBinding.Generators.Tests;

/// <summary>The target version: its one accepted form, and the version-dependent facts the YAML is written from.</summary>
public sealed class KubernetesVersionTests
{
    [Theory]
    [InlineData("1.30", 1, 30)]
    [InlineData(" 1.28 ", 1, 28)]
    [InlineData("1.100", 1, 100)]
    public void AcceptedForm_Parses(string text, int major, int minor)
    {
        Assert.True(KubernetesVersions.TryParse(text, out KubernetesVersion version));
        Assert.Equal(new KubernetesVersion(major, minor), version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1.30")]
    [InlineData("1.30.2")]
    [InlineData("1")]
    [InlineData("1.")]
    [InlineData(".30")]
    [InlineData("2.0")]
    [InlineData("1.x")]
    [InlineData("1.+3")]
    [InlineData("1.1000")]
    public void OtherForms_AreRejected(string text) => Assert.False(KubernetesVersions.TryParse(text, out _));

    [Theory]
    [InlineData(1, 27, "registry.k8s.io/kubectl:v1.28.0")] // below the first image: the first image
    [InlineData(1, 28, "registry.k8s.io/kubectl:v1.29.0")]
    [InlineData(1, 30, "registry.k8s.io/kubectl:v1.31.2")]
    [InlineData(1, 31, "registry.k8s.io/kubectl:v1.32.4")]
    [InlineData(1, 40, "registry.k8s.io/kubectl:v1.36.4")] // above the table: its newest entry
    public void KubectlImage_IsOneMinorAboveTheTarget(int major, int minor, string image) =>
        Assert.Equal(image, KubernetesVersions.KubectlImage(new KubernetesVersion(major, minor)));

    [Fact]
    public void NativeSidecars_FromTheReleaseThatTurnsThemOnByDefault()
    {
        Assert.False(new KubernetesVersion(1, 28).AtLeast(KubernetesVersions.NativeSidecars));
        Assert.True(new KubernetesVersion(1, 29).AtLeast(KubernetesVersions.NativeSidecars));
        Assert.True(KubernetesVersions.Default.AtLeast(KubernetesVersions.NativeSidecars));
        Assert.True(KubernetesVersions.Default.AtLeast(KubernetesVersions.SelfSubjectReviewGA));
    }

    [Theory]
    [InlineData("1.28", "containers:", "registry.k8s.io/kubectl:v1.29.0")]
    [InlineData("1.29", "initContainers:", "registry.k8s.io/kubectl:v1.30.0")]
    [InlineData("1.33", "initContainers:", "registry.k8s.io/kubectl:v1.34.3")]
    public void TheProperty_ReachesTheGenerator(string target, string sidecarList, string image)
    {
        string patch = GeneratorRunner.RunForTarget(target, Sources.ApiModes).Manifest("kubernetes-api/ambassador/catalog-pod.patch.yaml");
        Assert.Contains($"      {sidecarList}\n      - name: kube-api-ambassador\n        image: \"{image}\"\n", patch, StringComparison.Ordinal);
        Assert.Equal(sidecarList == "initContainers:", patch.Contains("restartPolicy: Always", StringComparison.Ordinal));
    }

    [Fact]
    public void AMalformedProperty_FallsBackToTheDefault_AndTheKubectlOverrideWins()
    {
        string malformed = GeneratorRunner.RunForTarget("v1.28", Sources.ApiModes).Manifest("kubernetes-api/ambassador/catalog-pod.patch.yaml");
        Assert.Contains("registry.k8s.io/kubectl:v1.31.2", malformed, StringComparison.Ordinal); // 1.30's, reported as PB0106

        string mirrored = GeneratorRunner.Run(
                TestCompilation.Create(Sources.ApiModes),
                new Dictionary<string, string> { ["PodBindingKubectlImage"] = "mirror.example.com/kubectl:v1.31.9" })
            .Manifest("kubernetes-api/ambassador/catalog-pod.patch.yaml");
        Assert.Contains("image: \"mirror.example.com/kubectl:v1.31.9\"\n", mirrored, StringComparison.Ordinal);
    }
}
