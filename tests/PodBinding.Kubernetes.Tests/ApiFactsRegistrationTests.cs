using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PodBinding.Kubernetes.Extensions;
using PodBinding.Kubernetes.Facts;
using static PodBinding.Kubernetes.Tests.ApiFactsFixture;

namespace PodBinding.Kubernetes.Tests;

public sealed class ApiFactsRegistrationTests
{
    [Fact]
    public async Task IOptionsMonitor_is_loaded_at_start_and_follows_the_watch()
    {
        await using ApiFactsFixture f = await StartAsync(ContractRbac(ZoneAndPeers.ApiRequest.Kinds, "Deployment"));
        var services = new ServiceCollection();
        services.AddSingleton(f.Connection);
        services.AddPodBindingApiFacts<ZoneAndPeers>(_ => Identity, o => o.InitialBackoff = TimeSpan.FromMilliseconds(100));
        await using ServiceProvider provider = services.BuildServiceProvider();

        foreach (IHostedLifecycleService startup in provider.GetServices<IHostedService>().OfType<IHostedLifecycleService>())
        {
            await startup.StartingAsync(CancellationToken.None);
        }

        var monitor = provider.GetRequiredService<IOptionsMonitor<ZoneAndPeers>>();
        Assert.Equal(new ZoneAndPeers("eu-west-1a", "orders", 2), monitor.CurrentValue);
        var seen = new List<ZoneAndPeers>();
        using IDisposable? subscription = monitor.OnChange((value, _) => seen.Add(value));
        await Eventually(() => provider.GetRequiredService<ApiFactsWatch<ZoneAndPeers>>().Facts.StreamsOpened == 3, "watches open");

        f.Server.Store.Upsert(Node("eu-west-1b"));
        await Eventually(() => seen.Count == 1, "OnChange fires for the node's new zone");
        Assert.Equal("eu-west-1b", monitor.CurrentValue.Zone);
    }

    [Fact]
    public async Task A_denied_rule_fails_the_start_with_the_self_check_message()
    {
        await using ApiFactsFixture f = await StartAsync(ContractRbac(ZoneAndPeers.ApiRequest.Kinds, "Deployment", keep: r => r.Resource != "deployments"));
        var services = new ServiceCollection();
        services.AddSingleton(f.Connection);
        services.AddPodBindingApiFacts<ZoneAndPeers>(_ => Identity);
        await using ServiceProvider provider = services.BuildServiceProvider();

        IHostedLifecycleService startup = provider.GetServices<IHostedService>().OfType<IHostedLifecycleService>().Single();
        var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => startup.StartingAsync(CancellationToken.None));
        Assert.Contains("- get deployments (API group apps) in namespace shop (name orders)", e.Message);
        Assert.Contains("resourceNames: [\"orders\"]", e.Message);
    }
}
