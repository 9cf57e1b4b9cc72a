using k8s.Models;
using PodBinding.Kubernetes.Workloads;

namespace PodBinding.Kubernetes.Facts;

/// <summary>KubernetesClient models → the fact records; missing fields become null or empty, never an exception.</summary>
internal static class FactsMapping
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(0, StringComparer.Ordinal);

    /// <summary>The labels a controller adds per pod; the default peer selector leaves them out.</summary>
    internal static readonly string[] PerPodLabels =
    {
        "pod-template-hash", "controller-revision-hash", "statefulset.kubernetes.io/pod-name",
        "apps.kubernetes.io/pod-index", "batch.kubernetes.io/job-completion-index",
    };

    public static PodStatusFacts Pod(V1Pod pod)
    {
        V1PodStatus? status = pod.Status;
        var conditions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? resize = status?.Resize;
        foreach (V1PodCondition condition in status?.Conditions ?? [])
        {
            if (condition?.Type is { } type)
            {
                conditions[type] = condition.Status ?? "Unknown";
                if (resize is null && condition.Status == "True" && type is "PodResizePending" or "PodResizeInProgress")
                {
                    resize = type == "PodResizePending" ? "Pending" : "InProgress";
                }
            }
        }

        var containers = new List<ContainerStatusFacts>();
        // Native sidecars (init containers with restartPolicy Always) run beside the app containers.
        HashSet<string> sidecars = new(StringComparer.Ordinal);
        foreach (V1Container init in pod.Spec?.InitContainers ?? [])
        {
            if (init?.RestartPolicy == "Always" && init.Name is { } n)
            {
                sidecars.Add(n);
            }
        }

        foreach (V1ContainerStatus? c in status?.InitContainerStatuses ?? [])
        {
            if (c?.Name is { } n && sidecars.Contains(n))
            {
                containers.Add(Container(c));
            }
        }

        foreach (V1ContainerStatus? c in status?.ContainerStatuses ?? [])
        {
            if (c?.Name is not null)
            {
                containers.Add(Container(c));
            }
        }

        return new PodStatusFacts(status?.Phase, status?.QosClass, status?.StartTime is { } start ? new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) : null,
            new Dictionary<string, string>(conditions, StringComparer.Ordinal), containers, resize);
    }

    private static ContainerStatusFacts Container(V1ContainerStatus c) =>
        new(c.Name, c.Ready, c.RestartCount, c.ImageID,
            c.State?.Running is not null ? "running" : c.State?.Terminated is not null ? "terminated" : c.State?.Waiting is not null ? "waiting" : null,
            Quantities(c.Resources?.Requests), Quantities(c.Resources?.Limits));

    public static NodeFacts Node(V1Node node)
    {
        bool ready = false;
        foreach (V1NodeCondition condition in node.Status?.Conditions ?? [])
        {
            if (condition?.Type == "Ready")
            {
                ready = condition.Status == "True";
            }
        }

        return new NodeFacts(node.Metadata?.Name ?? "", Copy(node.Metadata?.Labels), Quantities(node.Status?.Allocatable), ready, node.Status?.NodeInfo?.KubeletVersion);
    }

    public static PeerPod Peer(V1Pod pod)
    {
        bool ready = pod.Metadata?.DeletionTimestamp is null && pod.Status?.Conditions is { } conditions && conditions.Any(c => c?.Type == "Ready" && c.Status == "True");
        return new PeerPod(pod.Metadata?.Name ?? "", pod.Status?.PodIP, ready, pod.Spec?.NodeName, pod.Status?.Phase);
    }

    public static PeerSet Peers(string selector, IEnumerable<PeerPod> pods)
    {
        var list = new List<PeerPod>(pods);
        list.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new PeerSet(selector, list);
    }

    /// <summary>The pod's labels without the per-pod ones, as a selector (<c>a=b,c=d</c>, sorted).</summary>
    public static string DefaultPeerSelector(V1Pod pod)
    {
        IEnumerable<KeyValuePair<string, string>> labels = (pod.Metadata?.Labels ?? new Dictionary<string, string>())
            .Where(l => Array.IndexOf(PerPodLabels, l.Key) < 0)
            .OrderBy(l => l.Key, StringComparer.Ordinal);
        string selector = string.Join(",", labels.Select(l => l.Key + "=" + l.Value));
        return selector.Length > 0 ? selector : throw new KubernetesConnectionException(KubernetesConnectionErrorKind.NotFound,
            $"Pod {pod.Metadata?.NamespaceProperty}/{pod.Metadata?.Name} has no labels besides per-pod ones, so it has no peers by label: " +
            "give the pod template a label (app: <name>) or set the peer selector in the declaration.");
    }

    private static IReadOnlyDictionary<string, string> Quantities(IDictionary<string, ResourceQuantity>? values)
    {
        if (values is null || values.Count == 0)
        {
            return Empty;
        }

        var result = new Dictionary<string, string>(values.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, ResourceQuantity> pair in values)
        {
            if (pair.Value?.ToString() is { } text)
            {
                result[pair.Key] = text;
            }
        }

        return result;
    }

    private static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? values) =>
        values is null || values.Count == 0 ? Empty : new Dictionary<string, string>(values, StringComparer.Ordinal);
}

/// <summary>Structural comparison of the fact records (their generated Equals compares collections by reference).</summary>
internal static class FactsEquality
{
    public static bool Same(PodStatusFacts? a, PodStatusFacts? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Phase == b.Phase && a.QosClass == b.QosClass && a.StartTime == b.StartTime
            && a.Resize == b.Resize && Same(a.Conditions, b.Conditions) && a.Containers.Count == b.Containers.Count
            && a.Containers.Zip(b.Containers).All(p => Same(p.First, p.Second)));

    private static bool Same(ContainerStatusFacts a, ContainerStatusFacts b) =>
        a.Name == b.Name && a.Ready == b.Ready && a.RestartCount == b.RestartCount && a.ImageId == b.ImageId && a.State == b.State
        && Same(a.Requests, b.Requests) && Same(a.Limits, b.Limits);

    public static bool Same(NodeFacts? a, NodeFacts? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Name == b.Name && a.Ready == b.Ready && a.KubeletVersion == b.KubeletVersion
            && Same(a.Labels, b.Labels) && Same(a.Allocatable, b.Allocatable));

    public static bool Same(OwningWorkload? a, OwningWorkload? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Namespace == b.Namespace && a.PodName == b.PodName && a.PodUid == b.PodUid
            && a.Chain.SequenceEqual(b.Chain));

    public static bool Same(PeerSet? a, PeerSet? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Selector == b.Selector && a.Pods.SequenceEqual(b.Pods));

    public static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (KeyValuePair<string, string> pair in a)
        {
            if (!b.TryGetValue(pair.Key, out string? other) || other != pair.Value)
            {
                return false;
            }
        }

        return true;
    }
}
