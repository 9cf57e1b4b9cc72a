using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PodBinding.Extensions.Configuration;

/// <summary>Connects <c>AddDownwardApiVolume()</c> configuration to the host's logging.</summary>
public static class DownwardApiConfigurationLogging
{
    /// <summary>
    /// When the host starts, gives every downward API configuration provider in the app's <see cref="IConfiguration"/>
    /// the host's <see cref="ILogger"/>, so failed reloads are logged (once when a failure starts, once when it clears),
    /// including one that happened before the host started. Configuration is built before logging exists, hence this step.
    /// </summary>
    public static IServiceCollection AddDownwardApiVolumeLogging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService(static sp => new Attach(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    private sealed class Attach(IConfiguration configuration, ILoggerFactory loggers) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (configuration is IConfigurationRoot root)
            {
                ILogger logger = loggers.CreateLogger<DownwardApiConfigurationProvider>();
                foreach (IConfigurationProvider provider in root.Providers)
                {
                    (provider as DownwardApiConfigurationProvider)?.AttachLogger(logger);
                }
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
