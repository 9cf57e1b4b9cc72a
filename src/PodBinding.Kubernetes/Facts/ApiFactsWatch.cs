using k8s;
using k8s.Models;
using PodBinding.Kubernetes.Workloads;
using PodBinding.Shared;

namespace PodBinding.Kubernetes.Facts;

/// <summary>
/// Live API-server facts: one consistent <see cref="ApiFacts"/> kept current by resumable watches (the pod by name,
/// the node by name, the top workload by name, the peers by label selector). A change in one part makes a new
/// snapshot with the other parts unchanged; <see cref="Changed"/> fires only when a part's value really differs.
/// </summary>
public sealed class ApiFactsWatch : IDisposable
{
    private readonly KubernetesConnection _connection;
    private readonly ApiFactsRequest _request;
    private readonly DownwardIdentity _identity;
    private readonly ApiWatchOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IDisposable> _watches = new();
    private readonly object _gate = new();
    private readonly object _raise = new();
    private readonly Task<ApiFacts> _first;
    private ApiFacts? _current;
    private Exception? _lastProblem;
    private string _namespace = "";
    private int _disposed;

    internal ApiFactsWatch(KubernetesConnection connection, ApiFactsRequest request, DownwardIdentity identity, ApiWatchOptions options, bool live)
    {
        _connection = connection;
        _request = request;
        _identity = identity;
        _options = options;
        _first = live ? Task.Run(() => StartAsync(live: true, _stop.Token)) : Task.FromResult<ApiFacts>(null!);
    }

    /// <summary>The facts now; throws until the first snapshot is read (await <see cref="WaitForFirstAsync"/>).</summary>
    public ApiFacts Current => _current ?? throw new InvalidOperationException(
        "The API facts are not read yet: await WaitForFirstAsync() first (it also reports why the first read failed).");

    /// <summary>The last failure of a watch or re-read (the previous value stays current and the watch retries), or null once it recovered.</summary>
    public Exception? LastProblem => _lastProblem;

    /// <summary>Raised with the new snapshot after a part changed (on a watch thread; keep handlers short).</summary>
    public event Action<ApiFacts>? Changed;

    /// <summary>The first snapshot; throws the self-check's or the first read's <see cref="KubernetesConnectionException"/>.</summary>
    public Task<ApiFacts> WaitForFirstAsync(CancellationToken cancellationToken = default) => _first.WaitAsync(cancellationToken);

    /// <summary>Watch streams opened so far, all parts together (for diagnostics and benchmarks).</summary>
    public int StreamsOpened
    {
        get
        {
            lock (_gate)
            {
                return _watches.OfType<IStreamCounter>().Sum(w => w.StreamsOpened);
            }
        }
    }

    internal static async Task<ApiFacts> LoadAsync(KubernetesConnection connection, ApiFactsRequest request, DownwardIdentity identity, ApiWatchOptions options, CancellationToken ct)
    {
        using var once = new ApiFactsWatch(connection, request, identity, options, live: false);
        return await once.StartAsync(live: false, ct).ConfigureAwait(false);
    }

    private async Task<ApiFacts> StartAsync(bool live, CancellationToken ct)
    {
        ApiFactKinds kinds = _request.Kinds;
        string podName = _identity.PodName is { Length: > 0 } name ? name : throw new ArgumentException(
            "The pod's name is unknown: expose metadata.name through the Downward API and pass it as DownwardIdentity.PodName.");
        _namespace = _identity.Namespace is { Length: > 0 } ns ? ns : _connection.Namespace ?? throw new ArgumentException(
            $"The pod's namespace is unknown: the {_connection.Mode} connection does not say it; pass it as DownwardIdentity.Namespace.");
        k8s.Kubernetes client = _connection.RawClient;
        string podsPath = WorkloadResources.Pod.CollectionPath(_namespace);

        if (_options.SelfCheck)
        {
            // Owner rules depend on the workload's kind, known only after the chain is read: checked below.
            await _connection.CheckApiAccessAsync(_request with { Kinds = kinds & ~ApiFactKinds.Owner }, _identity with { Namespace = _namespace },
                (kinds & ApiFactKinds.Owner) != 0 ? WorkloadResources.Pod.Kind : null, null, ct).ConfigureAwait(false);
        }

        PodStatusFacts? podFacts = null;
        V1Pod? ownPod = null;
        if ((kinds & ApiFactKinds.PodStatus) != 0)
        {
            var pod = new CountedWatch<V1Pod, V1Pod>(client, podsPath, podName, null, _options, static p => p,
                items => Update(f => f with { Pod = items.TryGetValue(podName, out V1Pod? p) ? FactsMapping.Pod(p) : f.Pod }), Problem);
            Track(pod);
            IReadOnlyDictionary<string, V1Pod> read = await pod.ReadAsync(ct).ConfigureAwait(false);
            ownPod = read.TryGetValue(podName, out V1Pod? p) ? p : throw PodMissing(podName);
            podFacts = FactsMapping.Pod(ownPod);
        }

        bool needPod = (kinds & ApiFactKinds.Node) != 0 && _identity.NodeName is not { Length: > 0 } || (kinds & ApiFactKinds.Peers) != 0 && _request.PeerSelector is null;
        if (ownPod is null && needPod)
        {
            ownPod = await ReadOwnPodAsync(client, podsPath, podName, kinds, ct).ConfigureAwait(false);
        }

        OwningWorkload? owner = null;
        if ((kinds & ApiFactKinds.Owner) != 0)
        {
            owner = await _connection.ResolveWorkloadAsync(_namespace, podName, ct).ConfigureAwait(false);
            if (_options.SelfCheck)
            {
                await _connection.CheckApiAccessAsync(new ApiFactsRequest(ApiFactKinds.Owner, null, _request.WorkloadName), _identity with { Namespace = _namespace },
                    owner.WorkloadKind == WorkloadKind.None ? owner.Workload?.Kind : owner.WorkloadKind.ToString(), owner, ct).ConfigureAwait(false);
            }

            StartTopWatch(client, owner, podName, ct);
        }

        NodeFacts? nodeFacts = null;
        if ((kinds & ApiFactKinds.Node) != 0)
        {
            string nodeName = _identity.NodeName is { Length: > 0 } n ? n : ownPod?.Spec?.NodeName is { Length: > 0 } scheduled ? scheduled
                : throw new KubernetesConnectionException(KubernetesConnectionErrorKind.NotFound,
                    $"Pod {_namespace}/{podName} is not scheduled to a node yet (spec.nodeName is empty): pass DownwardIdentity.NodeName from the Downward API (fieldRef spec.nodeName).");
            var node = new CountedWatch<V1Node, V1Node>(client, "api/v1/nodes", nodeName, null, _options, static n => n,
                items => Update(f => f with { Node = items.TryGetValue(nodeName, out V1Node? v) ? FactsMapping.Node(v) : f.Node }), Problem);
            Track(node);
            IReadOnlyDictionary<string, V1Node> read = await node.ReadAsync(ct).ConfigureAwait(false);
            nodeFacts = read.TryGetValue(nodeName, out V1Node? found) ? FactsMapping.Node(found) : throw new KubernetesConnectionException(KubernetesConnectionErrorKind.NotFound,
                $"Node {nodeName} (where pod {_namespace}/{podName} runs) does not exist at {_connection.Endpoint}; check with `kubectl get node {nodeName}`.") { StatusCode = 404 };
        }

        PeerSet? peers = null;
        if ((kinds & ApiFactKinds.Peers) != 0)
        {
            string selector = _request.PeerSelector ?? FactsMapping.DefaultPeerSelector(ownPod!);
            // Peers are kept as PeerPod records only (not whole pods): memory and per-event cost stay small with many pods.
            var watch = new CountedWatch<V1Pod, PeerPod>(client, podsPath, null, selector, _options, FactsMapping.Peer,
                items => Update(f => f with { Peers = FactsMapping.Peers(selector, items.Values) }), Problem);
            Track(watch);
            peers = FactsMapping.Peers(selector, (await watch.ReadAsync(ct).ConfigureAwait(false)).Values);
        }

        var facts = new ApiFacts(podFacts, nodeFacts, owner, peers);
        lock (_gate)
        {
            _current = facts;
            if (live)
            {
                foreach (IDisposable w in _watches)
                {
                    ((IStreamCounter)w).Start();
                }
            }
        }

        return facts;
    }

    /// <summary>The own pod for its labels or node name, with the verb the access table grants: get, else a list by name.</summary>
    private async Task<V1Pod> ReadOwnPodAsync(k8s.Kubernetes client, string podsPath, string podName, ApiFactKinds kinds, CancellationToken ct)
    {
        bool get = (kinds & (ApiFactKinds.PodStatus | ApiFactKinds.Owner)) != 0;
        if (!get && (kinds & ApiFactKinds.Peers) == 0)
        {
            throw new ArgumentException("The node's name is unknown: pass DownwardIdentity.NodeName from the Downward API (fieldRef spec.nodeName).");
        }

        using var once = new ResumableWatch<V1Pod>(client, podsPath, get ? podName : null, get ? null : null, _options, _ => { }, _ => { });
        IReadOnlyDictionary<string, V1Pod> read = get
            ? await once.ReadAsync(ct).ConfigureAwait(false)
            : await ListByNameAsync(client, podsPath, podName, ct).ConfigureAwait(false);
        return read.TryGetValue(podName, out V1Pod? pod) ? pod : throw PodMissing(podName);
    }

    private async Task<IReadOnlyDictionary<string, V1Pod>> ListByNameAsync(k8s.Kubernetes client, string podsPath, string podName, CancellationToken ct)
    {
        // list with a metadata.name field selector: authorized as list (on that name), which the peers rule grants.
        V1PodList list = await client.CoreV1.ListNamespacedPodAsync(_namespace, fieldSelector: FieldSelectorFields.MetadataName + "=" + podName, cancellationToken: ct).ConfigureAwait(false);
        return (list.Items ?? []).Where(p => p.Metadata?.Name is not null).ToDictionary(p => p.Metadata.Name, StringComparer.Ordinal);
    }

    private void StartTopWatch(k8s.Kubernetes client, OwningWorkload owner, string podName, CancellationToken ct)
    {
        if (owner.Workload is not { } top)
        {
            return;
        }

        WorkloadResources.Resource? resource = WorkloadResources.ByKind(top.Kind);
        IDisposable? watch = resource switch
        {
            _ when resource == WorkloadResources.Deployment => Top<V1Deployment>(resource),
            _ when resource == WorkloadResources.StatefulSet => Top<V1StatefulSet>(resource),
            _ when resource == WorkloadResources.DaemonSet => Top<V1DaemonSet>(resource),
            _ when resource == WorkloadResources.CronJob => Top<V1CronJob>(resource),
            _ when resource == WorkloadResources.Job => Top<V1Job>(resource),
            _ => null, // ReplicationController or a custom controller: not in the access table, not watched
        };

        IDisposable Top<T>(WorkloadResources.Resource r)
            where T : class, IKubernetesObject<V1ObjectMeta> => TopAt<T>(r.CollectionPath(_namespace));

        IDisposable TopAt<T>(string path)
            where T : class, IKubernetesObject<V1ObjectMeta>
        {
            string? seenUid = top.Uid;
            var w = new CountedWatch<T, string?>(client, path, top.Name, null, _options, static o => o.Metadata?.Uid, items =>
            {
                string? uid = items.Values.FirstOrDefault();
                if (uid != seenUid)
                {
                    // Deleted, or re-created under the same name: follow the chain again from the pod.
                    seenUid = uid;
                    _ = ReResolveAsync(podName);
                }
            }, Problem);
            Track(w);
            // The first get happens inside the loop (the chain already names the top); starting the loop reads it.
            w.SkipReadBeforeWatch = true;
            return w;
        }

        _ = watch;
    }

    private async Task ReResolveAsync(string podName)
    {
        try
        {
            OwningWorkload owner = await _connection.ResolveWorkloadAsync(_namespace, podName, _stop.Token).ConfigureAwait(false);
            Update(f => f with { Owner = owner });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Problem(e);
        }
    }

    private void Track(IDisposable watch)
    {
        lock (_gate)
        {
            _watches.Add(watch);
        }
    }

    private void Problem(Exception? e) => _lastProblem = e;

    private void Update(Func<ApiFacts, ApiFacts> change)
    {
        lock (_raise)
        {
            ApiFacts? next;
            lock (_gate)
            {
                if (_current is null)
                {
                    return;
                }

                ApiFacts candidate = change(_current);
                if (FactsEquality.Same(candidate.Pod, _current.Pod) && FactsEquality.Same(candidate.Node, _current.Node)
                    && FactsEquality.Same(candidate.Owner, _current.Owner) && FactsEquality.Same(candidate.Peers, _current.Peers))
                {
                    return;
                }

                // Keep the unchanged parts' instances, so consumers can compare parts by reference.
                next = new ApiFacts(
                    FactsEquality.Same(candidate.Pod, _current.Pod) ? _current.Pod : candidate.Pod,
                    FactsEquality.Same(candidate.Node, _current.Node) ? _current.Node : candidate.Node,
                    FactsEquality.Same(candidate.Owner, _current.Owner) ? _current.Owner : candidate.Owner,
                    FactsEquality.Same(candidate.Peers, _current.Peers) ? _current.Peers : candidate.Peers);
                _current = next;
            }

            _lastProblem = null;
            Changed?.Invoke(next);
        }
    }

    private KubernetesConnectionException PodMissing(string podName) => new(KubernetesConnectionErrorKind.NotFound,
        $"Pod {_namespace}/{podName} does not exist at {_connection.Endpoint}: the name and namespace must be this pod's own (Downward API metadata.name and metadata.namespace).")
    { StatusCode = 404 };

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        IDisposable[] watches;
        lock (_gate)
        {
            watches = _watches.ToArray();
            _watches.Clear();
        }

        foreach (IDisposable w in watches)
        {
            w.Dispose();
        }

        _stop.Dispose();
    }

    private interface IStreamCounter
    {
        int StreamsOpened { get; }

        void Start();
    }

    /// <summary>A <see cref="ResumableWatch{T}"/> the snapshot can start and count without knowing T.</summary>
    private sealed class CountedWatch<T, TItem> : IDisposable, IStreamCounter
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        private readonly ResumableWatch<T, TItem> _inner;

        public CountedWatch(k8s.Kubernetes client, string path, string? name, string? selector, ApiWatchOptions options,
            Func<T, TItem> project, Action<IReadOnlyDictionary<string, TItem>> changed, Action<Exception?> problem) =>
            _inner = new ResumableWatch<T, TItem>(client, path, name, selector, options, project, changed, problem);

        public bool SkipReadBeforeWatch { get; set; }

        public int StreamsOpened => _inner.StreamsOpened;

        public Task<IReadOnlyDictionary<string, TItem>> ReadAsync(CancellationToken ct) => _inner.ReadAsync(ct);

        public void Start() => _inner.Start(SkipReadBeforeWatch);

        public void Dispose() => _inner.Dispose();
    }
}

/// <summary>
/// The typed form of <see cref="ApiFactsWatch"/>: <see cref="Current"/> is <typeparamref name="T"/> built by its
/// generated <c>FromApiFacts</c>; <see cref="Changed"/> fires when the facts changed and the new instance is not
/// <see cref="EqualityComparer{T}.Default"/>-equal to the previous one.
/// </summary>
public sealed class ApiFactsWatch<T> : IDisposable
    where T : IApiFactsBinding<T>
{
    private readonly ApiFactsWatch _facts;
    private readonly object _gate = new();
    private ApiFacts? _mappedFrom;
    private T? _value;

    internal ApiFactsWatch(ApiFactsWatch facts)
    {
        _facts = facts;
        facts.Changed += OnChanged;
    }

    /// <summary>The untyped snapshot watch underneath.</summary>
    public ApiFactsWatch Facts => _facts;

    /// <summary>The value now; throws until the first read (await <see cref="WaitForFirstAsync"/>).</summary>
    public T Current => Map(_facts.Current);

    /// <summary>Raised with the new value when it changed.</summary>
    public event Action<T>? Changed;

    /// <summary>The first value; throws the self-check's or the first read's error.</summary>
    public async Task<T> WaitForFirstAsync(CancellationToken cancellationToken = default) =>
        Map(await _facts.WaitForFirstAsync(cancellationToken).ConfigureAwait(false));

    private T Map(ApiFacts facts)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(facts, _mappedFrom))
            {
                _value = T.FromApiFacts(facts);
                _mappedFrom = facts;
            }

            return _value!;
        }
    }

    private void OnChanged(ApiFacts facts)
    {
        T? previous;
        lock (_gate)
        {
            previous = _value;
        }

        T next = Map(facts);
        if (previous is null || !EqualityComparer<T>.Default.Equals(previous, next))
        {
            Changed?.Invoke(next);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _facts.Changed -= OnChanged;
        _facts.Dispose();
    }
}
