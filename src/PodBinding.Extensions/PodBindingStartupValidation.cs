using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PodBinding.Extensions;

/// <summary>
/// Loads the bound class while the host starts, before any hosted service's <c>StartAsync</c>. A misconfigured pod
/// gets one report (the loader's error list, logged once by <see cref="PodBindingState{T}"/>), the host stops and the
/// process exits with <see cref="PodBindingRegistration{T}.StartFailureExitCode"/>. Throwing instead would make the
/// host log the report again ("Hosting failed to start") and the runtime print it a third time as an unhandled
/// exception before aborting.
/// </summary>
internal sealed class PodBindingStartupValidation<T>(IServiceProvider services) : IHostedLifecycleService
    where T : class, IDownwardBinding<T>
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            _ = services.GetRequiredService<PodBindingState<T>>();
        }
        catch (Exception e) when (e is DownwardApiLoadException or FormatException)
        {
            var registration = services.GetRequiredService<PodBindingRegistration<T>>();
            if (registration.StartFailureExitCode is { } exitCode)
            {
                Environment.ExitCode = exitCode;
            }

            ILogger logger = (services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
                .CreateLogger<PodBindingState<T>>();
            Log.StoppingHost(logger, T.DownwardApi.TypeName, registration.StartFailureExitCode ?? Environment.ExitCode);
            services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
