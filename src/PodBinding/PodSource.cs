namespace PodBinding;

/// <summary>
/// Where a generated loader reads: the environment variables and the directory of the downward API volume.
/// <see cref="FromProcess"/> is the real pod; <see cref="FromDirectory"/> is a folder laid out as the kubelet lays it
/// out plus an explicit environment, for tests and local development.
/// </summary>
public sealed class PodSource
{
    private readonly IReadOnlyDictionary<string, string>? _environment;

    private PodSource(string volumeDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(volumeDirectory);
        VolumeDirectory = volumeDirectory;
        _environment = environment;
    }

    /// <summary>The directory the downward API volume is mounted at (or a local folder in the kubelet's layout).</summary>
    public string VolumeDirectory { get; }

    /// <summary>Where environment variables come from, for error messages.</summary>
    public string EnvironmentDescription => _environment is null ? "the process environment" : "the supplied environment";

    /// <summary>The running process: its environment variables and the volume mounted at <paramref name="volumeDirectory"/>.</summary>
    public static PodSource FromProcess(string volumeDirectory) => new(volumeDirectory, null);

    /// <summary>An explicit environment and a volume directory in the kubelet's layout (or a plain folder of files).</summary>
    public static PodSource FromDirectory(string volumeDirectory, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new(volumeDirectory, environment);
    }

    /// <summary>The variable's value, or <see langword="null"/> when it is not set.</summary>
    public string? GetEnvironmentVariable(string name) =>
        _environment is null
            ? Environment.GetEnvironmentVariable(name)
            : _environment.TryGetValue(name, out string? value) ? value : null;
}
