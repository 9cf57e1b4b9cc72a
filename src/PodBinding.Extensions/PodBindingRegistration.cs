using Microsoft.Extensions.Hosting;
using PodBinding.Watching;

namespace PodBinding.Extensions;

/// <summary>How <see cref="PodBindingServiceCollectionExtensions.AddPodBinding{T}"/> loads and watches a bound class.</summary>
/// <typeparam name="T">The bound class.</typeparam>
public sealed class PodBindingRegistration<T>
    where T : class, IDownwardBinding<T>
{
    /// <summary>
    /// Where to read. Default: the running pod (env vars and the volume at the class's mount path); outside a cluster,
    /// the simulated pod that <see cref="SimulatedPodFolder"/>, <c>PODBINDING_SIMULATED_POD</c> or (in the Development
    /// environment) <c>simulated-pod/</c> under the content root names.
    /// </summary>
    public PodSource? Source { get; set; }

    /// <summary>
    /// A simulated pod folder (<c>volume/</c> and <c>pod.env</c>, see <see cref="PodSource.FromSimulatedPod"/>) to read
    /// when not running in a cluster. Default null: <c>PODBINDING_SIMULATED_POD</c> if set, else in the Development
    /// environment <c>simulated-pod/</c> under the content root if it exists.
    /// </summary>
    public string? SimulatedPodFolder { get; set; }

    /// <summary>The folder the Development environment reads outside a cluster, relative to the content root.</summary>
    public const string DevelopmentSimulatedPodFolder = "simulated-pod";

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
    internal Exception? LoadFailure { get; set; }

    /// <summary>Watch settings (poll interval, events, debounce).</summary>
    public DownwardWatchOptions WatchOptions { get; } = new();

    /// <summary>
    /// The explicit source; else, outside a cluster, the simulated pod the option names, or in the Development
    /// environment the content root's <c>simulated-pod/</c>; else the process (which honours <c>PODBINDING_SIMULATED_POD</c>).
    /// </summary>
    internal PodSource ResolveSource(IHostEnvironment? host)
    {
        if (Source is not null)
        {
            return Source;
        }

        bool inCluster = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"));
        if (!inCluster && SimulatedPodFolder is { Length: > 0 } folder)
        {
            return PodSource.FromSimulatedPod(folder, $"{nameof(PodBindingRegistration<T>)}.{nameof(SimulatedPodFolder)} is set and this is not a cluster");
        }

        PodSource process = PodSource.FromProcess(T.DownwardApi.MountPath);
        if (!inCluster && process.SimulatedPodFolder is null && host is not null && host.IsDevelopment())
        {
            string development = Path.Combine(host.ContentRootPath, DevelopmentSimulatedPodFolder);
            if (Directory.Exists(development))
            {
                return PodSource.FromSimulatedPod(development, "the Development environment, outside a cluster");
            }
        }

        return process;
    }
}
