using OrdersService;
using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using PodBinding.Testing;

namespace PodBinding.Benchmarks.Loading;

/// <summary>
/// The generated <c>PodInfo.Load(PodSource)</c> against the same work done by hand: one readlink of <c>..data</c>,
/// the volume items read through it, the env vars looked up, the label/annotation maps parsed by a minimal parser,
/// the IPs, UID and numbers parsed. Both read a volume written by <see cref="KubeletVolumeWriter"/> (real kubelet
/// layout: a timestamped version directory, <c>..data</c> and item symlinks) and the environment
/// <see cref="SimulatedPod"/> gives the container.
/// </summary>
[MemoryDiagnoser]
public class LoaderBenchmarks
{
    private string _directory = null!;
    private PodSource _source = null!;
    private IReadOnlyDictionary<string, string> _environment = null!;
    private HandWrittenLoader _floor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "podbinding-bench-" + Guid.NewGuid().ToString("N"));
        SimulatedPod pod = SamplePod();
        _environment = pod.Environment(PodInfo.DownwardApi);
        if (!pod.WriteVolume(new KubeletVolumeWriter(_directory), PodInfo.DownwardApi))
        {
            throw new InvalidOperationException("the simulated kubelet wrote no volume");
        }

        _source = PodSource.FromDirectory(_directory, _environment);
        _floor = new HandWrittenLoader(_directory, _environment, PodInfo.DownwardApi);

        // Not timed: both must load the same values, or the comparison means nothing.
        string generated = Describe(PodInfo.Load(_source));
        foreach (bool tight in new[] { true, false })
        {
            string byHand = Describe(_floor.Load(tight));
            if (generated != byHand)
            {
                throw new InvalidOperationException($"the floor loads different values:\ngenerated: {generated}\nby hand:   {byHand}");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>The pod every loading benchmark reads: the orders service's labels, annotations, IPs and resources.</summary>
    internal static SimulatedPod SamplePod() =>
        new()
        {
            Name = "orders-7d9f8b6c5-x2x4q",
            Namespace = "shop",
            NodeName = "node-3",
            ServiceAccountName = "orders",
            PodIPs = new List<string> { "10.244.1.23", "fd00:10:244:1::17" },
            Labels =
            {
                ["app"] = "orders",
                ["app.kubernetes.io/name"] = "orders",
                ["app.kubernetes.io/version"] = "1.4.2",
                ["pod-template-hash"] = "7d9f8b6c5",
                ["team"] = "checkout",
                ["tier"] = "backend",
            },
            Annotations =
            {
                ["prometheus.io/scrape"] = "true",
                ["prometheus.io/port"] = "9090",
                ["kubectl.kubernetes.io/restartedAt"] = "2026-11-20T08:00:00Z",
                ["owner"] = "Checkout team <checkout@example.com>",
            },
            Containers = { ["orders"] = new ContainerResources { Limits = { ["memory"] = "512Mi" }, Requests = { ["cpu"] = "250m" } } },
        };

    /// <summary>The floor proper: files read like VolumeSnapshot reads them (one handle, a stack buffer, one string).</summary>
    [Benchmark(Baseline = true)]
    public PodInfo HandWritten() => _floor.Load(tight: true);

    /// <summary>The same by hand, as most people write it: <c>File.ReadAllText</c> (a StreamReader per file).</summary>
    [Benchmark]
    public PodInfo HandWritten_ReadAllText() => _floor.Load(tight: false);

    [Benchmark]
    public PodInfo Generated() => PodInfo.Load(_source);

    internal static string Describe(PodInfo p) => string.Join(
        " | ",
        p.Name,
        p.Namespace,
        p.Uid,
        string.Join(",", p.Labels.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value)),
        string.Join(",", p.Annotations.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value)),
        p.Version,
        p.NodeName,
        p.ServiceAccount,
        p.PodIP,
        string.Join(",", p.PodIPs),
        p.MemoryLimitMi.ToString(CultureInfo.InvariantCulture),
        p.CpuRequestMillicores.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// The floor: what a careful developer writes by hand for this one class. Names are fixed up front (as a hand-written
/// loader would hard-code them); no error collection beyond throwing on the first problem.
/// </summary>
internal sealed class HandWrittenLoader
{
    private readonly string _volume;
    private readonly string _dataLink;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string[] _env = new string[12];
    private readonly string[] _file = new string[12];
    private bool _tight;

    public HandWrittenLoader(string volume, IReadOnlyDictionary<string, string> environment, DownwardBindingInfo info)
    {
        _volume = volume;
        _dataLink = Path.Join(volume, "..data");
        _environment = environment;
        for (int i = 0; i < info.References.Count; i++)
        {
            DownwardReference r = info.References[i];
            (r.Source == DownwardSource.Volume ? _file : _env)[i] = r.Name;
        }
    }

    public PodInfo Load(bool tight)
    {
        _tight = tight;
        string version = new FileInfo(_dataLink).LinkTarget ?? throw new IOException("no ..data link");
        string versionDirectory = Path.Join(_volume, version);
        return new PodInfo
        {
            Name = Text(0, versionDirectory),
            Namespace = Text(1, versionDirectory),
            Uid = Guid.ParseExact(Text(2, versionDirectory), "D"),
            Labels = ParseMap(Text(3, versionDirectory)),
            Annotations = ParseMap(Text(4, versionDirectory)),
            Version = Text(5, versionDirectory) is { Length: > 0 } v ? v : null,
            NodeName = Text(6, versionDirectory),
            ServiceAccount = Text(7, versionDirectory),
            PodIP = IPAddress.Parse(Text(8, versionDirectory)),
            PodIPs = Text(9, versionDirectory).Split(',').Select(IPAddress.Parse).ToArray(),
            MemoryLimitMi = long.Parse(Text(10, versionDirectory), NumberStyles.None, CultureInfo.InvariantCulture),
            CpuRequestMillicores = int.Parse(Text(11, versionDirectory), NumberStyles.None, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Member <paramref name="i"/>: its env var, or its file in the version directory.</summary>
    private string Text(int i, string versionDirectory) =>
        _env[i] is { } name
            ? _environment[name]
            : _tight ? ReadSmallFile(Path.Join(versionDirectory, _file[i])) : File.ReadAllText(Path.Join(versionDirectory, _file[i]));

    /// <summary>One open, one read into a stack buffer, one UTF-8 decode (downward API items are small).</summary>
    private static string ReadSmallFile(string path)
    {
        using Microsoft.Win32.SafeHandles.SafeFileHandle handle = File.OpenHandle(path);
        Span<byte> buffer = stackalloc byte[4096];
        int total = 0, read;
        while ((read = RandomAccess.Read(handle, buffer[total..], total)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer[..total]);
    }

    /// <summary>Minimal kubelet map parser: <c>key="value"</c> lines, Go escapes <c>\"</c> <c>\\</c> <c>\n</c> <c>\t</c> only.</summary>
    internal static Dictionary<string, string> ParseMap(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = line.IndexOf('=');
            ReadOnlySpan<char> quoted = line.AsSpan(equals + 1);
            quoted = quoted[1..^1];
            string value;
            if (quoted.IndexOf('\\') < 0)
            {
                value = quoted.ToString();
            }
            else
            {
                var builder = new StringBuilder(quoted.Length);
                for (int k = 0; k < quoted.Length; k++)
                {
                    char c = quoted[k];
                    if (c == '\\')
                    {
                        c = quoted[++k] switch { 'n' => '\n', 't' => '\t', char other => other };
                    }

                    builder.Append(c);
                }

                value = builder.ToString();
            }

            map[line[..equals]] = value;
        }

        return map;
    }
}
