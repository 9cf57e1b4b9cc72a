using Microsoft.Extensions.Configuration;
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

    /// <inheritdoc/>
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new DownwardApiConfigurationProvider(this);
}
