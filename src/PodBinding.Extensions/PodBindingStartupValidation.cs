using Microsoft.Extensions.Hosting;

namespace PodBinding.Extensions;

/// <summary>Loads the bound class while the host starts, so a misconfigured pod stops the app with the full error list.</summary>
internal sealed class PodBindingStartupValidation<T>(IServiceProvider services) : IHostedService
    where T : class, IDownwardBinding<T>
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the state performs the first load; DownwardApiLoadException propagates and fails StartAsync.
        _ = (PodBindingState<T>)services.GetService(typeof(PodBindingState<T>))!;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
