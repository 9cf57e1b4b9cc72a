using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using k8s;
using k8s.Models;
using Microsoft.CodeAnalysis;
using PodBinding.Generators.Tests.Helpers;

namespace PodBinding.Generators.Tests;

/// <summary>
/// <c>[FromApi]</c>: the generated <c>IApiFactsBinding&lt;T&gt;</c> (snapshot, compiled and run on real snapshot
/// records), and the least-privilege RBAC in each API mode's Component (strict model, real <c>kubectl kustomize</c>).
/// </summary>
public sealed class ApiFactsGeneratorTests : IDisposable
{
    private const string Rbac = "deployment-web.rbac.yaml";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "podbinding-apifacts-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static GeneratorOutput Run() => GeneratorRunner.Run(TestCompilation.CreateWithKubernetes(ApiFactsSources.WebDeployment));

    [Fact]
    public void GeneratedCode_Snapshot_AndItsOwnFiles()
    {
        GeneratorOutput first = Run();
        GeneratorOutput second = Run();
        Assert.Equal(first.Sources, second.Sources);
        Assert.Equal(first.Manifests, second.Manifests);

        // Its own files: the downward class's hints are the ones it always had.
        Assert.Equal(
            new[]
            {
                "PodBinding.Kustomization.g.cs", "PodBinding.KubernetesApi.Kustomization.g.cs", "PodBinding.KubernetesApi.Rbac.g.cs",
                "Shop.Web.WebFacts.PodBindingApi.g.cs", "Shop.Web.WebPod.PodBinding.g.cs", "Shop.Web.WebPod.PodBinding.Manifests.g.cs",
            }.Order(StringComparer.Ordinal),
            first.Sources.Keys.Order(StringComparer.Ordinal));
        Snapshot.Match(first.Source("Shop.Web.WebFacts.PodBindingApi.g.cs"), "ApiFactsGeneratorTests.WebFacts", "cs");
        Snapshot.Match(first.Manifest("kubernetes-api/in-cluster/" + Rbac), "ApiFactsGeneratorTests.WebFacts_rbac", "yaml");
        Snapshot.Match(first.Manifest("kubernetes-api/in-cluster/kustomization.yaml"), "ApiFactsGeneratorTests.WebFacts_in-cluster.kustomization", "yaml");

        // The ambassador binds the same ServiceAccount: the sidecar uses its token for the app's reads.
        Assert.Equal(first.Manifest("kubernetes-api/in-cluster/" + Rbac), first.Manifest("kubernetes-api/ambassador/" + Rbac));
        Assert.Contains("- " + Rbac + "\n", first.Manifest("kubernetes-api/ambassador/kustomization.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedMapping_ReadsEachFact_AndIsNullSafe()
    {
        Assembly assembly = Load(Run().Compilation);
        Type probe = assembly.GetType("Shop.Web.Probe")!;
        Assert.Equal(
            "zone=eu-west-1b|arch=arm64|owner=web|qos=Burstable|start=2026-12-02T10:00:00.0000000+00:00|restarts=2|cpu=750m"
            + "|ready=web-7d9-a,web-7d9-x|ips=10.0.0.4,10.0.0.9|all=web-7d9-a,web-7d9-b,web-7d9-x",
            probe.GetMethod("Full")!.Invoke(null, null));
        Assert.Equal("zone=|arch=|owner=|qos=|start=|restarts=0|cpu=|ready=|ips=null|all=", probe.GetMethod("Empty")!.Invoke(null, null));

        object request = probe.GetMethod("Request")!.Invoke(null, null)!;
        Assert.Equal("ApiFactsRequest { Kinds = PodStatus, Node, Owner, Peers, PeerSelector = app=web,tier in (front), WorkloadName = web }", request.ToString());
    }

    [Fact]
    public void WithoutPodBindingKubernetes_NoApiCode_AndTheProjectStillCompiles()
    {
        GeneratorOutput output = GeneratorRunner.Run(TestCompilation.Create(ApiFactsSources.NoKubernetesReference));
        Assert.DoesNotContain(output.Sources.Keys, k => k.Contains("PodBindingApi", StringComparison.Ordinal));
    }

    [Fact]
    public void Rbac_ParsesStrictly_WithExactlyTheContractsRules()
    {
        string[] documents = Documents(Run().Manifest("kubernetes-api/in-cluster/" + Rbac));
        Assert.Equal(4, documents.Length);
        V1Role role = KubernetesYaml.Deserialize<V1Role>(documents[0], strict: true);
        V1RoleBinding binding = KubernetesYaml.Deserialize<V1RoleBinding>(documents[1], strict: true);
        V1ClusterRole nodes = KubernetesYaml.Deserialize<V1ClusterRole>(documents[2], strict: true);
        V1ClusterRoleBinding nodesBinding = KubernetesYaml.Deserialize<V1ClusterRoleBinding>(documents[3], strict: true);

        Assert.Equal(
            new[] { "/pods//get,list,watch", "apps/replicasets//get", "apps/deployments/web/get,watch" },
            role.Rules.Select(Describe));
        Assert.Equal(new[] { "/nodes//get,watch" }, nodes.Rules.Select(Describe));
        Assert.Equal(("Role", role.Metadata.Name), (binding.RoleRef.Kind, binding.RoleRef.Name));
        Assert.Equal(("ClusterRole", nodes.Metadata.Name), (nodesBinding.RoleRef.Kind, nodesBinding.RoleRef.Name));
        Assert.Equal(("ServiceAccount", "web", null), (binding.Subjects[0].Kind, binding.Subjects[0].Name, binding.Subjects[0].NamespaceProperty));
        Assert.Equal(("ServiceAccount", "web"), (nodesBinding.Subjects[0].Kind, nodesBinding.Subjects[0].Name));
    }

    [Fact]
    public void Rbac_ThroughKubectlKustomize_LandsInTheOverlaysNamespace()
    {
        GeneratorOutput output = Run();
        foreach ((string file, string yaml) in output.Manifests)
        {
            Write(Path.Combine("podbinding", file), yaml);
        }

        Write("base/kustomization.yaml", "resources:\n- deployment.yaml\n");
        Write("base/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: registry.example.com/web:1.0.0
            """);
        Write("overlay/kustomization.yaml", "namespace: shop\nresources:\n- ../base\ncomponents:\n- ../podbinding\n- ../podbinding/kubernetes-api/in-cluster\n");

        string[] documents = Documents(Kustomize());
        V1ClusterRoleBinding nodesBinding = KubernetesYaml.Deserialize<V1ClusterRoleBinding>(OfKind(documents, "ClusterRoleBinding"), strict: true);
        V1RoleBinding binding = KubernetesYaml.Deserialize<V1RoleBinding>(OfKind(documents, "RoleBinding"), strict: true);
        V1Role role = KubernetesYaml.Deserialize<V1Role>(OfKind(documents, "Role"), strict: true);
        V1ServiceAccount account = KubernetesYaml.Deserialize<V1ServiceAccount>(OfKind(documents, "ServiceAccount"), strict: true);
        Assert.Equal(("web", "shop"), (account.Metadata.Name, account.Metadata.NamespaceProperty));
        Assert.Equal("shop", role.Metadata.NamespaceProperty);
        Assert.Equal("shop", binding.Metadata.NamespaceProperty);

        // The namespace transformer rewrites the cluster binding's subject to the ServiceAccount's real namespace.
        Assert.Equal(("web", "shop"), (nodesBinding.Subjects[0].Name, nodesBinding.Subjects[0].NamespaceProperty));
        Assert.Null(KubernetesYaml.Deserialize<V1ClusterRole>(OfKind(documents, "ClusterRole"), strict: true).Metadata.NamespaceProperty);
    }

    private static string Describe(V1PolicyRule rule) =>
        $"{string.Join(",", rule.ApiGroups)}/{string.Join(",", rule.Resources)}/{string.Join(",", rule.ResourceNames ?? new List<string>())}/{string.Join(",", rule.Verbs)}";

    /// <summary>The one document whose top-level kind is <paramref name="kind"/> (a binding's roleRef has a kind too).</summary>
    private static string OfKind(string[] documents, string kind) =>
        documents.Single(d => d.Split('\n').Contains("kind: " + kind));

    private static string[] Documents(string yaml) =>
        yaml.Split("\n---\n").Select(d => d.Trim('\n') + "\n").Where(d => d.Contains("kind:", StringComparison.Ordinal)).ToArray();

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        var context = new AssemblyLoadContext("apifacts-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        context.Resolving += (ctx, name) => name.Name == "PodBinding.Kubernetes" ? ctx.LoadFromAssemblyPath(TestCompilation.KubernetesAssembly) : null;
        stream.Position = 0;
        return context.LoadFromStream(stream);
    }

    private void Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
    }

    private string Kustomize()
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(Path.Combine(_root, "overlay"));
        using Process process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException("kubectl did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize failed ({process.ExitCode}):\n{stderr.Result}");
        return stdout.Result;
    }
}
