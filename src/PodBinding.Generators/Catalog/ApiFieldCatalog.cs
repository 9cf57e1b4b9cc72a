using System;
using System.Collections.Generic;
using PodBinding.Shared;

namespace PodBinding.Generators.Catalog;

/// <summary>
/// The one table of API-server facts a <c>[FromApi]</c> member can name: the generator maps the snapshot with it, the
/// analyzers judge paths and types with it, and the RBAC emitter turns its fact kinds into rules through
/// <see cref="ApiAccessContract"/> (resource, verbs, scope). Facts the Downward API gives are listed with the downward
/// path to use instead (no network, no RBAC). Expressions read PodBinding.Kubernetes' snapshot records
/// (<c>ApiFacts</c>: <c>Pod</c>, <c>Node</c>, <c>Owner</c>, <c>Peers</c>).
/// </summary>
internal static class ApiFieldCatalog
{
    private const string Facts = "global::PodBinding.Kubernetes.Facts.";
    private const string Map = "global::System.Collections.Generic.IReadOnlyDictionary<string, string>";
    private const string EmptyMap = "global::System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty";
    private const string StringList = "global::System.Collections.Generic.IReadOnlyList<string>";
    private const string PeerList = "global::System.Collections.Generic.IReadOnlyList<" + Facts + "PeerPod>";
    private const string ContainerList = "global::System.Collections.Generic.IReadOnlyList<" + Facts + "ContainerStatusFacts>";
    private const string ReferenceList = "global::System.Collections.Generic.IReadOnlyList<global::PodBinding.Kubernetes.Workloads.WorkloadReference>";

    /// <summary>The helper a key lookup calls (emitted into the class once when used).</summary>
    public const string KeyHelper = "PodBindingApiKey";
    public const string ContainerHelper = "PodBindingApiContainer";
    public const string NamesHelper = "PodBindingApiNames";
    public const string IpsHelper = "PodBindingApiIps";

    private const int Pod = ApiAccessContract.PodStatus;
    private const int Node = ApiAccessContract.Node;
    private const int Owner = ApiAccessContract.Owner;
    private const int Peers = ApiAccessContract.Peers;

    private static readonly ApiKey[] None = Array.Empty<ApiKey>();
    private static readonly ApiKey[] OneKey = { ApiKey.Qualified };
    private static readonly ApiKey[] OneContainer = { ApiKey.Container };
    private static readonly ApiKey[] ContainerResource = { ApiKey.Container, ApiKey.Resource };
    private static readonly ApiKey[] OneResource = { ApiKey.Resource };

    public static IReadOnlyList<ApiField> Fields { get; } = new[]
    {
        // The pod's own status (get + watch pods by name).
        Field("pod.phase", Pod, None, true, "status.phase", Text("facts.Pod?.Phase")),
        Field("pod.qosClass", Pod, None, false, "status.qosClass (Guaranteed, Burstable or BestEffort)", Text("facts.Pod?.QosClass")),
        Field("pod.startTime", Pod, None, false, "status.startTime", new ApiType("global::System.DateTimeOffset", "DateTimeOffset?", "facts.Pod?.StartTime", null)),
        Field("pod.ready", Pod, None, true, "the pod's Ready condition is True", Flag("facts.Pod?.Ready")),
        Field("pod.conditions", Pod, None, true, "status.conditions: type to status", Dictionary("facts.Pod?.Conditions")),
        Field("pod.conditions[*]", Pod, OneKey, true, "one condition's status (True, False or Unknown)", Text(KeyHelper + "(facts.Pod?.Conditions, {0})")),
        Field("pod.resize", Pod, None, true, "status.resize or the resize condition's reason", Text("facts.Pod?.Resize")),
        Field("pod.containers", Pod, None, true, "status.containerStatuses (and native sidecars')",
            new ApiType(ContainerList, "IReadOnlyList<ContainerStatusFacts>", "facts.Pod?.Containers", "global::System.Array.Empty<" + Facts + "ContainerStatusFacts>()")),
        Field("pod.containers[*].ready", Pod, OneContainer, true, "a container's ready flag", Flag(ContainerHelper + "(facts.Pod, {0})?.Ready")),
        Field("pod.containers[*].restartCount", Pod, OneContainer, true, "a container's restart count", Number(ContainerHelper + "(facts.Pod, {0})?.RestartCount")),
        Field("pod.containers[*].imageId", Pod, OneContainer, true, "the image digest a container runs", Text(ContainerHelper + "(facts.Pod, {0})?.ImageId")),
        Field("pod.containers[*].state", Pod, OneContainer, true, "a container's state (waiting, running or terminated)", Text(ContainerHelper + "(facts.Pod, {0})?.State")),
        Field("pod.containers[*].requests", Pod, OneContainer, true, "the requests applied to a container (after an in-place resize)", Dictionary(ContainerHelper + "(facts.Pod, {0})?.Requests")),
        Field("pod.containers[*].limits", Pod, OneContainer, true, "the limits applied to a container (after an in-place resize)", Dictionary(ContainerHelper + "(facts.Pod, {0})?.Limits")),
        Field("pod.containers[*].requests[*]", Pod, ContainerResource, true, "one applied request as a quantity (250m)", Text(KeyHelper + "(" + ContainerHelper + "(facts.Pod, {0})?.Requests, {1})")),
        Field("pod.containers[*].limits[*]", Pod, ContainerResource, true, "one applied limit as a quantity (512Mi)", Text(KeyHelper + "(" + ContainerHelper + "(facts.Pod, {0})?.Limits, {1})")),

        // The node (get + watch nodes by name: a ClusterRole).
        Field("node.zone", Node, None, true, "the node's topology.kubernetes.io/zone label", Text("facts.Node?.Zone")),
        Field("node.region", Node, None, true, "the node's topology.kubernetes.io/region label", Text("facts.Node?.Region")),
        Field("node.instanceType", Node, None, true, "the node's node.kubernetes.io/instance-type label", Text("facts.Node?.InstanceType")),
        Field("node.labels", Node, None, true, "the node's labels", Dictionary("facts.Node?.Labels")),
        Field("node.labels[*]", Node, OneKey, true, "one node label", Text(KeyHelper + "(facts.Node?.Labels, {0})")),
        Field("node.allocatable", Node, None, true, "status.allocatable as quantities", Dictionary("facts.Node?.Allocatable")),
        Field("node.allocatable[*]", Node, OneResource, true, "one allocatable resource as a quantity", Text(KeyHelper + "(facts.Node?.Allocatable, {0})")),
        Field("node.ready", Node, None, true, "the node's Ready condition is True", Flag("facts.Node?.Ready")),
        Field("node.kubeletVersion", Node, None, true, "status.nodeInfo.kubeletVersion", Text("facts.Node?.KubeletVersion")),

        // The owner chain (get on each step, watch on the top workload).
        Field("owner.kind", Owner, None, true, "the top workload's kind (Deployment, CronJob, …); null for a bare pod", Text("facts.Owner?.Workload?.Kind")),
        Field("owner.name", Owner, None, true, "the top workload's name; null for a bare pod", Text("facts.Owner?.Workload?.Name")),
        Field("owner.uid", Owner, None, true, "the top workload's UID (a re-created workload has a new one)", Text("facts.Owner?.Workload?.Uid")),
        Field("owner.workload", Owner, None, true, "the top workload's reference",
            new ApiType("global::PodBinding.Kubernetes.Workloads.WorkloadReference", "WorkloadReference?", "facts.Owner?.Workload", null)),
        Field("owner.chain", Owner, None, true, "the controllers from the pod's own up to the workload",
            new ApiType(ReferenceList, "IReadOnlyList<WorkloadReference>", "facts.Owner?.Chain", "global::System.Array.Empty<global::PodBinding.Kubernetes.Workloads.WorkloadReference>()")),
        Field("owner.isBarePod", Owner, None, true, "no controller owns the pod", Flag("facts.Owner?.IsBarePod")),

        // Peers (list + watch pods by label selector).
        Field("peers.all", Peers, None, true, "every pod matching the selector, this one included, by name", PeerPods("facts.Peers?.Pods"), PeerNames("facts.Peers?.Pods")),
        Field("peers.ready", Peers, None, true, "the matching pods that are Ready and not being deleted", PeerPods("facts.Peers?.Ready"), PeerNames("facts.Peers?.Ready")),
        Field("peers.ready.ips", Peers, None, true, "the ready peers' pod IPs", new ApiType(StringList, "IReadOnlyList<string>", IpsHelper + "(facts.Peers?.Ready)", "global::System.Array.Empty<string>()")),
        Field("peers.count", Peers, None, true, "how many pods match the selector", Number("facts.Peers?.Pods.Count")),
        Field("peers.ready.count", Peers, None, true, "how many matching pods are ready", Number("facts.Peers?.Ready.Count")),

        // What the Downward API already gives: read it with [FromDownward], no request, no RBAC.
        Downward("pod.name", Pod, None, DownwardFieldPaths.Name),
        Downward("pod.namespace", Pod, None, DownwardFieldPaths.Namespace),
        Downward("pod.uid", Pod, None, DownwardFieldPaths.Uid),
        Downward("pod.labels", Pod, None, DownwardFieldPaths.Labels),
        Downward("pod.labels[*]", Pod, OneKey, DownwardFieldPaths.Labels + "['{0}']"),
        Downward("pod.annotations", Pod, None, DownwardFieldPaths.Annotations),
        Downward("pod.annotations[*]", Pod, OneKey, DownwardFieldPaths.Annotations + "['{0}']"),
        Downward("pod.ip", Pod, None, DownwardFieldPaths.PodIP),
        Downward("pod.ips", Pod, None, DownwardFieldPaths.PodIPs),
        Downward("pod.hostIP", Pod, None, DownwardFieldPaths.HostIP),
        Downward("pod.nodeName", Pod, None, DownwardFieldPaths.NodeName),
        Downward("node.name", Node, None, DownwardFieldPaths.NodeName),
        Downward("node.ip", Node, None, DownwardFieldPaths.HostIP),
        Downward("pod.serviceAccountName", Pod, None, DownwardFieldPaths.ServiceAccountName),
        Downward("pod.requests[*]", Pod, OneResource, "requests.{0}"),
        Downward("pod.limits[*]", Pod, OneResource, "limits.{0}"),
    };

    /// <summary>The catalog entry for a pattern (<see cref="Parse"/> gives it), or null.</summary>
    public static ApiField? Find(string pattern)
    {
        foreach (ApiField field in Fields)
        {
            if (field.Pattern == pattern)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>
    /// Splits <paramref name="path"/> into its pattern (each <c>['key']</c> replaced by <c>[*]</c>) and its keys. False
    /// when a bracket is not closed as <c>']</c> or a key is empty.
    /// </summary>
    public static bool Parse(string path, out string pattern, out List<string> keys)
    {
        keys = new List<string>();
        var text = new System.Text.StringBuilder(path.Length);
        int i = 0;
        while (i < path.Length)
        {
            int open = path.IndexOf("['", i, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(path, i, path.Length - i);
                break;
            }

            int close = path.IndexOf("']", open + 2, StringComparison.Ordinal);
            if (close < 0 || close == open + 2)
            {
                pattern = path;
                return false;
            }

            text.Append(path, i, open - i).Append("[*]");
            keys.Add(path.Substring(open + 2, close - open - 2));
            i = close + 2;
        }

        pattern = text.ToString();
        return pattern.IndexOf('[') < 0 || pattern.Replace("[*]", "").IndexOfAny(new[] { '[', ']', '\'' }) < 0;
    }

    /// <summary>Whether <paramref name="key"/> is valid for what it names; <paramref name="error"/> says why not.</summary>
    public static bool IsValidKey(ApiKey kind, string key, out string error)
    {
        if (kind == ApiKey.Container)
        {
            error = NameRules.IsDns1123Label(key) ? "" : "a container name is a DNS-1123 label (lower-case letters, digits and '-', at most 63)";
            return error.Length == 0;
        }

        return FieldPathSyntax.IsQualifiedName(key, out error);
    }

    /// <summary>The paths a user can write, for messages: the catalogued API facts (downward ones excluded).</summary>
    public static string KnownPaths()
    {
        var names = new List<string>();
        foreach (ApiField field in Fields)
        {
            if (field.DownwardPath is null)
            {
                names.Add(field.Pattern.Replace("[*]", "['…']"));
            }
        }

        return string.Join(", ", names);
    }

    private static ApiField Field(string pattern, int kind, ApiKey[] keys, bool volatile_, string summary, params ApiType[] types) =>
        new(pattern, kind, keys, volatile_, null, types, summary);

    private static ApiField Downward(string pattern, int kind, ApiKey[] keys, string downwardPath) =>
        new(pattern, kind, keys, false, downwardPath, Array.Empty<ApiType>(), "given by the Downward API as " + downwardPath);

    private static ApiType Text(string expression) => new("string", "string?", expression, null);

    private static ApiType Flag(string expression) => new("bool", "bool", expression, "false");

    private static ApiType Number(string expression) => new("int", "int", expression, "0");

    private static ApiType Dictionary(string expression) => new(Map, "IReadOnlyDictionary<string, string>", expression, EmptyMap);

    private static ApiType PeerPods(string expression) => new(PeerList, "IReadOnlyList<PeerPod>", expression, "global::System.Array.Empty<" + Facts + "PeerPod>()");

    private static ApiType PeerNames(string expression) => new(StringList, "IReadOnlyList<string>", NamesHelper + "(" + expression + ")", "global::System.Array.Empty<string>()");
}
