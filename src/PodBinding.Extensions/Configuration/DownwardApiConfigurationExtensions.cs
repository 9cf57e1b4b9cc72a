using Microsoft.Extensions.Configuration;

namespace PodBinding.Extensions.Configuration;

/// <summary>Adds a downward API volume to configuration.</summary>
public static class DownwardApiConfigurationExtensions
{
    /// <summary>
    /// Adds the volume at <paramref name="volumeDirectory"/>: <c>Labels:&lt;key&gt;</c>, <c>Annotations:&lt;key&gt;</c>
    /// and one key per other item, reloaded when the kubelet updates the volume.
    /// </summary>
    public static IConfigurationBuilder AddDownwardApiVolume(
        this IConfigurationBuilder builder,
        string volumeDirectory = DownwardBindingAttribute.DefaultMountPath,
        bool optional = true,
        bool reloadOnChange = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new DownwardApiConfigurationSource
        {
            VolumeDirectory = volumeDirectory,
            Optional = optional,
            ReloadOnChange = reloadOnChange,
        });
    }

    /// <summary>Adds a downward API volume configured by <paramref name="configure"/> (directory, watch options, logger).</summary>
    public static IConfigurationBuilder AddDownwardApiVolume(this IConfigurationBuilder builder, Action<DownwardApiConfigurationSource> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var source = new DownwardApiConfigurationSource();
        configure(source);
        return builder.Add(source);
    }
}
