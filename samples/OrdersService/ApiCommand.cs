using System.Diagnostics;
using k8s;
using k8s.Models;
using PodBinding.Kubernetes;
using PodBinding.Kubernetes.Facts;

namespace OrdersService;

/// <summary>
/// `dotnet run --project samples/OrdersService -- api`: the API-server connection on a laptop. With a kubeconfig it
/// starts a real `kubectl proxy` on a free port and goes through it (Proxy mode); without one it starts the in-repo
/// test API server holding the simulated pod (<see cref="LocalApiServer"/>); in a pod it uses the mode Auto picks.
/// Prints the mode and endpoint, who the API server says we are (merged with the downward values), the pod as the
/// API server has it, and the workload that owns it.
/// </summary>
internal static class ApiCommand
{
    public static async Task<int> RunAsync(PodInfo pod, bool inCluster)
    {
        var downward = new DownwardIdentity(pod.Name, pod.Uid.ToString(), pod.Namespace, pod.NodeName, pod.ServiceAccount);
        if (inCluster)
        {
            using KubernetesConnection connection = KubernetesConnection.Connect();
            return await ShowAsync(connection, downward, "the pod's own connection", ownPod: true);
        }

        string? kubeconfig = FindKubeconfig();
        if (kubeconfig is null)
        {
            // No cluster on this machine: the test API server stands in for one, holding the simulated pod.
            await using LocalApiServer local = await LocalApiServer.StartAsync(pod, viaKubectlProxy: true);
            using KubernetesConnection connection = local.Connect();
            Console.WriteLine("No kubeconfig on this machine, so the sample starts its own API server (what a cluster would answer).");
            return await ShowAsync(connection, downward, local.Describe(), ownPod: true, local, pod);
        }

        using Process proxy = StartKubectlProxy(kubeconfig, out Uri endpoint);
        try
        {
            using KubernetesConnection connection = KubernetesConnection.Connect(new KubernetesConnectionOptions
            {
                Mode = KubernetesConnectionMode.Proxy,
                ProxyUri = endpoint,
            });
            // The simulated pod is not in that cluster: who we are and a list, but no owner chain.
            return await ShowAsync(connection, downward, $"a real `kubectl proxy` started with {kubeconfig}", ownPod: false);
        }
        finally
        {
            proxy.Kill(entireProcessTree: true);
            proxy.WaitForExit(5000);
        }
    }

    private static async Task<int> ShowAsync(KubernetesConnection connection, DownwardIdentity downward, string how, bool ownPod, LocalApiServer? local = null, PodInfo? pod = null)
    {
        Console.WriteLine($"{connection} — {how} ({connection.Reason})");
        try
        {
            KubernetesIdentity me = await connection.WhoAmIAsync(downward);
            Console.WriteLine($"  user:      {me.UserName}");
            Console.WriteLine($"  groups:    {string.Join(", ", me.Groups)}");
            Console.WriteLine($"  pod:       {me.PodName ?? "(not a pod token)"}   node: {me.NodeName ?? "(unknown)"}");
            if (me.FromDownward.Count > 0)
            {
                Console.WriteLine($"  from the downward API: {string.Join(", ", me.FromDownward)}");
            }

            if (ownPod)
            {
                await ApiSection.PrintPodAndOwnerAsync(connection, downward);
                if (local is not null && pod is not null)
                {
                    await ShowFactsAsync(connection, downward, local, pod);
                }

                return 0;
            }

            string ns = connection.Namespace ?? "default";
            V1PodList pods = await connection.Client.CoreV1.ListNamespacedPodAsync(ns, limit: 5);
            Console.WriteLine($"  pods in {ns}: {(pods.Items.Count == 0 ? "(none)" : string.Join(", ", pods.Items.Select(p => p.Metadata.Name)))}");
            return 0;
        }
        catch (KubernetesConnectionException e)
        {
            Console.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>
    /// ShopFacts (node zone, owning Deployment, ready peers) loaded and then kept live by watches: a peer turning ready on
    /// the server reaches the typed value without polling. The RBAC these reads need is generated next to the other YAML.
    /// </summary>
    private static async Task ShowFactsAsync(KubernetesConnection connection, DownwardIdentity downward, LocalApiServer local, PodInfo pod)
    {
        using ApiFactsWatch<ShopFacts> watch = connection.WatchFacts<ShopFacts>(downward);
        ShopFacts facts = await watch.WaitForFirstAsync();
        Console.WriteLine("  [FromApi] ShopFacts, live (RBAC: deploy/podbinding/kubernetes-api/<mode>/deployment-orders.rbac.yaml):");
        Print(facts);
        var changed = new TaskCompletionSource<ShopFacts>(TaskCreationOptions.RunContinuationsAsynchronously);
        watch.Changed += f => changed.TrySetResult(f);
        local.MarkPeerReady(pod);
        ShopFacts after = await changed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Console.WriteLine("  a second replica became ready on the server; the watch delivered:");
        Print(after);

        static void Print(ShopFacts f) => Console.WriteLine(
            $"    zone {f.Zone ?? "(no zone label)"} · deployment {f.Deployment ?? "(bare pod)"} · ready peers {f.ReadyPeers.Count}: " +
            string.Join(", ", f.ReadyPeers.Select(p => $"{p.Name} ({p.Ip})")));
    }

    internal static string? FindKubeconfig()
    {
        string? list = Environment.GetEnvironmentVariable("KUBECONFIG");
        string? first = list?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists);
        string home = Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return first ?? (File.Exists(home) ? home : null);
    }

    /// <summary>Starts `kubectl proxy --port=0` and reads the port it printed ("Starting to serve on 127.0.0.1:NNNNN").</summary>
    private static Process StartKubectlProxy(string kubeconfig, out Uri endpoint)
    {
        var start = new ProcessStartInfo("kubectl", ["proxy", "--port=0", "--kubeconfig", kubeconfig])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process proxy = Process.Start(start) ?? throw new InvalidOperationException("kubectl could not be started; is it on PATH?");
        Task<string?> line = proxy.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(15)) || line.Result is not { } text || !text.StartsWith("Starting to serve on ", StringComparison.Ordinal))
        {
            proxy.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"kubectl proxy did not start: {proxy.StandardError.ReadToEnd().Trim()}");
        }

        endpoint = new Uri("http://" + text["Starting to serve on ".Length..].Trim());
        return proxy;
    }
}
