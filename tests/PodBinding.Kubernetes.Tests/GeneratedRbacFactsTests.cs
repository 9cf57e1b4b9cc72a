using System.Reflection;
using PodBinding.Kubernetes.Facts;
using PodBinding.Tests.Shared;
using static PodBinding.Kubernetes.Tests.ApiFactsFixture;

namespace PodBinding.Kubernetes.Tests;

/// <summary>
/// The generator's RBAC and the runtime's reader, end to end: the sample's in-cluster overlay (with the Role, RoleBinding,
/// ClusterRole and ClusterRoleBinding generated for ShopFacts' [FromApi] members) rendered by the real
/// <c>kubectl kustomize</c>, loaded into the enforcing test server, and ShopFacts' request watched: the start-up
/// self-check passes, no read is denied, and every generated rule is used — the least RBAC that works.
/// </summary>
public sealed class GeneratedRbacFactsTests
{
    private static readonly string Overlay = Path.Combine(
        typeof(GeneratedRbacFactsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!,
        "samples", "OrdersService", "deploy", "overlays", "in-cluster");

    private static readonly string[] RbacKinds = { "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding" };

    [Fact]
    public async Task The_samples_generated_rbac_is_exactly_what_the_reader_uses()
    {
        string rendered = KubectlKustomize.Render(Overlay);
        string rbac = string.Join("---\n", KubectlKustomize.Documents(rendered).Select(d => d.Trim('\n') + "\n")
            .Where(d => RbacKinds.Any(k => d.Split('\n').Contains("kind: " + k))));
        Assert.Contains("kind: ClusterRole\n", rbac, StringComparison.Ordinal); // nodes are cluster-scoped

        await using ApiFactsFixture f = await StartAsync(rbac);
        // ShopFacts' generated ApiRequest: node zone, owning Deployment orders, peers by its [ApiPeers] selector.
        var request = new ApiFactsRequest(ApiFactKinds.Node | ApiFactKinds.Owner | ApiFactKinds.Peers, "app=orders", "orders");
        using ApiFactsWatch watch = f.Connection.WatchFacts(request, Identity with { NodeName = "node-a" }, FastOptions());
        ApiFacts first = await watch.WaitForFirstAsync();
        await Eventually(() => watch.StreamsOpened == 3, "the node, deployment and peer watches are open");

        Assert.Equal("eu-west-1a", first.Node!.Zone);
        Assert.Equal("orders", first.Owner!.Workload!.Name);
        Assert.NotEmpty(first.Peers!.Ready);
        Assert.Null(watch.LastProblem);
        Assert.DoesNotContain(f.Server.Requests, r => r.StatusCode == 403);
        Assert.Empty(f.Server.UnusedRbacRules);
    }
}
