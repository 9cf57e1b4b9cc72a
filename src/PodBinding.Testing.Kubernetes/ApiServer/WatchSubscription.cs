using System.Threading.Channels;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>One open watch: its filter, the events queued for it, and the faults a test can put on it.</summary>
internal sealed class WatchSubscription
{
    private readonly CancellationTokenSource _closed = new();

    public WatchSubscription(ResourceType type, string? @namespace, LabelSelector labels, FieldSelector fields)
    {
        Type = type;
        Namespace = @namespace;
        Labels = labels;
        Fields = fields;
    }

    public ResourceType Type { get; }

    public string? Namespace { get; }

    public LabelSelector Labels { get; }

    public FieldSelector Fields { get; }

    public Channel<WatchEventLine> Events { get; } = Channel.CreateUnbounded<WatchEventLine>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Cancelled when the server closes this watch (a test fault, or server shutdown).</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>When set, the stream sends nothing more but stays open: a dead connection as the client sees it.</summary>
    public volatile bool Stalled;

    public void Close() => _closed.Cancel();

    public bool Passes(StoredObject? state) =>
        state is not null
        && (Namespace is null || state.Namespace == Namespace)
        && Labels.Matches(state.Value.Metadata.Labels)
        && Fields.Matches(state.Value);

    /// <summary>
    /// The event this watch sees for a write, as the watch cache filters it (k8s.io/apiserver
    /// <c>pkg/storage/cacher/cache_watcher.go</c>, <c>convertToWatchEvent</c>): an object that starts matching the
    /// selectors arrives as ADDED, one that stops matching as DELETED (its last matching state).
    /// </summary>
    public WatchEventLine? Convert(StoredEvent write)
    {
        bool currentPasses = Passes(write.Current);
        bool previousPasses = Passes(write.Previous);
        return (currentPasses, previousPasses) switch
        {
            (true, false) => new WatchEventLine(WatchEventLine.Added, write.Current!.Json),
            (true, true) => new WatchEventLine(WatchEventLine.Modified, write.Current!.Json),
            (false, true) => new WatchEventLine(WatchEventLine.Deleted, write.Previous!.WithResourceVersion(write.ResourceVersion).Json),
            _ => null,
        };
    }
}
