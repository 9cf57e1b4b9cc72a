using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Models;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.Auth;
using PodBinding.Testing.Kubernetes.Proxy;
using PodBinding.Testing.Kubernetes.Rbac;

namespace PodBinding.Testing.Kubernetes.Tests;

public sealed class RbacAndProxyTests
{
    private const string Policy = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: orders, namespace: shop}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: orders-reader, namespace: shop}
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get]
        - apiGroups: [apps]
          resources: [deployments]
          resourceNames: [orders]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: orders-reader, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: orders-reader}
        subjects:
        - {kind: ServiceAccount, name: orders, namespace: shop}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: orders-nodes}
        rules:
        - apiGroups: [""]
          resources: [nodes]
          verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: orders-nodes}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: orders-nodes}
        subjects:
        - {kind: ServiceAccount, name: orders, namespace: shop}
        """;

    private static Task<TestApiServer> StartEnforcing() => ServerFixture.StartAsync(o =>
    {
        o.Identity = new ServiceAccountIdentity { Namespace = "shop", Name = "orders" };
        o.Rbac = RbacPolicy.FromYaml(Policy);
    });

    [Theory]
    [InlineData("api/v1/namespaces/shop/pods/p", 404)]
    [InlineData("api/v1/namespaces/shop/pods", 403)]
    [InlineData("api/v1/namespaces/other/pods/p", 403)]
    [InlineData("apis/apps/v1/namespaces/shop/deployments/orders", 404)]
    [InlineData("apis/apps/v1/namespaces/shop/deployments/payments", 403)]
    [InlineData("apis/apps/v1/namespaces/shop/deployments", 403)]
    [InlineData("apis/apps/v1/namespaces/shop/deployments?fieldSelector=metadata.name%3Dorders", 200)]
    [InlineData("apis/apps/v1/namespaces/shop/deployments?watch=true&timeoutSeconds=0&fieldSelector=metadata.name%3Dorders", 200)]
    [InlineData("api/v1/nodes/node-1", 404)]
    [InlineData("api/v1/nodes", 403)]
    public async Task Requests_are_allowed_exactly_as_the_RBAC_rules_say(string path, int expected)
    {
        await using TestApiServer server = await StartEnforcing();
        using HttpClient http = ServerFixture.Client(server);

        HttpResponseMessage response = await http.GetAsync(path);

        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_denial_has_the_API_servers_message_and_every_rule_can_be_shown_used()
    {
        await using TestApiServer server = await StartEnforcing();
        using HttpClient http = ServerFixture.Client(server);

        HttpResponseMessage denied = await http.GetAsync("api/v1/namespaces/other/pods/x");
        V1Status status = KubernetesJson.Deserialize<V1Status>(await denied.Content.ReadAsStringAsync());
        Assert.Equal("pods \"x\" is forbidden: User \"system:serviceaccount:shop:orders\" cannot get resource \"pods\" in API group \"\" in the namespace \"other\"", status.Message);
        HttpResponseMessage cluster = await http.GetAsync("apis/apps/v1/deployments");
        Assert.EndsWith("cannot list resource \"deployments\" in API group \"apps\" at the cluster scope",
            KubernetesJson.Deserialize<V1Status>(await cluster.Content.ReadAsStringAsync()).Message);

        Assert.Equal(3, server.UnusedRbacRules.Count);
        await http.GetAsync("api/v1/namespaces/shop/pods/p");
        await http.GetAsync("apis/apps/v1/namespaces/shop/deployments/orders");
        await http.GetAsync("api/v1/nodes/n");
        Assert.Empty(server.UnusedRbacRules);
    }

    [Fact]
    public async Task SelfSubjectAccessReview_answers_from_the_same_rules()
    {
        await using TestApiServer server = await StartEnforcing();
        using var client = TlsAndTokenTests.KubernetesClient(server);

        async Task<V1SubjectAccessReviewStatus> Ask(string verb, string group, string resource, string? ns, string? name = null) =>
            (await client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview
            {
                Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = new V1ResourceAttributes { Verb = verb, Group = group, Resource = resource, NamespaceProperty = ns, Name = name } },
            })).Status;

        V1SubjectAccessReviewStatus allowed = await Ask("get", "apps", "deployments", "shop", "orders");
        Assert.True(allowed.Allowed);
        Assert.Equal("RBAC: allowed by RoleBinding \"orders-reader/shop\" of Role \"orders-reader\" to ServiceAccount \"orders/shop\"", allowed.Reason);
        Assert.False((await Ask("list", "", "pods", "shop")).Allowed);
        Assert.True((await Ask("get", "", "nodes", null)).Allowed);
        Assert.Equal(3, server.UnusedRbacRules.Count);
    }

    [Fact]
    public void A_misspelt_RBAC_field_is_reported_with_its_document()
    {
        FormatException error = Assert.Throws<FormatException>(() => RbacPolicy.FromYaml("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: r, namespace: shop}
            rules:
            - apiGroups: [""]
              resource: [pods]
              verbs: [get]
            """, "rbac.yaml"));
        Assert.Equal("rbac.yaml, document at line 1 (Role): unknown field 'rules[0].resource'. Check its spelling against the V1Role API reference.", error.Message);
    }

    [Fact]
    public async Task Kubectl_proxy_over_TCP_forwards_the_token_and_applies_its_Host_rule()
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        server.Store.Upsert(new V1Pod { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "shop" } });
        await using KubectlProxy proxy = await KubectlProxy.StartTcpAsync(server, ServerFixture.Token);
        using var http = new HttpClient { BaseAddress = proxy.Address };

        HttpResponseMessage ok = await http.GetAsync("api/v1/namespaces/shop/pods/p");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("p", KubernetesJson.Deserialize<V1Pod>(await ok.Content.ReadAsStringAsync()).Metadata.Name);
        Assert.Equal(TokenState.Current, server.Requests.Last().Token);

        var ipv6 = new HttpRequestMessage(HttpMethod.Get, "api/v1/namespaces/shop/pods/p");
        ipv6.Headers.Host = $"[::1]:{proxy.Address!.Port}";
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(ipv6)).StatusCode);
        var local = new HttpRequestMessage(HttpMethod.Get, "api/v1/namespaces/shop/pods/p");
        local.Headers.Host = $"localhost:{proxy.Address.Port}";
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(local)).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Kubectl_proxy_over_a_Unix_socket_forwards_the_token()
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        string directory = Directory.CreateTempSubdirectory("proxy-sock-").FullName;
        try
        {
            string socket = Path.Join(directory, "kubectl.sock");
            await using KubectlProxy proxy = await KubectlProxy.StartUnixSocketAsync(server, ServerFixture.Token, socket);
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                    return new NetworkStream(s, ownsSocket: true);
                },
            };
            using var http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost/") };

            HttpResponseMessage response = await http.GetAsync("version");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal((TokenState.Current, 1), (server.Requests.Last().Token, server.Requests.Last().TokenGeneration));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(socket));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
