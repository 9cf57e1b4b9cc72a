using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PodBinding.Watching;

namespace PodBinding.Extensions.Configuration;

/// <summary>An <see cref="IConfigurationSource"/> over a downward API volume.</summary>
public sealed class DownwardApiConfigurationSource : IConfigurationSource
{
    /// <summary>The volume directory. Default <c>/etc/podinfo</c>.</summary>
    public string VolumeDirectory { get; set; } = DownwardBindingAttribute.DefaultMountPath;

    /// <summary>A missing volume gives an empty configuration instead of an error. Default true.</summary>
    public bool Optional { get; set; } = true;

    /// <summary>Reload when the kubelet updates the volume. Default true.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>How changes are noticed.</summary>
    public DownwardWatchOptions WatchOptions { get; set; } = new();

    /// <summary>
    /// Where reload failures are logged: once when a failure starts, once when it clears (with the count of failed
    /// reloads). Configuration is built before logging exists, so this is usually set later, by
    /// <c>services.AddDownwardApiVolumeLogging()</c>; without a logger, failures are still in the provider's
    /// <see cref="DownwardApiConfigurationProvider.LastError"/> and <see cref="DownwardApiConfigurationProvider.ReloadFailed"/>.
    /// </summary>
    public ILogger? Logger { get; set; }

    /// <inheritdoc/>
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new DownwardApiConfigurationProvider(this);
}
