using System.Globalization;
using k8s;
using k8s.Models;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>
/// The in-memory store behind the test API server, with the conventions clients rely on: one global, monotonically
/// increasing <c>resourceVersion</c> (like etcd's revision) stamped on every write, <c>metadata.uid</c> and
/// <c>creationTimestamp</c> set on create and kept on update, <c>metadata.generation</c> bumped when the spec changes,
/// and an event history that watches replay from a resource version until <see cref="Compact"/> drops it.
/// </summary>
public sealed class ObjectStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(ResourceType Type, string Namespace, string Name), StoredObject> _objects = new();
    private readonly List<StoredEvent> _history = new();
    private readonly List<WatchSubscription> _watches = new();
    private long _resourceVersion = 1000;
    private long _compactedAt;

    internal ObjectStore()
    {
    }

    /// <summary>The newest resource version (the one the last write got).</summary>
    public long ResourceVersion
    {
        get { lock (_gate) { return _resourceVersion; } }
    }

    /// <summary>A watch from a resource version older than this answers 410 Gone (0 until <see cref="Compact"/>).</summary>
    public long CompactedAt
    {
        get { lock (_gate) { return _compactedAt; } }
    }

    /// <summary>The number of watches open now.</summary>
    public int OpenWatches
    {
        get { lock (_gate) { return _watches.Count; } }
    }

    /// <summary>
    /// Creates or replaces an object (by kind, namespace and name) and sends ADDED or MODIFIED to matching watches.
    /// A namespaced object without a namespace goes to <c>default</c>.
    /// </summary>
    /// <returns>A copy of the stored object, with the server-set metadata.</returns>
    public T Upsert<T>(T value)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(value);
        ResourceType type = ResourceTypes.ForObject(value);
        IKubernetesObject<V1ObjectMeta> copy = type.Deserialize(KubernetesJson.Serialize(value));
        copy.ApiVersion = type.ApiVersion;
        copy.Kind = type.Kind;
        copy.Metadata ??= new V1ObjectMeta();
        if (string.IsNullOrEmpty(copy.Metadata.Name))
        {
            throw new ArgumentException($"The {type.Kind} has no metadata.name.", nameof(value));
        }

        copy.Metadata.NamespaceProperty = type.Namespaced ? copy.Metadata.NamespaceProperty ?? "default" : null;

        lock (_gate)
        {
            var key = (type, copy.Metadata.NamespaceProperty ?? "", copy.Metadata.Name);
            _objects.TryGetValue(key, out StoredObject? previous);
            IKubernetesObject<V1ObjectMeta>? old = previous?.Value;
            copy.Metadata.Uid = old?.Metadata.Uid ?? copy.Metadata.Uid ?? Guid.NewGuid().ToString();
            copy.Metadata.CreationTimestamp = old?.Metadata.CreationTimestamp
                ?? copy.Metadata.CreationTimestamp ?? TruncateToSeconds(DateTime.UtcNow);
            copy.Metadata.Generation = old is null ? 1 : SpecChanged(previous!, copy) ? old.Metadata.Generation + 1 : old.Metadata.Generation;
            copy.Metadata.ResourceVersion = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
            var stored = new StoredObject(type, copy);
            _objects[key] = stored;
            Publish(new StoredEvent(_resourceVersion, type, stored, previous));
            return (T)stored.Copy();
        }
    }

    /// <summary>Deletes an object and sends DELETED (carrying the deletion's resource version) to matching watches.</summary>
    /// <returns><see langword="false"/> when there was no such object.</returns>
    public bool Delete<T>(string? @namespace, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>, new()
    {
        ResourceType type = ResourceTypes.ForObject(new T());
        lock (_gate)
        {
            var key = (type, type.Namespaced ? @namespace ?? "default" : "", name);
            if (!_objects.Remove(key, out StoredObject? previous))
            {
                return false;
            }

            Publish(new StoredEvent(++_resourceVersion, type, null, previous));
            return true;
        }
    }

    /// <summary>A copy of one object, or null.</summary>
    public T? Get<T>(string? @namespace, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>, new()
    {
        ResourceType type = ResourceTypes.ForObject(new T());
        return (T?)Find(type, type.Namespaced ? @namespace ?? "default" : "", name)?.Copy();
    }

    /// <summary>
    /// Forgets the event history up to now, like an etcd compaction: a later watch from an older resource version
    /// gets an ERROR event with a 410 Expired status.
    /// </summary>
    public void Compact()
    {
        lock (_gate)
        {
            _compactedAt = _resourceVersion;
            _history.Clear();
        }
    }

    /// <summary>Ends every open watch stream now (the client sees a clean end of the response).</summary>
    public void CloseWatches()
    {
        foreach (WatchSubscription watch in Snapshot())
        {
            watch.Close();
        }
    }

    /// <summary>Makes every open watch stream go silent without closing: no events, no bookmarks, no end.</summary>
    public void StallWatches()
    {
        foreach (WatchSubscription watch in Snapshot())
        {
            watch.Stalled = true;
        }
    }

    internal StoredObject? Find(ResourceType type, string @namespace, string name)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault((type, @namespace, name));
        }
    }

    internal (List<StoredObject> Items, long ResourceVersion) List(
        ResourceType type, string? @namespace, LabelSelector labels, FieldSelector fields)
    {
        var probe = new WatchSubscription(type, @namespace, labels, fields);
        lock (_gate)
        {
            List<StoredObject> items = _objects.Values
                .Where(o => o.Type == type && probe.Passes(o))
                .OrderBy(o => o.Namespace, StringComparer.Ordinal)
                .ThenBy(o => o.Name, StringComparer.Ordinal)
                .ToList();
            return (items, _resourceVersion);
        }
    }

    /// <summary>
    /// Opens a watch. Without a resource version (or with "0") it starts with a synthetic ADDED for every matching
    /// object; with one it replays the history after it, or fails with the 410 message when that history is compacted.
    /// </summary>
    internal WatchSubscription? Watch(WatchSubscription watch, long? fromResourceVersion, out string? expiredMessage)
    {
        lock (_gate)
        {
            expiredMessage = null;
            if (fromResourceVersion is null or 0)
            {
                foreach (StoredObject state in _objects.Values.Where(o => o.Type == watch.Type && watch.Passes(o)).OrderBy(o => o.ResourceVersion))
                {
                    watch.Events.Writer.TryWrite(new WatchEventLine(WatchEventLine.Added, state.Json));
                }
            }
            else if (fromResourceVersion < _compactedAt)
            {
                // The watch cache's wording (k8s.io/apiserver pkg/storage/cacher/watch_cache.go, getAllEventsSinceLocked).
                expiredMessage = string.Create(CultureInfo.InvariantCulture, $"too old resource version: {fromResourceVersion} ({_compactedAt})");
                return null;
            }
            else
            {
                foreach (StoredEvent write in _history.Where(e => e.ResourceVersion > fromResourceVersion && e.Type == watch.Type))
                {
                    if (watch.Convert(write) is { } line)
                    {
                        watch.Events.Writer.TryWrite(line);
                    }
                }
            }

            _watches.Add(watch);
            return watch;
        }
    }

    internal void Unwatch(WatchSubscription watch)
    {
        lock (_gate)
        {
            _watches.Remove(watch);
        }
    }

    /// <summary>Queues a BOOKMARK carrying the current resource version; under the lock, so it follows every earlier event.</summary>
    internal void Bookmark(WatchSubscription watch)
    {
        lock (_gate)
        {
            string version = _resourceVersion.ToString(CultureInfo.InvariantCulture);
            watch.Events.Writer.TryWrite(new WatchEventLine(WatchEventLine.Bookmark, KubernetesJson.Serialize(watch.Type.CreateBookmark(version))));
        }
    }

    private void Publish(StoredEvent write)
    {
        _history.Add(write);
        foreach (WatchSubscription watch in _watches)
        {
            if (write.Type == watch.Type && watch.Convert(write) is { } line)
            {
                watch.Events.Writer.TryWrite(line);
            }
        }
    }

    private WatchSubscription[] Snapshot()
    {
        lock (_gate)
        {
            return _watches.ToArray();
        }
    }

    private static bool SpecChanged(StoredObject previous, IKubernetesObject<V1ObjectMeta> next)
    {
        static string? Spec(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)?["spec"]?.ToJsonString();
        return Spec(previous.Json) != Spec(KubernetesJson.Serialize(next));
    }

    private static DateTime TruncateToSeconds(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
