using k8s;
using k8s.Autorest;
using k8s.Models;
using PodBinding.Kubernetes.Workloads;
using PodBinding.Shared;

namespace PodBinding.Kubernetes;

public sealed partial class KubernetesConnection
{
    /// <summary>
    /// Follows the pod's controller ownerReference up to its workload with one <c>get</c> per step that needs it
    /// : the pod, then a ReplicaSet (→ Deployment) or a Job (→ CronJob); a StatefulSet, DaemonSet or
    /// ReplicationController is the pod's own controller. RBAC needed: <c>get</c> on pods, and on replicasets or jobs
    /// when the chain meets them; a 403 names the step and prints the Role that grants it.
    /// </summary>
    /// <param name="downward">The pod's name (and namespace) from the Downward API; the namespace falls back to <see cref="Namespace"/>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public Task<OwningWorkload> ResolveWorkloadAsync(DownwardIdentity downward, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(downward);
        string podName = downward.PodName is { Length: > 0 } name ? name : throw new ArgumentException(
            "The pod's name is unknown: expose metadata.name through the Downward API (env: valueFrom: fieldRef: fieldPath: metadata.name) and pass it as DownwardIdentity.PodName.",
            nameof(downward));
        string @namespace = downward.Namespace is { Length: > 0 } ns ? ns : Namespace ?? throw new ArgumentException(
            $"The pod's namespace is unknown: the {Mode} connection does not say it; expose metadata.namespace through the Downward API and pass it as DownwardIdentity.Namespace.",
            nameof(downward));
        return ResolveWorkloadAsync(@namespace, podName, cancellationToken);
    }

    /// <summary>Follows the controller chain of pod <paramref name="podName"/> in <paramref name="namespace"/>; see the other overload.</summary>
    public async Task<OwningWorkload> ResolveWorkloadAsync(string @namespace, string podName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(podName);
        var chain = new List<WorkloadReference>(2);
        V1Pod pod = await Step(chain, @namespace, podName, () => _client.CoreV1.ReadNamespacedPodAsync(podName, @namespace, cancellationToken: cancellationToken))
            ?? throw new KubernetesConnectionException(KubernetesConnectionErrorKind.NotFound,
                $"Pod {@namespace}/{podName} does not exist at {Endpoint}: the name and namespace must be this pod's own " +
                "(Downward API fieldRef metadata.name and metadata.namespace); check with `kubectl get pod " + podName + " -n " + @namespace + "`.") { StatusCode = 404 };

        WorkloadReference? next = OwnerSteps.Controller(pod.Metadata);
        while (next is not null)
        {
            chain.Add(next);
            WorkloadReference current = next;
            V1ObjectMeta? owner = current switch
            {
                _ when WorkloadResources.ReplicaSet.Is(current.Kind, current.ApiVersion) => (await Step(chain, @namespace, podName,
                    () => _client.AppsV1.ReadNamespacedReplicaSetAsync(current.Name, @namespace, cancellationToken: cancellationToken)))?.Metadata,
                _ when WorkloadResources.Job.Is(current.Kind, current.ApiVersion) => (await Step(chain, @namespace, podName,
                    () => _client.BatchV1.ReadNamespacedJobAsync(current.Name, @namespace, cancellationToken: cancellationToken)))?.Metadata,
                _ => null, // the top: StatefulSet, DaemonSet, ReplicationController, Deployment, CronJob or a custom controller
            };

            // Gone, or deleted and re-created under the same name (another UID): the reference is as far as it goes.
            next = owner is not null && owner.Uid == current.Uid ? OwnerSteps.Controller(owner) : null;
        }

        return new OwningWorkload(@namespace, podName, pod.Metadata?.Uid, chain);
    }

    /// <summary>One <c>get</c>: 404 is null; 403 says which step of the chain was refused.</summary>
    private async Task<T?> Step<T>(List<WorkloadReference> chain, string @namespace, string podName, Func<Task<T>> get)
        where T : class
    {
        try
        {
            return await get().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (KubernetesConnectionException e) when (e.Kind == KubernetesConnectionErrorKind.Forbidden)
        {
            string reached = chain.Count == 0 ? "reading the pod itself" : $"reading {chain[^1]} (pod {podName} → {string.Join(" → ", chain)})";
            throw new KubernetesConnectionException(KubernetesConnectionErrorKind.Forbidden,
                $"Resolving the workload that owns pod {@namespace}/{podName} was refused {reached}.\n{e.Message}\n{OwnerSteps.RbacHint}", e)
            { StatusCode = 403 };
        }
    }
}
