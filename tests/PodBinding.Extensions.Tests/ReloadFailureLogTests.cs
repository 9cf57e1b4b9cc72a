using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PodBinding.Extensions.Tests;

/// <summary>A volume that stays broken is logged when the failure starts and when it clears, not on every reload.</summary>
public sealed class ReloadFailureLogTests
{
    [Fact]
    public async Task A_persistent_failure_is_logged_once_and_its_end_once_with_the_count()
    {
        using var folder = new PodFolder();
        var logs = new LogCollector();
        using IHost host = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings()).Also(builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Services.AddPodBinding<ShopPod>(r =>
            {
                r.Source = folder.Source;
                r.WatchOptions.UseFileSystemEvents = false;
                r.WatchOptions.PollInterval = TimeSpan.FromHours(1); // only the checks below run
            });
        }).Build();
        await host.StartAsync();
        var watcher = host.Services.GetRequiredService<PodBindingState<ShopPod>>().Watcher!;

        // Three broken versions in a row (the pod keeps changing while its labels file stays unreadable), each
        // checked a few times as polls would.
        for (int version = 1; version <= 3; version++)
        {
            folder.Writer.Write(new Dictionary<string, string> { ["labels"] = $"app=shop-{version}", ["name"] = "shop-1" });
            watcher.CheckNow();
            watcher.CheckNow();
        }

        var failure = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.StartsWith("Could not reload", StringComparison.Ordinal));
        Assert.Single(failure.Text.Split('\n'), line => line.TrimStart().StartsWith("Fix:", StringComparison.Ordinal)); // not again with the exception

        folder.Pod.Labels["tier"] = "gold";
        folder.Sync();
        watcher.CheckNow();

        string cleared = Assert.Single(logs.Messages, m => m.Contains("cleared", StringComparison.Ordinal));
        Assert.Contains("cleared after 3 failed reloads", cleared);
        Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        await host.StopAsync();
    }
}
