using System.Reflection;
using PodBinding;

namespace OrdersService;

/// <summary>The pod the sample pretends to run in on a laptop: a volume in the kubelet's layout and its env vars.</summary>
internal static class SimulatedPodFolder
{
    /// <summary>The sample's project directory, recorded at build time so the sample runs from any working directory.</summary>
    public static string SampleDirectory { get; } =
        typeof(SimulatedPodFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "SampleDirectory").Value!;

    public static string Directory => Path.Combine(SampleDirectory, "simulated-pod");

    public static PodSource Source() => PodSource.FromDirectory(Path.Combine(Directory, "volume"), ReadEnvFile(Path.Combine(Directory, "pod.env")));

    /// <summary>Reads <c>KEY=VALUE</c> lines; <c>#</c> starts a comment line.</summary>
    public static Dictionary<string, string> ReadEnvFile(string path)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int equals = line.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"{path} line {lineNumber}: expected KEY=VALUE but found '{line}'.");
            }

            environment[line[..equals]] = line[(equals + 1)..];
        }

        return environment;
    }
}
