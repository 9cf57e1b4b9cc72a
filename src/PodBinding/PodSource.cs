namespace PodBinding;

/// <summary>
/// Where a generated loader reads: the environment variables and the directory of the downward API volume.
/// <see cref="FromProcess(string)"/> is the real pod (or the simulated pod that <c>PODBINDING_SIMULATED_POD</c> names);
/// <see cref="FromDirectory"/> is a folder laid out as the kubelet lays it out plus an explicit environment, for tests
/// and local development; <see cref="FromSimulatedPod"/> is a folder holding both.
/// </summary>
public sealed class PodSource
{
    /// <summary>
    /// The environment variable that names a simulated pod folder (see <see cref="FromSimulatedPod"/>): when set,
    /// <see cref="FromProcess(string)"/> reads that folder instead of the process's environment and mount path, so an app runs
    /// outside a cluster unchanged.
    /// </summary>
    public const string SimulatedPodVariable = "PODBINDING_SIMULATED_POD";

    /// <summary>The simulated pod folder's volume directory.</summary>
    public const string SimulatedVolumeDirectory = "volume";

    /// <summary>The simulated pod folder's environment file: <c>KEY=VALUE</c> lines, <c>#</c> comment lines.</summary>
    public const string SimulatedEnvironmentFile = "pod.env";

    private readonly IReadOnlyDictionary<string, string>? _environment;
    private readonly Func<string, string?>? _processEnvironment;

    private PodSource(string volumeDirectory, IReadOnlyDictionary<string, string>? environment, Func<string, string?>? processEnvironment, string environmentDescription)
    {
        ArgumentException.ThrowIfNullOrEmpty(volumeDirectory);
        VolumeDirectory = volumeDirectory;
        _environment = environment;
        _processEnvironment = processEnvironment;
        EnvironmentDescription = environmentDescription;
    }

    /// <summary>The directory the downward API volume is mounted at (or a local folder in the kubelet's layout).</summary>
    public string VolumeDirectory { get; }

    /// <summary>Where environment variables come from, for error messages.</summary>
    public string EnvironmentDescription { get; }

    /// <summary>The simulated pod folder this source reads, or null for the real pod or an explicit folder and environment.</summary>
    public string? SimulatedPodFolder { get; private init; }

    /// <summary>Why the simulated pod folder was chosen (<c>PODBINDING_SIMULATED_POD</c>, an option), for logs and errors.</summary>
    public string? SimulatedPodReason { get; private init; }

    /// <summary>Whether this source is the running process outside a cluster (no <c>KUBERNETES_SERVICE_HOST</c>): then a load error says how to simulate the pod.</summary>
    internal bool IsProcessOutsideCluster { get; private init; }

    /// <summary>
    /// The running process: its environment variables and the volume mounted at <paramref name="volumeDirectory"/>.
    /// When <c>PODBINDING_SIMULATED_POD</c> names a folder, that simulated pod instead (<see cref="FromSimulatedPod"/>).
    /// </summary>
    /// <exception cref="FormatException">The simulated pod's <c>pod.env</c> has a line that is not <c>KEY=VALUE</c>.</exception>
    public static PodSource FromProcess(string volumeDirectory) => FromProcess(volumeDirectory, Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="FromProcess(string)"/>, reading the process environment through <paramref name="environment"/>.</summary>
    internal static PodSource FromProcess(string volumeDirectory, Func<string, string?> environment)
    {
        if (environment(SimulatedPodVariable) is { Length: > 0 } folder)
        {
            return FromSimulatedPod(folder, $"{SimulatedPodVariable} is set");
        }

        return new PodSource(volumeDirectory, null, environment, "the process environment")
        {
            IsProcessOutsideCluster = string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST")),
        };
    }

    /// <summary>An explicit environment and a volume directory in the kubelet's layout (or a plain folder of files).</summary>
    public static PodSource FromDirectory(string volumeDirectory, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new(volumeDirectory, environment, null, "the supplied environment");
    }

    /// <summary>
    /// A simulated pod: <paramref name="folder"/> holds <c>volume/</c> (the downward API items, plain files or in the
    /// kubelet's layout) and <c>pod.env</c> (the container's env vars, <c>KEY=VALUE</c> per line, <c>#</c> comments).
    /// A missing <c>pod.env</c> means no env vars; a missing <c>volume/</c> means no volume is mounted.
    /// </summary>
    /// <param name="folder">The simulated pod folder.</param>
    /// <param name="reason">Why this folder is read (for logs and errors), such as "the Development environment".</param>
    /// <exception cref="FormatException">A line of <c>pod.env</c> is not <c>KEY=VALUE</c> (the message names the file and line).</exception>
    public static PodSource FromSimulatedPod(string folder, string? reason = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string full = Path.GetFullPath(folder);
        string envFile = Path.Combine(full, SimulatedEnvironmentFile);
        Dictionary<string, string> environment = File.Exists(envFile) ? ReadEnvFile(envFile) : new(StringComparer.Ordinal);
        string described = File.Exists(envFile) ? envFile : $"{envFile} (which does not exist)";
        return new PodSource(Path.Combine(full, SimulatedVolumeDirectory), environment, null, described)
        {
            SimulatedPodFolder = full,
            SimulatedPodReason = reason,
        };
    }

    /// <summary>The variable's value, or <see langword="null"/> when it is not set.</summary>
    public string? GetEnvironmentVariable(string name) =>
        _environment is null
            ? _processEnvironment!(name)
            : _environment.TryGetValue(name, out string? value) ? value : null;

    /// <summary>What to say under a load error about where it read: how to run outside a cluster, or which simulated pod was read.</summary>
    internal string? LoadErrorNote()
    {
        if (SimulatedPodFolder is not null)
        {
            string why = SimulatedPodReason is null ? "" : $" ({SimulatedPodReason})";
            return $"This was read from the simulated pod in {SimulatedPodFolder}{why}, not from a cluster: fix its " +
                   $"{SimulatedVolumeDirectory}/ items and {SimulatedEnvironmentFile} (the YAML above is what a real pod needs).";
        }

        if (IsProcessOutsideCluster)
        {
            return "Not running in a Kubernetes pod (KUBERNETES_SERVICE_HOST is not set), so the YAML above is for the " +
                   $"pod's manifest. To run here, set {SimulatedPodVariable} to a simulated pod folder: {SimulatedVolumeDirectory}/ " +
                   $"with the items and {SimulatedEnvironmentFile} with KEY=VALUE lines (README, \"Running outside a cluster\").";
        }

        return null;
    }

    private static Dictionary<string, string> ReadEnvFile(string path)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException(
                    $"{path} line {lineNumber}: expected KEY=VALUE but found '{line}'. Each line of a simulated pod's " +
                    $"{SimulatedEnvironmentFile} is one env var (a '#' line is a comment).");
            }

            environment[line[..equals]] = line[(equals + 1)..];
        }

        return environment;
    }
}
