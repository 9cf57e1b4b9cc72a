using System.Reflection;
using k8s;
using k8s.Models;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.Auth;
using PodBinding.Testing.Kubernetes.Rbac;
using PodBinding.Tests.Shared;

namespace PodBinding.Testing.Kubernetes.Tests;

/// <summary>
/// The sample's generated RBAC for ShopFacts' [FromApi] members (node zone, owning Deployment, ready peers), rendered by
/// the real <c>kubectl kustomize</c> of its in-cluster overlay and loaded into the enforcing test server: every request of
/// the access table for those kinds is allowed, and a request outside it is denied.
/// </summary>
public sealed class GeneratedRbacTests
{
    private static readonly string Overlay = Path.Combine(
        typeof(GeneratedRbacTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!,
        "samples", "OrdersService", "deploy", "overlays", "in-cluster");

    private static readonly string[] RbacKinds = { "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding" };

    [Fact]
    public async Task TheTablesRequests_AreAllowed_AndNothingElse()
    {
        string policy = string.Join("---\n", Kustomize().Split("\n---\n").Select(d => d.Trim('\n') + "\n")
            .Where(d => RbacKinds.Any(k => d.Split('\n').Contains("kind: " + k))));
        await using TestApiServer server = await ServerFixture.StartAsync(o =>
        {
            o.Identity = new ServiceAccountIdentity { Namespace = "shop", Name = "orders" };
            o.Rbac = RbacPolicy.FromYaml(policy, "the sample's in-cluster overlay");
        });
        using var client = TlsAndTokenTests.KubernetesClient(server);

        async Task<bool> Allowed(string verb, string group, string resource, string? ns, string? name = null) =>
            (await client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview
            {
                Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = new V1ResourceAttributes { Verb = verb, Group = group, Resource = resource, NamespaceProperty = ns, Name = name } },
            })).Status.Allowed;

        // What the reader does for Node | Owner | Peers of Deployment orders (ApiAccessContract).
        Assert.True(await Allowed("get", "", "pods", "shop", "orders-7d9-x"));        // own pod: ownerReferences
        Assert.True(await Allowed("list", "", "pods", "shop"));                       // peers by selector
        Assert.True(await Allowed("watch", "", "pods", "shop"));
        Assert.True(await Allowed("get", "apps", "replicasets", "shop", "orders-7d9"));
        Assert.True(await Allowed("get", "apps", "deployments", "shop", "orders"));
        Assert.True(await Allowed("watch", "apps", "deployments", "shop", "orders"));
        Assert.True(await Allowed("get", "", "nodes", null, "node-a"));
        Assert.True(await Allowed("watch", "", "nodes", null, "node-a"));

        // Outside the declaration.
        Assert.False(await Allowed("list", "", "nodes", null));
        Assert.False(await Allowed("get", "", "secrets", "shop", "db"));
        Assert.False(await Allowed("get", "apps", "deployments", "shop", "payments"));
        Assert.False(await Allowed("list", "apps", "deployments", "shop"));
        Assert.False(await Allowed("get", "", "pods", "kube-system", "coredns-1"));
        Assert.False(await Allowed("watch", "apps", "replicasets", "shop"));
        Assert.False(await Allowed("delete", "", "pods", "shop", "orders-7d9-x"));
    }

    private static string Kustomize() => KubectlKustomize.Render(Overlay);
}
