using PodBinding.Tests.Support;
using PodBinding.Tests.Watching;

namespace PodBinding.Tests.Loading;

/// <summary>Outside a cluster: PODBINDING_SIMULATED_POD names a simulated pod, and a load error says how to get one.</summary>
public sealed class SimulatedPodSourceTests
{
    [Fact]
    public void FromProcess_reads_the_simulated_pod_that_PODBINDING_SIMULATED_POD_names()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("volume"));
        File.WriteAllText(temp.Combine("volume", "labels"), "app=\"orders\"");
        File.WriteAllText(temp.Combine("pod.env"), "# the container's env\nPOD_NAME=orders-local\n");
        var environment = new Dictionary<string, string> { [PodSource.SimulatedPodVariable] = temp.Path };

        PodSource source = PodSource.FromProcess("/etc/podinfo", name => environment.GetValueOrDefault(name));
        WatchedPod pod = WatchedPod.Load(source);

        Assert.Equal("orders-local", pod.Name);
        Assert.Equal("orders", pod.Labels["app"]);
        Assert.Equal(temp.Path, source.SimulatedPodFolder);
        Assert.Equal(temp.Combine("volume"), source.VolumeDirectory);
    }

    [Fact]
    public void Outside_a_cluster_a_load_error_says_how_to_run_with_a_simulated_pod()
    {
        var outside = new Dictionary<string, string>();
        var inside = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1" };

        string there = Assert.Throws<DownwardApiLoadException>(() => WatchedPod.Load(PodSource.FromProcess("/nonexistent/podinfo", name => outside.GetValueOrDefault(name)))).Message;
        string here = Assert.Throws<DownwardApiLoadException>(() => WatchedPod.Load(PodSource.FromProcess("/nonexistent/podinfo", name => inside.GetValueOrDefault(name)))).Message;

        Assert.Contains("Not running in a Kubernetes pod (KUBERNETES_SERVICE_HOST is not set)", there);
        Assert.Contains("set PODBINDING_SIMULATED_POD to a simulated pod folder", there);
        Assert.DoesNotContain(PodSource.SimulatedPodVariable, here); // in a cluster the manifest's YAML is the fix
    }

    [Fact]
    public void A_simulated_pod_that_lacks_a_value_names_its_own_files()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("pod.env"), "OTHER=1\n");

        string message = Assert.Throws<DownwardApiLoadException>(() => WatchedPod.Load(PodSource.FromSimulatedPod(temp.Path, "a test"))).Message;

        Assert.Contains($"env var POD_NAME: is not set in {temp.Combine("pod.env")}", message);
        Assert.Contains($"read from the simulated pod in {temp.Path} (a test)", message);
    }

    [Fact]
    public void A_pod_env_line_that_is_not_KEY_VALUE_names_the_file_and_line()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("pod.env"), "POD_NAME=orders\nexport POD_IP\n");

        FormatException error = Assert.Throws<FormatException>(() => PodSource.FromSimulatedPod(temp.Path));

        Assert.StartsWith($"{temp.Combine("pod.env")} line 2: expected KEY=VALUE but found 'export POD_IP'", error.Message);
    }
}
