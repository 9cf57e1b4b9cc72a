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

    /// <summary>
    /// Load while the host starts, so a misconfigured pod fails fast: the loader's full error list is logged once
    /// (critical), the host stops before its other services start, and the process exits with
    /// <see cref="StartFailureExitCode"/>. Default true.
    /// </summary>
    public bool ValidateOnStart { get; set; } = true;

    /// <summary>
    /// The process exit code (<see cref="Environment.ExitCode"/>) when the start-up load fails. Default 1; null leaves
    /// the exit code alone (a test host, or an app that decides itself through <c>IHostApplicationLifetime</c>).
    /// </summary>
    public int? StartFailureExitCode { get; set; } = 1;

    /// <summary>The first load's failure, kept so that later resolutions rethrow it without loading or logging again.</summary>
    internal DownwardApiLoadException? LoadFailure { get; set; }

    /// <summary>Watch settings (poll interval, events, debounce).</summary>
    public DownwardWatchOptions WatchOptions { get; } = new();

    internal PodSource ResolveSource() => Source ?? PodSource.FromProcess(T.DownwardApi.MountPath);
}
