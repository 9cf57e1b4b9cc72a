using System.Reflection;
using k8s;
using k8s.Models;
using PodBinding.Tests.Shared;

namespace PodBinding.Generators.Tests;

/// <summary>
/// The sample's committed overlays, rendered by the real <c>kubectl kustomize</c> and read back with KubernetesClient's
/// strict model: every object is valid, and each API overlay wires its mode into the orders Deployment.
/// </summary>
public sealed class SampleOverlayTests
{
    private static readonly string Overlays = Path.Combine(
        typeof(SampleOverlayTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!,
        "samples", "OrdersService", "deploy", "overlays");

    [Fact]
    public void EveryOverlay_RendersToStrictlyValidObjects()
    {
        string[] overlays = Directory.GetDirectories(Overlays).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "ambassador", "in-cluster", "production" }, overlays);
        foreach (string overlay in overlays)
        {
            foreach (string document in Render(overlay))
            {
                string kind = document.Split('\n').Single(l => l.StartsWith("kind: ", StringComparison.Ordinal)).Substring("kind: ".Length);
                object parsed = kind switch
                {
                    "Deployment" => KubernetesYaml.Deserialize<V1Deployment>(document, strict: true),
                    "ServiceAccount" => KubernetesYaml.Deserialize<V1ServiceAccount>(document, strict: true),
                    "Role" when overlay != "production" => KubernetesYaml.Deserialize<V1Role>(document, strict: true),
                    "RoleBinding" when overlay != "production" => KubernetesYaml.Deserialize<V1RoleBinding>(document, strict: true),
                    "ClusterRole" when overlay != "production" => KubernetesYaml.Deserialize<V1ClusterRole>(document, strict: true),
                    "ClusterRoleBinding" when overlay != "production" => KubernetesYaml.Deserialize<V1ClusterRoleBinding>(document, strict: true),
                    _ => throw new Xunit.Sdk.XunitException($"{overlay} renders an unexpected {kind}"),
                };
                Assert.NotNull(parsed);
            }
        }
    }

    /// <summary>ShopFacts' [FromApi] members (node zone, owner, ready peers) get exactly their rules, bound to the pod's ServiceAccount in shop.</summary>
    [Theory]
    [InlineData("in-cluster")]
    [InlineData("ambassador")]
    public void ApiOverlays_GrantShopFactsTheLeastRbac(string overlay)
    {
        string[] documents = Render(overlay);
        string Single(string kind) => documents.Single(d => d.Split('\n').Contains("kind: " + kind));
        V1Role role = KubernetesYaml.Deserialize<V1Role>(Single("Role"), strict: true);
        Assert.Equal("shop", role.Metadata.NamespaceProperty);
        Assert.Equal(
            new[] { "/pods//get,list,watch", "apps/replicasets//get", "apps/deployments/orders/get,watch" },
            role.Rules.Select(r => $"{string.Join(",", r.ApiGroups)}/{string.Join(",", r.Resources)}/{string.Join(",", r.ResourceNames ?? new List<string>())}/{string.Join(",", r.Verbs)}"));
        V1ClusterRole nodes = KubernetesYaml.Deserialize<V1ClusterRole>(Single("ClusterRole"), strict: true);
        Assert.Equal("nodes", Assert.Single(Assert.Single(nodes.Rules).Resources));
        V1RoleBinding binding = KubernetesYaml.Deserialize<V1RoleBinding>(Single("RoleBinding"), strict: true);
        Assert.Equal(("shop", "orders"), (binding.Metadata.NamespaceProperty, Assert.Single(binding.Subjects).Name));
        V1ClusterRoleBinding nodesBinding = KubernetesYaml.Deserialize<V1ClusterRoleBinding>(Single("ClusterRoleBinding"), strict: true);
        Assert.Equal(("orders", "shop"), (Assert.Single(nodesBinding.Subjects).Name, nodesBinding.Subjects[0].NamespaceProperty));
    }

    [Fact]
    public void InClusterOverlay_RunsAsTheOrdersServiceAccountWithItsToken()
    {
        string[] documents = Render("in-cluster");
        V1ServiceAccount account = KubernetesYaml.Deserialize<V1ServiceAccount>(documents.Single(d => d.Split('\n').Contains("kind: ServiceAccount")), strict: true);
        Assert.Equal(("orders", "shop"), (account.Metadata.Name, account.Metadata.NamespaceProperty));
        V1PodSpec spec = Orders(documents);
        Assert.Equal(("orders", true), (spec.ServiceAccountName, spec.AutomountServiceAccountToken));
        Assert.Null(spec.InitContainers);
        V1Container orders = Assert.Single(spec.Containers);
        Assert.Equal("InCluster", orders.Env.Single(e => e.Name == "PODBINDING_KUBERNETES_MODE").Value);
        Assert.Contains(orders.Env, e => e.Name == "POD_NAME"); // the main Component applies as well
    }

    [Fact]
    public void AmbassadorOverlay_AddsTheNativeSidecar_AndKeepsTheTokenOutOfTheApp()
    {
        V1PodSpec spec = Orders(Render("ambassador"));
        Assert.False(spec.AutomountServiceAccountToken);
        V1Container sidecar = Assert.Single(spec.InitContainers);
        Assert.Equal(("kube-api-ambassador", "Always"), (sidecar.Name, sidecar.RestartPolicy));
        Assert.StartsWith("registry.k8s.io/kubectl:v1.", sidecar.Image, StringComparison.Ordinal);
        Assert.Equal("/var/run/secrets/kubernetes.io/serviceaccount", Assert.Single(sidecar.VolumeMounts).MountPath);
        V1Container orders = Assert.Single(spec.Containers);
        Assert.Equal("http://127.0.0.1:8001", orders.Env.Single(e => e.Name == "PODBINDING_KUBERNETES_AMBASSADOR").Value);
        Assert.DoesNotContain(orders.VolumeMounts, m => m.MountPath.StartsWith("/var/run/secrets", StringComparison.Ordinal));
    }

    private static V1PodSpec Orders(string[] documents) =>
        KubernetesYaml.Deserialize<V1Deployment>(documents.Single(d => d.Contains("kind: Deployment\n", StringComparison.Ordinal)), strict: true).Spec.Template.Spec;

    private static string[] Render(string overlay) => KubectlKustomize.Documents(KubectlKustomize.Render(Path.Combine(Overlays, overlay)));
}
