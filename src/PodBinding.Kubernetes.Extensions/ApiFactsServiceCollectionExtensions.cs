using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PodBinding.Kubernetes.Facts;

namespace PodBinding.Kubernetes.Extensions;

/// <summary>Registers a class with API-server facts (<c>[FromApi]</c> members) as <see cref="IOptionsMonitor{TOptions}"/>.</summary>
public static class ApiFactsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="T"/>: a singleton <see cref="ApiFactsWatch{T}"/> on the registered
    /// <see cref="KubernetesConnection"/> (call <see cref="KubernetesServiceCollectionExtensions.AddPodBindingKubernetes"/>
    /// too), the first read (after the RBAC self-check) while the host starts — a failure stops the start with its
    /// actionable message — and <see cref="IOptionsMonitor{TOptions}"/> whose <c>OnChange</c> fires when a watch changes the value.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="identity">The pod's name, namespace and node name (from the Downward API).</param>
    /// <param name="configure">Backoff, idle timeout and self-check options.</param>
    public static IServiceCollection AddPodBindingApiFacts<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(this IServiceCollection services, Func<IServiceProvider, DownwardIdentity> identity, Action<ApiWatchOptions>? configure = null)
        where T : class, IApiFactsBinding<T>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(identity);
        services.TryAddSingleton(provider =>
        {
            var options = new ApiWatchOptions();
            configure?.Invoke(options);
            return provider.GetRequiredService<KubernetesConnection>().WatchFacts<T>(identity(provider), options);
        });
        services.TryAddSingleton<IOptionsMonitor<T>>(provider => new ApiFactsOptionsMonitor<T>(provider.GetRequiredService<ApiFactsWatch<T>>()));
        services.AddHostedService<ApiFactsStartup<T>>();
        return services;
    }

    private sealed class ApiFactsOptionsMonitor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(ApiFactsWatch<T> watch) : IOptionsMonitor<T>
        where T : class, IApiFactsBinding<T>
    {
        public T CurrentValue => watch.Current;

        public T Get(string? name) => watch.Current;

        public IDisposable? OnChange(Action<T, string?> listener)
        {
            Action<T> handler = value => listener(value, Options.DefaultName);
            watch.Changed += handler;
            return new Unsubscribe(() => watch.Changed -= handler);
        }

        private sealed class Unsubscribe(Action action) : IDisposable
        {
            private Action? _action = action;

            public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
        }
    }

    /// <summary>Waits for the first read before the other hosted services start; its error fails the host's start.</summary>
    private sealed class ApiFactsStartup<T>(ApiFactsWatch<T> watch) : IHostedLifecycleService
        where T : class, IApiFactsBinding<T>
    {
        public Task StartingAsync(CancellationToken cancellationToken) => watch.WaitForFirstAsync(cancellationToken);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
