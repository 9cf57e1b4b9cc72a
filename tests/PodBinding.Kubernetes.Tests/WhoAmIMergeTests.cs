using k8s.Models;

namespace PodBinding.Kubernetes.Tests;

public sealed class WhoAmIMergeTests
{
    [Fact]
    public void A_pod_token_review_gives_pod_and_node_and_downward_fills_only_the_gaps()
    {
        var info = new V1UserInfo
        {
            Username = "system:serviceaccount:orders:orders-api",
            Uid = "sa-uid",
            Groups = ["system:serviceaccounts", "system:serviceaccounts:orders", "system:authenticated"],
            Extra = new Dictionary<string, IList<string>>
            {
                ["authentication.kubernetes.io/pod-name"] = ["orders-7d9c-abcde"],
                ["Authentication.Kubernetes.io/Pod-Uid"] = ["pod-uid-1"],
                ["authentication.kubernetes.io/credential-id"] = ["JTI=1"],
            },
        };

        KubernetesIdentity me = KubernetesConnection.Merge(info, new DownwardIdentity(PodName: "orders-7d9c-other", NodeName: "node-3"));

        Assert.Equal("orders", me.Namespace);
        Assert.Equal("orders-api", me.ServiceAccountName);
        Assert.Equal("orders-7d9c-abcde", me.PodName);
        Assert.Equal("pod-uid-1", me.PodUid); // keys compare case-insensitively
        Assert.Equal("node-3", me.NodeName);
        Assert.Equal(["NodeName"], me.FromDownward);
        Assert.Equal(["PodName: orders-7d9c-abcde vs orders-7d9c-other"], me.Disagreements);
        Assert.Equal(3, me.Groups.Count);
    }

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/orders/pods", "list", "", "pods", "orders")]
    [InlineData("GET", "/api/v1/namespaces/orders/pods?watch=true", "watch", "", "pods", "orders")]
    [InlineData("GET", "/api/v1/namespaces/orders/pods/p1/log", "get", "", "pods/log", "orders")]
    [InlineData("POST", "/apis/apps/v1/namespaces/orders/deployments", "create", "apps", "deployments", "orders")]
    [InlineData("DELETE", "/api/v1/namespaces/orders/configmaps", "deletecollection", "", "configmaps", "orders")]
    [InlineData("GET", "/api/v1/nodes/n1", "get", "", "nodes", null)]
    [InlineData("GET", "/prefix/api/v1/namespaces/a/secrets/s", "get", "", "secrets", "a")]
    public void Request_attributes_follow_the_api_servers_request_info(string method, string path, string verb, string group, string resource, string? ns)
    {
        RequestAttributes? attributes = RequestAttributes.From(new HttpMethod(method), new Uri("http://localhost" + path), path.StartsWith("/prefix", StringComparison.Ordinal) ? "/prefix/" : "/");

        Assert.NotNull(attributes);
        Assert.Equal((verb, group, resource, ns), (attributes.Verb, attributes.Group, attributes.ResourceWithSubresource, attributes.Namespace));
    }
}
