using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;
using PodBinding.Shared;

namespace PodBinding.Kubernetes.Facts;

/// <summary>
/// A watch that does not silently stop (KubernetesClient.Aot has no watch at all): one object by name (<c>get</c>, then
/// <c>watch</c> with a <c>metadata.name</c> field selector) or a label-selected collection (<c>list</c> + <c>watch</c>).
/// Tracks the resourceVersion (events and bookmarks), resumes from it after a stream ends, reads afresh after 410 Gone,
/// waits a jittered, doubling backoff after failures, and reopens a stream that is silent for
/// <see cref="ApiWatchOptions.IdleTimeout"/>. Requests go through the connection's own HttpClient and handler, so
/// credential rotation and the actionable errors apply.
/// </summary>
/// <remarks>
/// Each object is kept only as its projection (<typeparamref name="TItem"/>: the fact record, not the whole model), and
/// the collection is updated in place: the change callback runs on the watch's thread and must copy what it keeps.
/// </remarks>
internal class ResumableWatch<T, TItem> : IDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Func<T, TItem> _project;
    private readonly k8s.Kubernetes _client;
    private readonly string _collectionPath; // api/v1/namespaces/orders/pods
    private readonly string? _name;
    private readonly string? _labelSelector;
    private readonly ApiWatchOptions _options;
    private readonly Action<IReadOnlyDictionary<string, TItem>> _changed;
    private readonly Action<Exception?> _problem;
    private readonly CancellationTokenSource _stop = new();
    private Dictionary<string, TItem> _items = new(StringComparer.Ordinal);
    private string? _resourceVersion;
    private Task? _loop;
    private bool _lastStreamWasShortAndEmpty;

    public ResumableWatch(k8s.Kubernetes client, string collectionPath, string? name, string? labelSelector, ApiWatchOptions options,
        Func<T, TItem> project, Action<IReadOnlyDictionary<string, TItem>> changed, Action<Exception?> problem)
    {
        _project = project;
        _client = client;
        _collectionPath = collectionPath;
        _name = name;
        _labelSelector = labelSelector;
        _options = options;
        _changed = changed;
        _problem = problem;
    }

    /// <summary>How many watch streams were opened (tests and benchmarks read it).</summary>
    public int StreamsOpened;

    /// <summary>The objects now (one at most for a by-name watch).</summary>
    public IReadOnlyDictionary<string, TItem> Items => _items;

    /// <summary>The first read (<c>get</c> or <c>list</c>); errors propagate to the caller.</summary>
    public async Task<IReadOnlyDictionary<string, TItem>> ReadAsync(CancellationToken ct)
    {
        (Dictionary<string, TItem> items, string? rv) = await ReadOnceAsync(ct).ConfigureAwait(false);
        _items = items;
        _resourceVersion = rv;
        return items;
    }

    /// <summary>Starts watching from the last read, or (<paramref name="readFirst"/>) reads first inside the retrying loop.</summary>
    public void Start(bool readFirst = false) => _loop = Task.Run(() => RunAsync(readFirst, _stop.Token));

    private async Task RunAsync(bool reread, CancellationToken ct)
    {
        int failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (reread)
                {
                    (Dictionary<string, TItem> items, string? rv) = await ReadOnceAsync(ct).ConfigureAwait(false);
                    // A get answers with the object's own resourceVersion, which may itself be compacted: watching from it
                    // would be 410 again. A single object is watched from "now" instead (the server first sends its
                    // current state as ADDED, so nothing is missed); a list's resourceVersion is the collection's, current.
                    _resourceVersion = _name is null ? rv : null;
                    Replace(items);
                    reread = false;
                }

                WatchEnd end = await WatchOnceAsync(ct).ConfigureAwait(false);
                if (end == WatchEnd.Gone)
                {
                    reread = true;
                    failures = 0;
                    continue;
                }

                if (end == WatchEnd.Closed)
                {
                    if (_lastStreamWasShortAndEmpty)
                    {
                        // Like client-go's reflector ("very short watch"): a stream closed within a second without an
                        // event is a proxy or server refusing long requests; reopening at once would spin.
                        throw new IOException($"The watch of {Describe()} was closed after less than 1 s without an event; retrying with backoff.");
                    }

                    failures = 0;
                    _problem(null);
                    continue; // a server timeout or a clean close: resume at once from the resourceVersion
                }

                throw new TimeoutException($"The watch of {Describe()} delivered nothing for {_options.IdleTimeout.TotalSeconds:0.#} s (idle timeout); reopening it.");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _problem(e);
                failures++;
                try
                {
                    await Task.Delay(Backoff(failures), ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    internal TimeSpan Backoff(int failures)
    {
        double baseMs = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        double jittered = baseMs * (0.8 + (0.4 * Random.Shared.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.MaxBackoff.TotalMilliseconds));
    }

    private enum WatchEnd
    {
        Closed,
        Gone,
        Idle,
    }

    private async Task<WatchEnd> WatchOnceAsync(CancellationToken ct)
    {
        long timeout = (long)(_options.ServerTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        string query = "watch=true&allowWatchBookmarks=true&timeoutSeconds=" + timeout.ToString(CultureInfo.InvariantCulture)
            + Selector() + (_resourceVersion is null ? "" : "&resourceVersion=" + Uri.EscapeDataString(_resourceVersion));
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(_options.IdleTimeout);
        try
        {
            using HttpResponseMessage response = await SendAsync(_collectionPath + "?" + query, idle.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Gone)
            {
                return WatchEnd.Gone;
            }

            await EnsureOkAsync(response, idle.Token).ConfigureAwait(false);
            Interlocked.Increment(ref StreamsOpened);
            long opened = Environment.TickCount64;
            bool anyEvent = false;
            await using Stream body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            using var reader = new StreamReader(body);
            while (true)
            {
                string? line = await reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
                if (line is null)
                {
                    _lastStreamWasShortAndEmpty = !anyEvent && Environment.TickCount64 - opened < 1000;
                    return WatchEnd.Closed;
                }

                idle.CancelAfter(_options.IdleTimeout);
                if (line.Length == 0)
                {
                    continue;
                }

                anyEvent = true;

                if (!Apply(line))
                {
                    return WatchEnd.Gone;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && idle.IsCancellationRequested)
        {
            return WatchEnd.Idle;
        }
    }

    /// <summary>Applies one event line; false for an ERROR carrying 410 (the resourceVersion is too old).</summary>
    internal bool Apply(string line)
    {
        string type;
        string objectJson;
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            type = document.RootElement.GetProperty("type").GetString() ?? "";
            objectJson = document.RootElement.GetProperty("object").GetRawText();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"The watch of {Describe()} sent a line that is not a watch event ({e.Message}): {Shorten(line)}", e);
        }

        if (type == "ERROR")
        {
            V1Status? status = TryDeserialize<V1Status>(objectJson);
            if (status?.Code == 410)
            {
                return false;
            }

            throw new InvalidDataException($"The watch of {Describe()} ended with an error: {status?.Message ?? Shorten(objectJson)}");
        }

        T value = TryDeserialize<T>(objectJson)
            ?? throw new InvalidDataException($"The watch of {Describe()} sent a {type} event whose object is not a {typeof(T).Name}: {Shorten(objectJson)}");
        if (value.Metadata?.ResourceVersion is { Length: > 0 } rv)
        {
            _resourceVersion = rv;
        }

        string? name = value.Metadata?.Name;
        switch (type)
        {
            case "ADDED" or "MODIFIED" when name is not null:
                _items[name] = _project(value);
                _changed(_items);
                break;
            case "DELETED" when name is not null:
                if (_items.Remove(name))
                {
                    _changed(_items);
                }

                break;
            default:
                break; // BOOKMARK: only the resourceVersion moves
        }

        return true;
    }

    private void Replace(Dictionary<string, TItem> items)
    {
        _items = items;
        _changed(items);
    }

    private async Task<(Dictionary<string, TItem> Items, string? ResourceVersion)> ReadOnceAsync(CancellationToken ct)
    {
        var items = new Dictionary<string, TItem>(StringComparer.Ordinal);
        if (_name is not null)
        {
            using HttpResponseMessage response = await SendAsync(_collectionPath + "/" + Uri.EscapeDataString(_name), ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (items, null); // watch from now: the object may appear later
            }

            await EnsureOkAsync(response, ct).ConfigureAwait(false);
            string json = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            T value = TryDeserialize<T>(json) ?? throw new InvalidDataException($"The get of {Describe()} answered with something that is not a {typeof(T).Name}: {Shorten(json)}");
            items[_name] = _project(value);
            return (items, value.Metadata?.ResourceVersion);
        }

        using HttpResponseMessage list = await SendAsync(_collectionPath + "?" + Selector().TrimStart('&'), ct).ConfigureAwait(false);
        await EnsureOkAsync(list, ct).ConfigureAwait(false);
        string text = await list.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            string? rv = document.RootElement.TryGetProperty("metadata", out JsonElement meta) && meta.TryGetProperty("resourceVersion", out JsonElement r)
                ? r.GetString()
                : null;
            if (document.RootElement.TryGetProperty("items", out JsonElement array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement element in array.EnumerateArray())
                {
                    T? value = TryDeserialize<T>(element.GetRawText());
                    if (value?.Metadata?.Name is { } name)
                    {
                        items[name] = _project(value);
                    }
                }
            }

            return (items, rv);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The list of {Describe()} is not JSON ({e.Message}): {Shorten(text)}", e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string relative, CancellationToken ct)
    {
        string baseUri = _client.BaseUri.ToString();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri.EndsWith('/') ? baseUri + relative : baseUri + "/" + relative));
        request.Headers.Accept.ParseAdd("application/json");
        if (_client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, ct).ConfigureAwait(false);
        }

        return await _client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
    }

    private async Task EnsureOkAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new KubernetesConnectionException(KubernetesConnectionErrorKind.ServerError,
                $"Reading {Describe()} answered {(int)response.StatusCode}: {Shorten(body)}") { StatusCode = (int)response.StatusCode };
        }
    }

    private string Selector() =>
        _name is not null ? "&fieldSelector=" + Uri.EscapeDataString(FieldSelectorFields.MetadataName + "=" + _name)
        : _labelSelector is { Length: > 0 } s ? "&labelSelector=" + Uri.EscapeDataString(s)
        : "";

    private string Describe() => _name is not null ? $"{_collectionPath}/{_name}" : $"{_collectionPath} ({_labelSelector})";

    private static TValue? TryDeserialize<TValue>(string json)
        where TValue : class
    {
        try
        {
            return KubernetesJson.Deserialize<TValue>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    public virtual void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }
}

/// <summary>A <see cref="ResumableWatch{T, TItem}"/> that keeps the models themselves.</summary>
internal sealed class ResumableWatch<T> : ResumableWatch<T, T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public ResumableWatch(k8s.Kubernetes client, string collectionPath, string? name, string? labelSelector, ApiWatchOptions options,
        Action<IReadOnlyDictionary<string, T>> changed, Action<Exception?> problem)
        : base(client, collectionPath, name, labelSelector, options, static v => v, changed, problem)
    {
    }
}
