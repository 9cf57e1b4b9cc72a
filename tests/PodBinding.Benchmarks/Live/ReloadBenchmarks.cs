using OrdersService;
using BenchmarkDotNet.Attributes;
using PodBinding.Benchmarks.Loading;
using PodBinding.Loading;
using PodBinding.Volumes;

namespace PodBinding.Benchmarks.Live;

/// <summary>
/// The reload path: after a swap, what the watcher does to produce the new typed instance, against loading from
/// scratch. <c>Reload</c> is what the watcher runs: <c>new BindingReader(source, info).ReadAll(previous)</c> and the generated
/// <c>ReadDownward</c> (the volume members read as one snapshot, the environment members carried over from <c>previous</c>); <c>WatcherCheck</c> adds the rest
/// of <c>DownwardWatcher.CheckForChange</c> on a real change (readlink of <c>..data</c>, the content comparison with
/// the previous snapshot). <c>Load_VolumeMembersOnly</c> is a generated <c>Load()</c> of a class with only the three
/// volume members: the bar the reload should not exceed.
/// </summary>
[MemoryDiagnoser]
public class ReloadBenchmarks
{
    private LiveVolume _volume = null!;
    private PodInfo _previous = null!;
    private DownwardValues _previousValues;
    private VolumeSnapshot _previousSnapshot = null!;
    private string _previousVersion = null!;

    [GlobalSetup]
    public void Setup()
    {
        _volume = new LiveVolume();
        _volume.Write(1);
        var reader = new BindingReader(_volume.Source, PodInfo.DownwardApi);
        _previousValues = reader.ReadAll();
        _previous = Build<PodInfo>(_previousValues);
        _previousSnapshot = reader.Volume!;
        _previousVersion = _previousSnapshot.Version!;
        _volume.Write(2);

        string loaded = LoaderBenchmarks.Describe(Load());
        if (LoaderBenchmarks.Describe(Reload()) != loaded || LoaderBenchmarks.Describe(WatcherCheck()!) != loaded || loaded == LoaderBenchmarks.Describe(_previous))
        {
            throw new InvalidOperationException("the reload does not produce what a load of the new version does");
        }

        if (PodVolumeMembers.Load(_volume.Source).Labels["revision"] != "2")
        {
            throw new InvalidOperationException("the volume-only class did not read the new version");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _volume.Dispose();

    [Benchmark(Baseline = true)]
    public PodInfo Load() => PodInfo.Load(_volume.Source);

    [Benchmark]
    public PodVolumeMembers Load_VolumeMembersOnly() => PodVolumeMembers.Load(_volume.Source);

    [Benchmark]
    public PodInfo Reload() => Build<PodInfo>(new BindingReader(_volume.Source, PodInfo.DownwardApi).ReadAll(_previousValues));

    [Benchmark]
    public PodInfo? WatcherCheck()
    {
        if (VolumeSnapshot.ReadVersion(_volume.Directory) == _previousVersion)
        {
            return null;
        }

        var reader = new BindingReader(_volume.Source, PodInfo.DownwardApi);
        return reader.Volume!.HasSameContent(_previousSnapshot) ? null : Build<PodInfo>(reader.ReadAll(_previousValues));
    }

    // ReadDownward is an explicit interface implementation: reached through the interface, as the watcher does.
    private static T Build<T>(DownwardValues values)
        where T : class, IDownwardBinding<T>
        => T.ReadDownward(values);
}

/// <summary><c>PodInfo</c>'s three volume members alone: what one <c>Load()</c> of the volume members costs.</summary>
[DownwardBinding]
public sealed partial class PodVolumeMembers
{
    [FromDownward("metadata.labels")]
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    [FromDownward("metadata.annotations")]
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    [FromDownward("metadata.labels['app.kubernetes.io/version']")]
    public string? Version { get; init; }
}
