using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace PodBinding.Kubernetes.Extensions;

/// <summary>Registers the API-server connection.</summary>
public static class KubernetesServiceCollectionExtensions
{
    /// <summary>The name of the health check <see cref="AddPodBindingKubernetes"/> registers.</summary>
    public const string HealthCheckName = "kubernetes-api";

    /// <summary>
    /// Registers a singleton <see cref="KubernetesConnection"/> (mode chosen on first use, logged through the
    /// container's <see cref="ILoggerFactory"/>), its <see cref="IKubernetes"/>, and the health check
    /// <see cref="HealthCheckName"/>, which sends a SelfSubjectReview (no RBAC needed) and reports credential reload problems.
    /// </summary>
    public static IServiceCollection AddPodBindingKubernetes(this IServiceCollection services, Action<KubernetesConnectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            var options = new KubernetesConnectionOptions { LoggerFactory = provider.GetService<ILoggerFactory>() };
            configure?.Invoke(options);
            return KubernetesConnection.Connect(options);
        });
        services.TryAddSingleton<IKubernetes>(provider => provider.GetRequiredService<KubernetesConnection>().Client);
        services.AddHealthChecks().AddCheck<KubernetesConnectionHealthCheck>(HealthCheckName, tags: ["kubernetes"]);
        return services;
    }
}
