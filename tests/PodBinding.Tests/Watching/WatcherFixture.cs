using System.Threading.Channels;
using PodBinding.Testing;
using PodBinding.Tests.Support;
using PodBinding.Watching;

namespace PodBinding.Tests.Watching;

/// <summary>A pod whose volume the kubelet-faithful writer updates, and a watcher over it recording what it delivers.</summary>
internal sealed class WatcherFixture : IDisposable
{
    // A liveness bound for "the change arrives", not a speed assertion: latency lives in the benchmarks.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _temp = new();
    private readonly Channel<WatchedPod> _changes = Channel.CreateUnbounded<WatchedPod>();
    private readonly Channel<DownwardWatchError> _errors = Channel.CreateUnbounded<DownwardWatchError>();

    public WatcherFixture(DownwardWatchOptions? options = null)
    {
        Writer = new KubeletVolumeWriter(_temp.Combine("podinfo")) { DistinctTimestamps = true };
        Pod.Name = "orders-1";
        Pod.Labels["app"] = "orders";
        Pod.Annotations["team"] = "checkout";
        Environment = new Dictionary<string, string>(Pod.Environment(WatchedPod.DownwardApi));
        Pod.WriteVolume(Writer, WatchedPod.DownwardApi);
        Watcher = WatchedPod.Watch(PodSource.FromDirectory(Writer.VolumeDirectory, Environment), options);
        Watcher.Subscribe(pod => _changes.Writer.TryWrite(pod));
        Watcher.Error += error => _errors.Writer.TryWrite(error);
    }

    public SimulatedPod Pod { get; } = new();

    public KubeletVolumeWriter Writer { get; }

    /// <summary>The environment the watcher's source reads; tests may change it to prove env members are not re-read.</summary>
    public Dictionary<string, string> Environment { get; }

    public DownwardWatcher<WatchedPod> Watcher { get; }

    /// <summary>Writes the pod's current labels and annotations the way the kubelet does; true when a new version was written.</summary>
    public bool Sync() => Pod.WriteVolume(Writer, WatchedPod.DownwardApi);

    public async Task<WatchedPod> NextChangeAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _changes.Reader.ReadAsync(timeout.Token);
    }

    public async Task<DownwardWatchError> NextErrorAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _errors.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Runs a check synchronously, then reports whether anything was delivered that the test did not take.</summary>
    public bool HasPendingChange()
    {
        Watcher.CheckNow();
        return _changes.Reader.TryPeek(out _);
    }

    /// <summary>Whether an error was reported that the test did not take.</summary>
    public bool HasPendingError() => _errors.Reader.TryPeek(out _);

    public async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public void Dispose()
    {
        Watcher.Dispose();
        _temp.Dispose();
    }
}
