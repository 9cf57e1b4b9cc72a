using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using PodBinding.Extensions.Configuration;

namespace PodBinding.Extensions.Tests;

/// <summary>The downward API volume as IConfiguration: maps as sections, other items as keys, live reload.</summary>
public sealed class ConfigurationSourceTests
{
    [Fact]
    public void Labels_and_annotations_become_sections_and_other_items_keys()
    {
        using var folder = new PodFolder();

        IConfigurationRoot configuration = new ConfigurationBuilder().AddDownwardApiVolume(folder.Writer.VolumeDirectory).Build();

        Assert.Equal("shop", configuration["Labels:app"]);
        Assert.Equal("checkout", configuration["Annotations:team"]);
        Assert.Equal("api", configuration["annotations:kubernetes.io/config.source"]); // the kubelet's own annotation, keys case-insensitive
        Assert.Equal("shop-1", configuration["name"]);
        (configuration as IDisposable)?.Dispose();
    }

    [Fact]
    public async Task A_label_change_reloads_the_configuration()
    {
        using var folder = new PodFolder();
        IConfigurationRoot configuration = new ConfigurationBuilder().AddDownwardApiVolume(folder.Writer.VolumeDirectory).Build();
        var reloaded = new TaskCompletionSource();
        using IDisposable registration = ChangeToken.OnChange(configuration.GetReloadToken, () => reloaded.TrySetResult());

        folder.Pod.Labels["app"] = "shop-v2";
        Assert.True(folder.Sync());

        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("shop-v2", configuration["Labels:app"]);
        foreach (IConfigurationProvider provider in configuration.Providers)
        {
            (provider as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void A_missing_volume_is_empty_when_optional_and_an_actionable_error_otherwise()
    {
        string missing = Path.Combine(Path.GetTempPath(), "podbinding-missing-" + Guid.NewGuid().ToString("N"));

        IConfigurationRoot optional = new ConfigurationBuilder().AddDownwardApiVolume(missing).Build();
        Assert.Empty(optional.AsEnumerable());

        DirectoryNotFoundException error = Assert.Throws<DirectoryNotFoundException>(() =>
            new ConfigurationBuilder().AddDownwardApiVolume(missing, optional: false).Build());
        Assert.Contains(missing, error.Message);
        Assert.Contains("downwardAPI", error.Message);
    }

    [Fact]
    public void A_malformed_labels_file_names_the_file_and_line()
    {
        using var folder = new PodFolder();
        folder.Writer.Write(new Dictionary<string, string> { ["labels"] = "app=\"shop\"\nbroken" });

        FormatException error = Assert.Throws<FormatException>(() => new ConfigurationBuilder().AddDownwardApiVolume(folder.Writer.VolumeDirectory).Build());

        Assert.Contains(Path.Combine(folder.Writer.VolumeDirectory, "labels") + " line 2", error.Message);
    }
}
