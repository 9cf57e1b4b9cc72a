using OpenTelemetry.Resources;

namespace PodBinding.OpenTelemetry;

/// <summary>
/// An OpenTelemetry resource detector for a PodBinding class. Reads the pod once, when the provider builds its
/// resource: resources are immutable, so labels and annotations keep their start-up values even when the kubelet
/// later updates the volume.
/// </summary>
/// <typeparam name="TPod">The bound class.</typeparam>
public sealed class PodBindingResourceDetector<TPod> : IResourceDetector
    where TPod : class, IDownwardBinding<TPod>
{
    private readonly PodBindingResourceOptions _options;

    /// <summary>A detector reading with <paramref name="options"/>.</summary>
    public PodBindingResourceDetector(PodBindingResourceOptions? options = null) => _options = options ?? new PodBindingResourceOptions();

    /// <inheritdoc/>
    public Resource Detect() => new(PodResourceAttributes.Read<TPod>(_options).Attributes);
}
