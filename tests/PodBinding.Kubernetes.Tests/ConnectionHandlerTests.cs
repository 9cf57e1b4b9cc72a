using YamlDotNet.Core;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PodBinding.Kubernetes.Credentials;
using PodBinding.Kubernetes.Http;
using PodBinding.Kubernetes.Modes;

namespace PodBinding.Kubernetes.Tests;

/// <summary>The handler's decisions (401 re-read, error texts) over a scripted transport.</summary>
public sealed class ConnectionHandlerTests : IDisposable
{
    private readonly TempServiceAccount _sa = new();
    private readonly string _caPem = new X509Certificate2Holder().Pem;

    public void Dispose() => _sa.Dispose();

    private (HttpMessageInvoker Invoker, ServiceAccountVolume Volume) InCluster(Func<HttpRequestMessage, HttpResponseMessage> server, CapturingLoggerFactory? logs = null)
    {
        var volume = ServiceAccountVolume.Open(_sa.Root, watch: null, NullLogger.Instance);
        var mode = new ResolvedMode(KubernetesConnectionMode.InCluster, new Uri("https://10.96.0.1:443/"), "test") { Display = "https://10.96.0.1:443/", ServiceAccountDirectory = _sa.Root };
        var handler = new ConnectionHandler(mode, new KubernetesConnectionOptions(), volume, logs?.CreateLogger("t") ?? NullLogger.Instance)
        {
            Endpoint = mode.Display,
            InnerHandler = new Scripted(server),
        };
        return (new HttpMessageInvoker(handler), volume);
    }

    private static HttpRequestMessage Get(ServiceAccountVolume volume, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://10.96.0.1:443" + path);
        request.Headers.Authorization = volume.Current.Header; // what the token provider hands KubernetesClient
        return request;
    }

    [Fact]
    public async Task A_401_rereads_the_rotated_token_once_and_succeeds()
    {
        _sa.Write("old.token.value", _caPem);
        var seen = new List<string?>();
        var logs = new CapturingLoggerFactory();
        (HttpMessageInvoker invoker, ServiceAccountVolume volume) = InCluster(request =>
        {
            seen.Add(request.Headers.Authorization?.Parameter);
            return new HttpResponseMessage(request.Headers.Authorization?.Parameter == "new.token.value" ? HttpStatusCode.OK : HttpStatusCode.Unauthorized);
        }, logs);
        using (volume)
        {
            _sa.Write("new.token.value", _caPem); // the kubelet rotated; no event has reached the volume yet

            using HttpResponseMessage response = await invoker.SendAsync(Get(volume, "/api/v1/namespaces/orders/pods"), default);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["old.token.value", "new.token.value"], seen);
            Assert.Contains(logs.Lines, l => l.Id.Id == 4);
        }
    }

    [Fact]
    public async Task A_401_that_survives_the_reread_names_the_token_file_and_generation_but_not_the_token()
    {
        _sa.Write("rejected.token.value", _caPem);
        int calls = 0;
        (HttpMessageInvoker invoker, ServiceAccountVolume volume) = InCluster(_ => { calls++; return new HttpResponseMessage(HttpStatusCode.Unauthorized); });
        using (volume)
        {
            var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => invoker.SendAsync(Get(volume, "/api/v1/namespaces/orders/pods"), default));

            Assert.Equal(KubernetesConnectionErrorKind.Unauthorized, e.Kind);
            Assert.Equal(1, calls); // same token after the re-read: no pointless second request
            Assert.Contains(Path.Join(_sa.Root, "token"), e.Message);
            Assert.Contains(_sa.Version!, e.Message);
            Assert.Contains("even after the token was re-read", e.Message);
            Assert.DoesNotContain("rejected.token.value", e.ToString());
        }
    }

    [Fact]
    public async Task A_garbage_token_gets_a_401_that_says_it_is_not_a_service_account_token()
    {
        _sa.Write("garbage", _caPem);
        (HttpMessageInvoker invoker, ServiceAccountVolume volume) = InCluster(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized));
        using (volume)
        {
            var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => invoker.SendAsync(Get(volume, "/api/v1/pods"), default));

            Assert.Contains("does not look like a service-account token", e.Message);
        }
    }

    [Fact]
    public async Task A_403_names_verb_resource_namespace_and_prints_role_and_binding_that_grant_it()
    {
        _sa.Write("a.b.c", _caPem);
        const string Status = """
            {"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods is forbidden: User \"system:serviceaccount:orders:orders-api\" cannot list resource \"pods\" in API group \"\" in the namespace \"orders\"","reason":"Forbidden","details":{"kind":"pods"},"code":403}
            """;
        (HttpMessageInvoker invoker, ServiceAccountVolume volume) = InCluster(_ => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(Status, Encoding.UTF8, "application/json") });
        using (volume)
        {
            var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => invoker.SendAsync(Get(volume, "/api/v1/namespaces/orders/pods?labelSelector=app%3Dorders"), default));

            Assert.Equal(KubernetesConnectionErrorKind.Forbidden, e.Kind);
            Assert.Equal(403, e.StatusCode);
            Assert.Contains("system:serviceaccount:orders:orders-api may not list pods in namespace orders", e.Message);
            string yaml = e.Message[e.Message.IndexOf("apiVersion:", StringComparison.Ordinal)..];
            var documents = new List<Dictionary<string, object>>();
            var parser = new YamlDotNet.Core.Parser(new StringReader(yaml));
            var deserializer = new YamlDotNet.Serialization.Deserializer();
            parser.Consume<YamlDotNet.Core.Events.StreamStart>();
            while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
            {
                documents.Add(deserializer.Deserialize<Dictionary<string, object>>(parser));
            }

            Assert.Equal(["Role", "RoleBinding"], documents.Select(d => (string)d["kind"]));
            Assert.Contains("verbs: [\"list\"]", yaml);
            Assert.Contains("resources: [\"pods\"]", yaml);
            Assert.Contains("namespace: orders", yaml);
            Assert.Contains("kind: ServiceAccount\n  name: orders-api\n  namespace: orders", yaml.ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public async Task A_403_on_a_cluster_scoped_resource_asks_for_a_cluster_role()
    {
        _sa.Write("a.b.c", _caPem);
        (HttpMessageInvoker invoker, ServiceAccountVolume volume) = InCluster(_ => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("""{"kind":"Status","message":"nodes \"n1\" is forbidden: User \"system:serviceaccount:orders:default\" cannot get resource \"nodes\""}""") });
        using (volume)
        {
            var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => invoker.SendAsync(Get(volume, "/api/v1/nodes/n1"), default));

            Assert.Contains("may not get nodes (cluster-wide) (name n1)", e.Message);
            Assert.Contains("kind: ClusterRole\n", e.Message.ReplaceLineEndings("\n"));
            Assert.Contains("kind: ClusterRoleBinding", e.Message);
        }
    }

    [Fact]
    public async Task A_500_is_a_server_error_with_the_status_text()
    {
        _sa.Write("a.b.c", _caPem);
        (HttpMessageInvoker invoker, ServiceAccountVolume volume) = InCluster(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("etcdserver: request timed out") });
        using (volume)
        {
            var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => invoker.SendAsync(Get(volume, "/api/v1/namespaces/orders/pods"), default));

            Assert.Equal(KubernetesConnectionErrorKind.ServerError, e.Kind);
            Assert.Contains("answered 500 for GET /api/v1/namespaces/orders/pods: etcdserver: request timed out", e.Message);
        }
    }

    [Fact]
    public async Task A_500_in_plain_text_from_kubectl_proxy_says_the_proxy_cannot_reach_its_api_server()
    {
        // What kubectl proxy v1.32 answers when its upstream refuses: plain text, no Status object.
        var mode = new ResolvedMode(KubernetesConnectionMode.Proxy, new Uri("http://localhost:8001/"), "test") { Display = "http://127.0.0.1:8001/" };
        var handler = new ConnectionHandler(mode, new KubernetesConnectionOptions(), null, NullLogger.Instance)
        {
            Endpoint = mode.Display,
            InnerHandler = new Scripted(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("dial tcp 127.0.0.1:1: connect: connection refused\n") }),
        };
        using var invoker = new HttpMessageInvoker(handler);

        var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://localhost:8001/api/v1/pods"), default));

        Assert.Contains("kubectl proxy is running but cannot reach its API server (dial tcp 127.0.0.1:1: connect: connection refused)", e.Message);
        Assert.Contains("kubectl cluster-info", e.Message);
    }

    [Fact]
    public async Task A_404_passes_through_to_kubernetes_client()
    {
        _sa.Write("a.b.c", _caPem);
        (HttpMessageInvoker invoker, ServiceAccountVolume volume) = InCluster(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        using (volume)
        {
            using HttpResponseMessage response = await invoker.SendAsync(Get(volume, "/api/v1/namespaces/orders/pods/x"), default);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private sealed class Scripted(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond(request));
    }
}
