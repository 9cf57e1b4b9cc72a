using PodBinding.Watching;

namespace PodBinding.Extensions;

/// <summary>How <see cref="PodBindingServiceCollectionExtensions.AddPodBinding{T}"/> loads and watches a bound class.</summary>
/// <typeparam name="T">The bound class.</typeparam>
public sealed class PodBindingRegistration<T>
    where T : class, IDownwardBinding<T>
{
    /// <summary>Where to read. Default: the running pod (env vars and the volume at the class's mount path).</summary>
    public PodSource? Source { get; set; }

    /// <summary>Watch the volume and publish new values through <c>IOptionsMonitor&lt;T&gt;</c>. Default true.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>Load while the host starts, so a misconfigured pod fails fast with the loader's full error list. Default true.</summary>
    public bool ValidateOnStart { get; set; } = true;

    /// <summary>Watch settings (poll interval, events, debounce).</summary>
    public DownwardWatchOptions WatchOptions { get; } = new();

    internal PodSource ResolveSource() => Source ?? PodSource.FromProcess(T.DownwardApi.MountPath);
}
