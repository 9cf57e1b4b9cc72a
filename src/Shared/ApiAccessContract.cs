using System.Collections.Generic;

namespace PodBinding.Shared;

/// <summary>
/// Every request PodBinding.Kubernetes' fact reader makes, per fact kind: the one table the generated RBAC, the
/// start-up self-check (one SelfSubjectAccessReview per rule) and the reader's own requests agree on. Linked into the
/// generator and the runtime; a test runs the reader against a server enforcing the generated Role and proves every rule
/// is used and none is missing.
/// </summary>
/// <remarks>
/// Single objects are read with <c>get</c> (which gives the resourceVersion) and then watched with a
/// <c>metadata.name</c> field selector, which the API server authorizes as <c>watch</c> on that name, so
/// <c>resourceNames</c> applies when the name is known before deployment (the workload's, from
/// <c>[DownwardBinding(WorkloadName = …)]</c>). After 410 Gone the object is read again with <c>get</c>.
/// Peers are a label-selector <c>list</c> and <c>watch</c>.
/// </remarks>
internal static class ApiAccessContract
{
    /// <summary>The <c>ApiFactKinds</c> values (pinned by a test to the runtime enum).</summary>
    public const int PodStatus = 1;
    public const int Node = 2;
    public const int Owner = 4;
    public const int Peers = 8;

    /// <summary>One RBAC rule: API group (<c>""</c> for core), resource, verbs in the order RBAC YAML lists them,
    /// whether it needs a ClusterRole, and whether <c>resourceNames</c> is the workload's name.</summary>
    internal sealed class Rule
    {
        public Rule(string apiGroup, string resource, string[] verbs, bool clusterScoped, bool namedByWorkload)
        {
            ApiGroup = apiGroup;
            Resource = resource;
            Verbs = verbs;
            ClusterScoped = clusterScoped;
            NamedByWorkload = namedByWorkload;
        }

        public string ApiGroup { get; }
        public string Resource { get; }
        public string[] Verbs { get; }
        public bool ClusterScoped { get; }
        public bool NamedByWorkload { get; }
    }

    private static readonly string[] GetWatch = { "get", "watch" };
    private static readonly string[] Get = { "get" };
    private static readonly string[] ListWatch = { "list", "watch" };

    /// <summary>
    /// The rules for <paramref name="kinds"/> (a combination of the constants above). <paramref name="workloadKind"/>
    /// is the Kubernetes kind of the top workload (<c>Deployment</c>, <c>CronJob</c>, <c>StatefulSet</c>,
    /// <c>DaemonSet</c>, <c>Job</c>, <c>Pod</c>), or null when unknown; then the owner rules cover every chain the reader
    /// can follow. Namespaced rules first, in a fixed order, so emitted YAML is deterministic.
    /// </summary>
    public static List<Rule> Rules(int kinds, string? workloadKind)
    {
        var rules = new List<Rule>();
        bool pods = (kinds & (PodStatus | Owner)) != 0; // the owner chain starts at the pod's ownerReferences
        if ((kinds & Peers) != 0)
        {
            // list+watch by selector; a get of the own pod (status, owner) is one more verb on the same resource.
            rules.Add(new Rule(WorkloadResources.Pod.Group, WorkloadResources.Pod.Plural, pods ? new[] { "get", "list", "watch" } : ListWatch, false, false));
        }
        else if (pods)
        {
            rules.Add(new Rule(WorkloadResources.Pod.Group, WorkloadResources.Pod.Plural, (kinds & PodStatus) != 0 ? GetWatch : Get, false, false));
        }

        if ((kinds & Owner) != 0)
        {
            WorkloadResources.Resource? top = WorkloadResources.ByKind(workloadKind);
            if (top == WorkloadResources.Deployment || top == WorkloadResources.CronJob)
            {
                // The pod's controller (a ReplicaSet or Job) is read once on the way to the top, which is watched by name.
                WorkloadResources.Resource step = top == WorkloadResources.Deployment ? WorkloadResources.ReplicaSet : WorkloadResources.Job;
                rules.Add(new Rule(step.Group, step.Plural, Get, false, false));
                rules.Add(new Rule(top.Group, top.Plural, GetWatch, false, true));
            }
            else if (top == WorkloadResources.StatefulSet || top == WorkloadResources.DaemonSet || top == WorkloadResources.Job)
            {
                rules.Add(new Rule(top.Group, top.Plural, GetWatch, false, true));
            }
            else if (top != WorkloadResources.Pod)
            {
                // Unknown top: every chain the reader can follow (a bare pod has no owner to read).
                rules.Add(new Rule(WorkloadResources.ReplicaSet.Group, WorkloadResources.ReplicaSet.Plural, Get, false, false));
                rules.Add(new Rule(WorkloadResources.Job.Group, WorkloadResources.Job.Plural, Get, false, false));
            }
        }

        if ((kinds & Node) != 0)
        {
            rules.Add(new Rule("", "nodes", GetWatch, true, false));
        }

        return rules;
    }
}
