using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace PodBinding.Extensions.Tests;

/// <summary>AddPodBinding in a real generic Host: start, change, observe, stop.</summary>
public sealed class HostIntegrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20); // liveness bound, not a speed assertion

    [Fact]
    public async Task Options_monitor_sees_a_label_change_while_the_host_runs()
    {
        using var folder = new PodFolder();
        var logs = new LogCollector();
        using IHost host = BuildHost(folder, logs);
        await host.StartAsync();

        var monitor = host.Services.GetRequiredService<IOptionsMonitor<ShopPod>>();
        Assert.Equal("shop", monitor.CurrentValue.Labels["app"]);
        Assert.Equal("shop-1", host.Services.GetRequiredService<ShopPod>().Name);
        Assert.Equal("shop-1", host.Services.GetRequiredService<IOptions<ShopPod>>().Value.Name);

        var changes = Channel.CreateUnbounded<ShopPod>();
        using IDisposable? listener = monitor.OnChange((pod, _) => changes.Writer.TryWrite(pod));
        var tokenFired = new TaskCompletionSource();
        var tokenSource = host.Services.GetRequiredService<IOptionsChangeTokenSource<ShopPod>>();
        using IDisposable registration = ChangeToken.OnChange(tokenSource.GetChangeToken, () => tokenFired.TrySetResult());

        folder.Pod.Labels["tier"] = "gold";
        Assert.True(folder.Sync());

        using var timeout = new CancellationTokenSource(Patience);
        ShopPod changed = await changes.Reader.ReadAsync(timeout.Token);
        Assert.Equal("gold", changed.Labels["tier"]);
        Assert.Equal("gold", monitor.CurrentValue.Labels["tier"]);
        Assert.Equal("gold", host.Services.GetRequiredService<ShopPod>().Labels["tier"]); // T resolves to the current value
        await tokenFired.Task.WaitAsync(Patience);
        Assert.Contains(logs.Messages, m => m.Contains("Reloaded PodBinding.Extensions.Tests.ShopPod", StringComparison.Ordinal));

        using (IServiceScope scope = host.Services.CreateScope())
        {
            Assert.Equal("gold", scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<ShopPod>>().Value.Labels["tier"]);
        }

        await host.StopAsync();
    }

    [Fact]
    public async Task A_misconfigured_pod_stops_the_host_at_start_with_the_loaders_errors_reported_once()
    {
        using var folder = new PodFolder();
        var logs = new LogCollector();
        using IHost host = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings()).Also(builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Services.AddPodBinding<ShopPod>(r =>
            {
                r.Source = PodSource.FromDirectory(Path.Combine(folder.Root, "missing"), new Dictionary<string, string>());
                r.StartFailureExitCode = null; // this is the test runner's process
            });
        }).Build();

        await host.StartAsync();

        Assert.True(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        string report = Assert.Single(logs.Messages, m => m.Contains("POD_NAME", StringComparison.Ordinal));
        Assert.StartsWith("Could not load PodBinding.Extensions.Tests.ShopPod from the Downward API: ", report);
        Assert.Contains("no downward API volume is mounted at", report);

        // Resolving it again rethrows the same failure without loading or logging it again.
        DownwardApiLoadException error = Assert.Throws<DownwardApiLoadException>(() => host.Services.GetRequiredService<ShopPod>());
        Assert.Equal(report, error.Message);
        Assert.Single(logs.Messages, m => m.Contains("POD_NAME", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_broken_update_is_logged_and_the_previous_value_kept()
    {
        using var folder = new PodFolder();
        var logs = new LogCollector();
        using IHost host = BuildHost(folder, logs);
        await host.StartAsync();
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<ShopPod>>();

        folder.Writer.Write(new Dictionary<string, string> { ["labels"] = "not quoted" });

        await WaitUntil(() => logs.Messages.Any(m => m.StartsWith("Could not reload", StringComparison.Ordinal)));
        Assert.Equal("shop", monitor.CurrentValue.Labels["app"]);
        await host.StopAsync();
    }

    [Fact]
    public async Task Without_watching_the_value_is_loaded_once()
    {
        using var folder = new PodFolder();
        using IHost host = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings()).Also(builder =>
            builder.Services.AddPodBinding<ShopPod>(r =>
            {
                r.Source = folder.Source;
                r.Watch = false;
            })).Build();
        await host.StartAsync();

        folder.Pod.Labels["tier"] = "gold";
        folder.Sync();

        Assert.False(host.Services.GetRequiredService<IOptionsMonitor<ShopPod>>().CurrentValue.Labels.ContainsKey("tier"));
        await host.StopAsync();
    }

    private static IHost BuildHost(PodFolder folder, LogCollector logs) =>
        Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings()).Also(builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Services.AddPodBinding<ShopPod>(r => r.Source = folder.Source);
        }).Build();

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}

internal static class BuilderExtensions
{
    public static HostApplicationBuilder Also(this HostApplicationBuilder builder, Action<HostApplicationBuilder> configure)
    {
        configure(builder);
        return builder;
    }
}
