using OrdersService;
using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using PodBinding.Benchmarks.Binder;
using PodBinding.Benchmarks.Loading;

namespace PodBinding.Benchmarks.Live;

/// <summary>
/// <c>PodInfo.Load()</c> against what a Microsoft.Extensions application writes for the same values:
/// <c>new ConfigurationBuilder().AddEnvironmentVariables().AddKeyPerFile(dir).Build().Get&lt;PodOptions&gt;()</c>, with
/// the reflection binder and with the source-generated one, then the label/annotation files parsed by the same
/// hand-written parser as the floor and the IPs parsed, so every benchmark returns the same <see cref="PodInfo"/>.
/// All read the process environment (set up here) and one tmpfs volume written by the simulated kubelet.
/// <c>bare</c>: the pod's own variables only; <c>services</c>: plus the 350 service-link variables 50 Services in the
/// namespace give every container (<c>ORDERS_SERVICE_HOST</c>, <c>ORDERS_PORT_80_TCP</c>, …), which
/// <c>AddEnvironmentVariables()</c> reads in full.
/// </summary>
[MemoryDiagnoser]
public class ConfigurationAnchorBenchmarks
{
    private readonly List<string> _set = new();
    private LiveVolume _volume = null!;
    private PodSource _process = null!;
    private HandWrittenLoader _floor = null!;

    [Params("bare", "services")]
    public string Env { get; set; } = "bare";

    [GlobalSetup]
    public void Setup()
    {
        _volume = new LiveVolume();
        _volume.Write(1);
        foreach (KeyValuePair<string, string> variable in _volume.Environment)
        {
            Set(variable.Key, variable.Value);
        }

        if (Env == "services")
        {
            foreach ((string name, string value) in ServiceLinks(50))
            {
                Set(name, value);
            }
        }

        _process = PodSource.FromProcess(_volume.Directory);
        _floor = new HandWrittenLoader(_volume.Directory, _volume.Environment, PodInfo.DownwardApi);

        // Not timed: every benchmark must produce the same values, and the generated binder must really be generated.
        if (!GeneratedBinder.IsSourceGenerated)
        {
            throw new InvalidOperationException("PodBinding.Benchmarks.Binder was built without the configuration binding generator");
        }

        string expected = LoaderBenchmarks.Describe(HandWritten());
        foreach ((string name, PodInfo value) in new[] { ("Load", Load()), ("reflection", KeyPerFile_ReflectionBinder()), ("generated", KeyPerFile_SourceGeneratedBinder()) })
        {
            if (LoaderBenchmarks.Describe(value) != expected)
            {
                throw new InvalidOperationException($"{name} loads different values:\n{LoaderBenchmarks.Describe(value)}\nfloor: {expected}");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (string name in _set)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        _set.Clear();
        _volume.Dispose();
    }

    /// <summary>The hand-written floor of <see cref="LoaderBenchmarks"/> (its environment is a dictionary: 9 lookups).</summary>
    [Benchmark(Baseline = true)]
    public PodInfo HandWritten() => _floor.Load(tight: true);

    [Benchmark]
    public PodInfo Load() => PodInfo.Load(_process);

    [Benchmark]
    public PodInfo KeyPerFile_ReflectionBinder() => ToPodInfo(Build().Get<PodOptions>() ?? throw new InvalidOperationException("nothing bound"));

    [Benchmark]
    public PodInfo KeyPerFile_SourceGeneratedBinder() => ToPodInfo(GeneratedBinder.Get(Build()));

    /// <summary>The variables the kubelet sets for <paramref name="services"/> Services (docker links style, 7 each).</summary>
    internal static IEnumerable<(string Name, string Value)> ServiceLinks(int services)
    {
        string[] names = ["ORDERS", "PAYMENTS", "CART", "CATALOG", "INVENTORY", "SHIPPING", "USERS", "AUTH", "SEARCH", "REVIEWS"];
        for (int i = 0; i < services; i++)
        {
            string name = names[i % names.Length] + (i < names.Length ? "" : "_V" + (i / names.Length));
            string ip = $"10.96.{i / 200}.{(i % 200) + 20}";
            yield return (name + "_SERVICE_HOST", ip);
            yield return (name + "_SERVICE_PORT", "80");
            yield return (name + "_PORT", "tcp://" + ip + ":80");
            yield return (name + "_PORT_80_TCP", "tcp://" + ip + ":80");
            yield return (name + "_PORT_80_TCP_PROTO", "tcp");
            yield return (name + "_PORT_80_TCP_PORT", "80");
            yield return (name + "_PORT_80_TCP_ADDR", ip);
        }
    }

    private IConfigurationRoot Build() =>
        new ConfigurationBuilder().AddEnvironmentVariables().AddKeyPerFile(_volume.Directory, optional: false).Build();

    private static PodInfo ToPodInfo(PodOptions o) => new()
    {
        Name = o.Name!,
        Namespace = o.Namespace!,
        Uid = o.Uid,
        Labels = HandWrittenLoader.ParseMap(o.Labels!),
        Annotations = HandWrittenLoader.ParseMap(o.Annotations!),
        Version = o.Version is { Length: > 0 } v ? v : null,
        NodeName = o.NodeName!,
        ServiceAccount = o.ServiceAccount!,
        PodIP = IPAddress.Parse(o.PodIP!),
        PodIPs = o.PodIPs!.Split(',').Select(IPAddress.Parse).ToArray(),
        MemoryLimitMi = o.MemoryLimitMi,
        CpuRequestMillicores = o.CpuRequestMillicores,
    };

    private void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        _set.Add(name);
    }
}
