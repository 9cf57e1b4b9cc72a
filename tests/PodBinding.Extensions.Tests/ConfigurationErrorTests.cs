using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodBinding.Extensions.Configuration;

namespace PodBinding.Extensions.Tests;

/// <summary>AddDownwardApiVolume surfaces failed reloads and refuses keys that differ only in case.</summary>
public sealed class ConfigurationErrorTests
{
    [Fact]
    public void A_failed_reload_is_surfaced_once_per_version_and_its_end_is_logged_with_the_count()
    {
        using var folder = new PodFolder();
        var logs = new LogCollector();
        IConfigurationRoot configuration = new ConfigurationBuilder().AddDownwardApiVolume(source =>
        {
            source.VolumeDirectory = folder.Writer.VolumeDirectory;
            source.WatchOptions.UseFileSystemEvents = false;
            source.WatchOptions.PollInterval = TimeSpan.FromHours(1); // only the reloads below run
            source.Logger = logs.CreateLogger("test");
        }).Build();
        var provider = configuration.Providers.OfType<DownwardApiConfigurationProvider>().Single();
        var raised = new List<Exception>();
        provider.ReloadFailed += raised.Add;

        for (int version = 1; version <= 2; version++)
        {
            folder.Writer.Write(new Dictionary<string, string> { ["labels"] = $"app=shop-{version}" }); // not Go-quoted
            provider.ReloadIfChanged();
            provider.ReloadIfChanged(); // as a second poll would
        }

        Assert.Equal(2, raised.Count);
        Assert.Contains("labels line 1", provider.LastError!.Message);
        Assert.Equal(2, provider.FailedReloads);
        Assert.Equal("shop", configuration["Labels:app"]); // the previous values stay
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);

        folder.Sync();
        provider.ReloadIfChanged();

        Assert.Null(provider.LastError);
        Assert.Contains(logs.Messages, m => m.Contains("cleared after 2 failed reloads", StringComparison.Ordinal));
        provider.Dispose();
    }

    [Fact]
    public void Labels_that_differ_only_in_case_are_an_error_not_a_silent_pick()
    {
        using var folder = new PodFolder();
        folder.Pod.Labels["tier"] = "gold";
        folder.Pod.Labels["Tier"] = "silver";
        folder.Sync();

        FormatException error = Assert.Throws<FormatException>(() =>
            new ConfigurationBuilder().AddDownwardApiVolume(folder.Writer.VolumeDirectory, reloadOnChange: false).Build());

        Assert.Contains("'labels:Tier' and 'labels:tier' differ only in case", error.Message);
        Assert.Contains(Path.Combine(folder.Writer.VolumeDirectory, "labels"), error.Message);
        Assert.Contains("FromDownward", error.Message);
    }

    [Fact]
    public async Task With_AddDownwardApiVolumeLogging_the_hosts_logger_reports_a_failed_reload()
    {
        using var folder = new PodFolder();
        var logs = new LogCollector();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddDownwardApiVolume(source =>
        {
            source.VolumeDirectory = folder.Writer.VolumeDirectory;
            source.WatchOptions.UseFileSystemEvents = false;
            source.WatchOptions.PollInterval = TimeSpan.FromHours(1);
        });
        builder.Logging.AddProvider(logs);
        builder.Services.AddDownwardApiVolumeLogging();
        using IHost host = builder.Build();
        var provider = ((IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>()).Providers.OfType<DownwardApiConfigurationProvider>().Single();

        folder.Writer.Write(new Dictionary<string, string> { ["labels"] = "app=shop" });
        provider.ReloadIfChanged(); // fails before the host (and its logging) started
        await host.StartAsync();

        Assert.Single(logs.Messages, m => m.StartsWith("Could not reload the downward API volume", StringComparison.Ordinal) && m.Contains("labels line 1", StringComparison.Ordinal));
        await host.StopAsync();
        provider.Dispose();
    }
}
