using System.Collections.Generic;

namespace PodBinding.Shared;

/// <summary>
/// The workload kinds PodBinding writes patches for or follows in a pod's owner chain, with the API group, version and
/// resource (plural) the API server serves them under: the one table the generator's catalog, the RBAC rules
/// (<see cref="ApiAccessContract"/>), the runtime's owner chain and watches and the test API server take them from.
/// Linked into each; a test pins every row to KubernetesClient's model constants (<c>KubeKind</c>,
/// <c>KubeGroup</c>, <c>KubeApiVersion</c>, <c>KubePluralName</c>).
/// </summary>
internal static class WorkloadResources
{
    internal sealed class Resource
    {
        public Resource(string kind, string group, string version, string plural)
        {
            Kind = kind;
            Group = group;
            Version = version;
            Plural = plural;
        }

        /// <summary>The object's <c>kind</c>.</summary>
        public string Kind { get; }

        /// <summary>The API group; <c>""</c> for the core group.</summary>
        public string Group { get; }

        public string Version { get; }

        /// <summary>The resource name in URLs and RBAC rules.</summary>
        public string Plural { get; }

        /// <summary>The object's <c>apiVersion</c>: <c>group/version</c>, or the version alone for the core group.</summary>
        public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

        /// <summary>The namespaced collection path below the server's root (no leading slash).</summary>
        public string CollectionPath(string @namespace) =>
            (Group.Length == 0 ? "api/" : "apis/" + Group + "/") + Version + "/namespaces/" + @namespace + "/" + Plural;
    }

    public static readonly Resource Pod = new("Pod", "", "v1", "pods");
    public static readonly Resource Deployment = new("Deployment", "apps", "v1", "deployments");
    public static readonly Resource StatefulSet = new("StatefulSet", "apps", "v1", "statefulsets");
    public static readonly Resource DaemonSet = new("DaemonSet", "apps", "v1", "daemonsets");
    public static readonly Resource ReplicaSet = new("ReplicaSet", "apps", "v1", "replicasets");
    public static readonly Resource Job = new("Job", "batch", "v1", "jobs");
    public static readonly Resource CronJob = new("CronJob", "batch", "v1", "cronjobs");

    public static readonly IReadOnlyList<Resource> All = new[] { Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob };

    /// <summary>The row for <paramref name="kind"/>, or null for a kind PodBinding does not know (ReplicationController, a custom controller).</summary>
    public static Resource? ByKind(string? kind)
    {
        foreach (Resource resource in All)
        {
            if (resource.Kind == kind)
            {
                return resource;
            }
        }

        return null;
    }

    /// <summary>Whether an owner reference (<paramref name="kind"/>, <paramref name="apiVersion"/>) is this row's.</summary>
    public static bool Is(this Resource resource, string? kind, string? apiVersion) => resource.Kind == kind && resource.ApiVersion == apiVersion;
}
