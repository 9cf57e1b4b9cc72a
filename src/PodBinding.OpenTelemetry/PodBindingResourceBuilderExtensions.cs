using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Resources;

namespace PodBinding.OpenTelemetry;

/// <summary>Adds a PodBinding class's Kubernetes attributes to an OpenTelemetry resource.</summary>
public static class PodBindingResourceBuilderExtensions
{
    /// <summary>
    /// Adds <c>k8s.pod.name</c>, <c>k8s.pod.uid</c>, <c>k8s.namespace.name</c>, <c>k8s.node.name</c>,
    /// <c>k8s.container.name</c>, the workload's name and the opted-in labels and annotations, read from what
    /// <typeparamref name="TPod"/> binds. A field the class does not bind, or a value the pod does not supply, adds nothing.
    /// </summary>
    public static ResourceBuilder AddPodBindingDetector<TPod>(this ResourceBuilder builder, Action<PodBindingResourceOptions>? configure = null)
        where TPod : class, IDownwardBinding<TPod>
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PodBindingResourceOptions();
        configure?.Invoke(options);
        return builder.AddDetector(new PodBindingResourceDetector<TPod>(options));
    }

    /// <summary>
    /// The hosting form of <see cref="AddPodBindingDetector{TPod}(ResourceBuilder, Action{PodBindingResourceOptions})"/> for <c>services.AddOpenTelemetry()</c>: the options
    /// are named options (the name is <typeparamref name="TPod"/>'s <see cref="DownwardBindingInfo.TypeName"/>), so other
    /// code can configure them with <c>services.Configure&lt;PodBindingResourceOptions&gt;(name, …)</c>; the pod is read
    /// once, when the first provider builds its resource.
    /// </summary>
    public static IOpenTelemetryBuilder AddPodBindingDetector<TPod>(this IOpenTelemetryBuilder builder, Action<PodBindingResourceOptions>? configure = null)
        where TPod : class, IDownwardBinding<TPod>
    {
        ArgumentNullException.ThrowIfNull(builder);
        string name = TPod.DownwardApi.TypeName;
        OptionsBuilder<PodBindingResourceOptions> options = builder.Services.AddOptions<PodBindingResourceOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.ConfigureResource(resource => resource.AddDetector(static sp =>
            new PodBindingResourceDetector<TPod>(sp.GetRequiredService<IOptionsMonitor<PodBindingResourceOptions>>().Get(TPod.DownwardApi.TypeName))));
        return builder;
    }
}
