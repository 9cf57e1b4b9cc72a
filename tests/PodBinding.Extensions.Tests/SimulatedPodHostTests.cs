using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodBinding.Testing;

namespace PodBinding.Extensions.Tests;

/// <summary>In the Development environment outside a cluster, AddPodBinding reads the content root's simulated pod and says so.</summary>
public sealed class SimulatedPodHostTests
{
    [Fact]
    public async Task Development_outside_a_cluster_reads_simulated_pod_under_the_content_root()
    {
        Assert.True(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is null, "this test models running outside a cluster");
        string root = Path.Combine(Path.GetTempPath(), "podbinding-dev-" + Guid.NewGuid().ToString("N"));
        try
        {
            var pod = new SimulatedPod { Name = "shop-local" };
            pod.Labels["app"] = "shop";
            pod.WriteVolume(new KubeletVolumeWriter(Path.Combine(root, "simulated-pod", "volume")), ShopPod.DownwardApi);
            File.WriteAllLines(Path.Combine(root, "simulated-pod", "pod.env"), pod.Environment(ShopPod.DownwardApi).Select(e => $"{e.Key}={e.Value}"));
            var logs = new LogCollector();
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development, ContentRootPath = root });
            builder.Logging.AddProvider(logs);
            builder.Services.AddPodBinding<ShopPod>(r => r.WatchOptions.UseFileSystemEvents = false);
            using IHost host = builder.Build();

            await host.StartAsync();

            Assert.Equal("shop-local", host.Services.GetRequiredService<ShopPod>().Name);
            Assert.Contains(logs.Messages, m => m.Contains($"from the simulated pod in {Path.Combine(root, "simulated-pod")}", StringComparison.Ordinal)
                                                && m.Contains("Development environment", StringComparison.Ordinal));
            await host.StopAsync();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
