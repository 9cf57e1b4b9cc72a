using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;
using PodBinding.Testing.Kubernetes.ApiServer;

namespace PodBinding.Testing.Kubernetes.Tests;

public sealed class StoreAndWatchTests
{
    private static V1Pod Pod(string name, string app, string ns = "shop") =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = app } } };

    [Fact]
    public async Task Get_list_and_selectors_follow_API_conventions()
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        V1Pod a = server.Store.Upsert(Pod("a", "web"));
        V1Pod b = server.Store.Upsert(Pod("b", "db"));
        using var client = TlsAndTokenTests.KubernetesClient(server);

        V1Pod read = await client.CoreV1.ReadNamespacedPodAsync("a", "shop");
        Assert.Equal(a.Metadata.Uid, read.Metadata.Uid);
        Assert.True(long.Parse(b.Metadata.ResourceVersion) > long.Parse(a.Metadata.ResourceVersion));

        V1PodList web = await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app=web");
        V1PodList notWeb = await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app!=web");
        V1PodList inSet = await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app in (web,db)");
        V1PodList named = await client.CoreV1.ListNamespacedPodAsync("shop", fieldSelector: "metadata.name=b");
        Assert.Equal(new[] { "a" }, web.Items.Select(p => p.Metadata.Name));
        Assert.Equal(new[] { "b" }, notWeb.Items.Select(p => p.Metadata.Name));
        Assert.Equal(2, inSet.Items.Count);
        Assert.Equal(new[] { "b" }, named.Items.Select(p => p.Metadata.Name));
        Assert.Equal(b.Metadata.ResourceVersion, web.Metadata.ResourceVersion);

        using HttpClient http = ServerFixture.Client(server);
        HttpResponseMessage missing = await http.GetAsync("api/v1/namespaces/shop/pods/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        V1Status status = KubernetesJson.Deserialize<V1Status>(await missing.Content.ReadAsStringAsync());
        Assert.Equal(("NotFound", "pods \"nope\" not found"), (status.Reason, status.Message));
    }

    [Fact]
    public async Task A_watch_from_a_resource_version_gets_later_writes_and_relabelling_out_of_the_selector_is_DELETED()
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        V1Pod first = server.Store.Upsert(Pod("a", "web"));
        using HttpClient http = ServerFixture.Client(server);
        await using var watch = await Watch.OpenAsync(http, $"api/v1/namespaces/shop/pods?watch=true&labelSelector=app%3Dweb&resourceVersion={first.Metadata.ResourceVersion}");

        server.Store.Upsert(Pod("b", "web"));
        server.Store.Upsert(Pod("b", "db"));
        server.Store.Upsert(Pod("c", "db"));
        server.Store.Delete<V1Pod>("shop", "a");

        Assert.Equal(("ADDED", "b"), await watch.NextAsync());
        Assert.Equal(("DELETED", "b"), await watch.NextAsync());
        Assert.Equal(("DELETED", "a"), await watch.NextAsync());
    }

    [Fact]
    public async Task Bookmarks_carry_the_current_resource_version()
    {
        await using TestApiServer server = await ServerFixture.StartAsync(o => o.BookmarkInterval = TimeSpan.FromMilliseconds(200));
        V1Pod pod = server.Store.Upsert(Pod("a", "web"));
        using HttpClient http = ServerFixture.Client(server);
        await using var watch = await Watch.OpenAsync(http, "api/v1/namespaces/shop/pods?watch=1&allowWatchBookmarks=true");

        Assert.Equal(("ADDED", "a"), await watch.NextAsync());
        (string type, JsonElement obj) = await watch.NextRawAsync();
        Assert.Equal("BOOKMARK", type);
        Assert.Equal(pod.Metadata.ResourceVersion, obj.GetProperty("metadata").GetProperty("resourceVersion").GetString());
    }

    [Fact]
    public async Task A_watch_from_before_the_compaction_gets_an_ERROR_event_with_410_Expired()
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        V1Pod old = server.Store.Upsert(Pod("a", "web"));
        server.Store.Upsert(Pod("b", "web"));
        server.Store.Compact();
        using HttpClient http = ServerFixture.Client(server);
        await using var watch = await Watch.OpenAsync(http, $"api/v1/namespaces/shop/pods?watch=true&resourceVersion={old.Metadata.ResourceVersion}");

        (string type, JsonElement obj) = await watch.NextRawAsync();
        Assert.Equal("ERROR", type);
        V1Status status = KubernetesJson.Deserialize<V1Status>(obj.GetRawText());
        Assert.Equal((410, "Expired"), (status.Code, status.Reason));
        Assert.Null(await watch.NextLineOrEndAsync());
    }

    [Fact]
    public async Task TimeoutSeconds_and_a_closing_fault_end_the_stream()
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        using HttpClient http = ServerFixture.Client(server);
        await using (var timed = await Watch.OpenAsync(http, "api/v1/nodes?watch=true&timeoutSeconds=1"))
        {
            Assert.Null(await timed.NextLineOrEndAsync());
        }

        await using var closed = await Watch.OpenAsync(http, "api/v1/nodes?watch=true");
        await WaitUntil(() => server.Store.OpenWatches == 1);
        server.Store.CloseWatches();
        Assert.Null(await closed.NextLineOrEndAsync());
    }

    [Fact]
    public async Task A_stalled_watch_stays_open_and_sends_nothing()
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        using HttpClient http = ServerFixture.Client(server);
        await using var watch = await Watch.OpenAsync(http, "api/v1/namespaces/shop/pods?watch=true");
        await WaitUntil(() => server.Store.OpenWatches == 1);
        server.Store.StallWatches();
        server.Store.Upsert(Pod("a", "web"));

        Task<string?> next = watch.NextLineOrEndAsync();
        Assert.NotSame(next, await Task.WhenAny(next, Task.Delay(1000)));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    /// <summary>A raw watch stream read line by line.</summary>
    private sealed class Watch : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private Watch(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public static async Task<Watch> OpenAsync(HttpClient http, string path)
        {
            HttpResponseMessage response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return new Watch(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        }

        public async Task<string?> NextLineOrEndAsync() => await _reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

        public async Task<(string Type, JsonElement Object)> NextRawAsync()
        {
            string line = await NextLineOrEndAsync() ?? throw new Xunit.Sdk.XunitException("The watch ended.");
            JsonElement root = JsonDocument.Parse(line).RootElement;
            return (root.GetProperty("type").GetString()!, root.GetProperty("object").Clone());
        }

        public async Task<(string Type, string Name)> NextAsync()
        {
            (string type, JsonElement obj) = await NextRawAsync();
            return (type, obj.GetProperty("metadata").GetProperty("name").GetString()!);
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
