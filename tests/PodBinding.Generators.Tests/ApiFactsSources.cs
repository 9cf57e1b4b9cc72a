namespace PodBinding.Generators.Tests;

/// <summary>Sources for the <c>[FromApi]</c> tests.</summary>
internal static class ApiFactsSources
{
    /// <summary>The workload's downward class with its API modes, and a second class reading API facts for the same workload.</summary>
    public const string WebDeployment = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using PodBinding;
        using PodBinding.Kubernetes.Facts;

        namespace Shop.Web;

        [DownwardBinding(ContainerName = "web", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "web")]
        [KubernetesApi(KubernetesApiMode.InCluster, KubernetesApiMode.Ambassador)]
        public partial class WebPod
        {
            [FromDownward("metadata.name")]
            public required string Name { get; init; }
        }

        [DownwardBinding(WorkloadKind = WorkloadKind.Deployment, WorkloadName = "web")]
        [ApiPeers(Selector = "app=web,tier in (front)")]
        public partial class WebFacts
        {
            [FromApi("node.zone")]
            public string? Zone { get; init; }

            [FromApi("node.labels['kubernetes.io/arch']")]
            public string? Arch { get; init; }

            [FromApi("owner.name")]
            public string? Deployment { get; init; }

            [FromApi("pod.qosClass")]
            public string? QosClass { get; init; }

            [FromApi("pod.startTime")]
            public DateTimeOffset? StartedAt { get; init; }

            [FromApi("pod.containers['web'].restartCount")]
            public int Restarts { get; init; }

            [FromApi("pod.containers['web'].requests['cpu']")]
            public string? AppliedCpu { get; init; }

            [FromApi("peers.ready")]
            public IReadOnlyList<PeerPod> ReadyPeers { get; init; } = Array.Empty<PeerPod>();

            [FromApi("peers.ready.ips")]
            public IReadOnlyList<string>? ReadyPeerIps { get; init; }

            [FromApi("peers.all")]
            public required IReadOnlyList<string> AllPeerNames { get; init; }
        }

        /// <summary>Runs the generated mapping on snapshots the way the reader would hand them over.</summary>
        public static class Probe
        {
            public static string Full()
            {
                var facts = new ApiFacts(
                    new PodStatusFacts("Running", "Burstable", new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero),
                        new Dictionary<string, string> { ["Ready"] = "True" },
                        new[]
                        {
                            new ContainerStatusFacts("sidecar", true, 9, null, "running", new Dictionary<string, string>(), new Dictionary<string, string>()),
                            new ContainerStatusFacts("web", true, 2, "sha256:ab", "running", new Dictionary<string, string> { ["cpu"] = "750m" }, new Dictionary<string, string>()),
                        },
                        null),
                    new NodeFacts("node-a", new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = "eu-west-1b", ["kubernetes.io/arch"] = "arm64" }, new Dictionary<string, string>(), true, "v1.31.2"),
                    new PodBinding.Kubernetes.Workloads.OwningWorkload("shop", "web-7d9-x", "uid-p", new[]
                    {
                        new PodBinding.Kubernetes.Workloads.WorkloadReference("ReplicaSet", "apps/v1", "web-7d9", "uid-rs"),
                        new PodBinding.Kubernetes.Workloads.WorkloadReference("Deployment", "apps/v1", "web", "uid-d"),
                    }),
                    new PeerSet("app=web,tier in (front)", new[]
                    {
                        new PeerPod("web-7d9-a", "10.0.0.4", true, "node-a", "Running"),
                        new PeerPod("web-7d9-b", null, false, "node-b", "Pending"),
                        new PeerPod("web-7d9-x", "10.0.0.9", true, "node-a", "Running"),
                    }));
                return Describe(WebFacts.FromApiFacts(facts));
            }

            /// <summary>A snapshot where every part is missing: nothing throws, absent facts are null, empty or 0.</summary>
            public static string Empty() => Describe(WebFacts.FromApiFacts(new ApiFacts(null, null, null, null)));

            public static ApiFactsRequest Request() => WebFacts.ApiRequest;

            private static string Describe(WebFacts f) =>
                $"zone={f.Zone}|arch={f.Arch}|owner={f.Deployment}|qos={f.QosClass}|start={f.StartedAt:O}|restarts={f.Restarts}|cpu={f.AppliedCpu}"
                + $"|ready={string.Join(",", f.ReadyPeers.Select(p => p.Name))}|ips={(f.ReadyPeerIps is null ? "null" : string.Join(",", f.ReadyPeerIps))}|all={string.Join(",", f.AllPeerNames)}";
        }
        """;

    /// <summary>The same facts class without PodBinding.Kubernetes: nothing can implement its interface.</summary>
    public const string NoKubernetesReference = """
        using PodBinding;

        namespace Shop.Web;

        public partial class ZoneOnly
        {
            [FromApi("node.zone")]
            public string? Zone { get; init; }
        }
        """;
}
