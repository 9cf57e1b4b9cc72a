using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PodBinding.Extensions;

/// <summary>Registers bound classes with dependency injection.</summary>
public static class PodBindingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="T"/>: <c>IOptionsMonitor&lt;T&gt;</c> with live reload from the downward API
    /// volume, <c>IOptions&lt;T&gt;</c> and <c>IOptionsSnapshot&lt;T&gt;</c>, <c>T</c> itself (the current value),
    /// <see cref="PodBindingState{T}"/> for change tokens and events, logging through <c>ILogger</c>, and (by default)
    /// a load at host start-up that fails fast with the loader's actionable errors.
    /// </summary>
    public static IServiceCollection AddPodBinding<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(this IServiceCollection services, Action<PodBindingRegistration<T>>? configure = null)
        where T : class, IDownwardBinding<T>
    {
        ArgumentNullException.ThrowIfNull(services);
        var registration = new PodBindingRegistration<T>();
        configure?.Invoke(registration);

        services.TryAddSingleton(registration);
        services.TryAddSingleton(static sp =>
        {
            var registration = sp.GetRequiredService<PodBindingRegistration<T>>();

            // A failed singleton factory runs again on the next resolution: rethrow the first failure instead of
            // loading and logging the same report once more.
            if (registration.LoadFailure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            return new PodBindingState<T>(
                registration,
                (sp.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<PodBindingState<T>>(),
                sp.GetService<IHostEnvironment>());
        });
        services.TryAddSingleton<IOptionsMonitor<T>>(static sp => new PodBindingOptionsMonitor<T>(sp.GetRequiredService<PodBindingState<T>>()));
        services.TryAddSingleton<IOptions<T>>(static sp => Options.Create(sp.GetRequiredService<PodBindingState<T>>().Current));
        services.TryAddScoped<IOptionsSnapshot<T>>(static sp => new Snapshot<T>(sp.GetRequiredService<PodBindingState<T>>().Current));
        services.AddSingleton<IOptionsChangeTokenSource<T>>(static sp => new PodBindingChangeTokenSource<T>(sp.GetRequiredService<PodBindingState<T>>()));
        services.TryAddTransient(static sp => sp.GetRequiredService<PodBindingState<T>>().Current);
        if (registration.ValidateOnStart)
        {
            services.AddHostedService(static sp => new PodBindingStartupValidation<T>(sp));
        }

        return services;
    }

    private sealed class Snapshot<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(T value) : IOptionsSnapshot<T>
        where T : class
    {
        public T Value => value;

        public T Get(string? name) => value;
    }
}
