using k8s;
using System.Diagnostics;
using k8s.Models;
using PodBinding.Kubernetes;
using PodBinding.Kubernetes.Workloads;

namespace OrdersService;

/// <summary>
/// The main command's short "API server" section: what the API server says about this pod. Without a cluster it asks
/// the in-repo test API server directly (no kubectl process, to stay fast); any failure is one line, never a crash.
/// It runs while the earlier sections print (<see cref="Start"/>), so the command waits only for what is left.
/// </summary>
internal static class ApiSection
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>Starts reading in the background; the text is printed where the section belongs.</summary>
    public static Task<string> Start(PodInfo pod, bool inCluster) => Task.Run(async () =>
    {
        var text = new StringWriter();
        var clock = Stopwatch.StartNew();
        await ReadAsync(pod, inCluster, text);
        text.WriteLine($"  (read in {clock.ElapsedMilliseconds} ms, while the sections above printed; more: dotnet run --project samples/OrdersService -- api)");
        return text.ToString();
    });

    private static async Task ReadAsync(PodInfo pod, bool inCluster, TextWriter output)
    {
        var downward = new DownwardIdentity(pod.Name, pod.Uid.ToString(), pod.Namespace, pod.NodeName, pod.ServiceAccount);
        try
        {
            if (inCluster)
            {
                using KubernetesConnection connection = KubernetesConnection.Connect(new KubernetesConnectionOptions { RequestTimeout = Timeout });
                output.WriteLine($"API server ({connection.Mode} at {connection.Endpoint}):");
                await PrintPodAndOwnerAsync(connection, downward, output);
            }
            else if (ApiCommand.FindKubeconfig() is { } kubeconfig)
            {
                using KubernetesConnection connection = KubernetesConnection.Connect(new KubernetesConnectionOptions
                {
                    Mode = KubernetesConnectionMode.Kubeconfig, KubeconfigPath = kubeconfig, RequestTimeout = Timeout, ConnectTimeout = Timeout,
                });
                KubernetesIdentity me = await connection.WhoAmIAsync();
                output.WriteLine($"API server ({connection.Endpoint} from {kubeconfig}): you are {me.UserName}. " +
                                  "The simulated pod is not in that cluster; `-- api` shows more through kubectl proxy.");
            }
            else
            {
                await using LocalApiServer local = await LocalApiServer.StartAsync(pod, viaKubectlProxy: false);
                using KubernetesConnection connection = local.Connect(Timeout);
                KubernetesIdentity me = await connection.WhoAmIAsync(downward);
                output.WriteLine($"API server (no cluster here: the in-repo test API server at {connection.Endpoint}, {connection.Mode} mode):");
                output.WriteLine($"  user:      {me.UserName}");
                await PrintPodAndOwnerAsync(connection, downward, output);
            }
        }
        catch (Exception e) // the section is a demo: whatever went wrong is one line, and the rest of the report still prints
        {
            output.WriteLine($"API server: not reached ({e.Message.Split('\n')[0]})");
        }
    }

    /// <summary>The pod as the API server has it, and the workload its controller chain leads to.</summary>
    public static async Task PrintPodAndOwnerAsync(KubernetesConnection connection, DownwardIdentity downward, TextWriter? output = null)
    {
        output ??= Console.Out;
        V1Pod read = await connection.Client.CoreV1.ReadNamespacedPodAsync(downward.PodName, downward.Namespace);
        output.WriteLine($"  pod read:  {read.Metadata.NamespaceProperty}/{read.Metadata.Name} ({read.Status?.Phase ?? "no status"}) on node {read.Spec?.NodeName ?? "(none)"}, uid {read.Metadata.Uid}");
        OwningWorkload owner = await connection.ResolveWorkloadAsync(downward);
        output.WriteLine(owner.IsBarePod
            ? "  workload:  none (a bare pod)"
            : $"  workload:  {owner.Workload} (chain: pod → {string.Join(" → ", owner.Chain)})");
    }
}
