namespace PodBinding.Generators.Tests;

/// <summary>The classes the generator tests compile. Each is clean C# 12 with nullable on: the only diagnostics a test may see come from generated code.</summary>
internal static class Sources
{
    /// <summary>The example from the issue: name, all labels, the pod IP and the memory limit in MiB.</summary>
    public const string IssueExample = """
        using System.Collections.Generic;
        using System.Net;
        using PodBinding;

        namespace Shop.Api;

        public partial class PodInfo
        {
            [FromDownward("metadata.name")]
            public required string Name { get; init; }

            [FromDownward("metadata.labels")]
            public required IReadOnlyDictionary<string, string> Labels { get; init; }

            [FromDownward("status.podIP")]
            public required IPAddress PodIP { get; init; }

            [FromDownward("limits.memory", Divisor = "1Mi")]
            public required long MemoryLimit { get; init; }
        }
        """;

    /// <summary>Like samples/OrdersService/PodInfo.cs: every kind of field, wired into the Deployment <c>orders</c>.</summary>
    public const string OrdersDeployment = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using PodBinding;

        namespace OrdersService;

        [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
        public sealed partial class PodInfo
        {
            [FromDownward("metadata.name")]
            public required string Name { get; init; }

            [FromDownward("metadata.namespace")]
            public required string Namespace { get; init; }

            [FromDownward("metadata.uid")]
            public required Guid Uid { get; init; }

            [FromDownward("metadata.labels")]
            public required IReadOnlyDictionary<string, string> Labels { get; init; }

            [FromDownward("metadata.annotations")]
            public required IReadOnlyDictionary<string, string> Annotations { get; init; }

            [FromDownward("metadata.labels['app.kubernetes.io/version']")]
            public string? Version { get; init; }

            [FromDownward("spec.nodeName")]
            public required string NodeName { get; init; }

            [FromDownward("spec.serviceAccountName")]
            public required string ServiceAccount { get; init; }

            [FromDownward("status.podIP")]
            public required IPAddress PodIP { get; init; }

            [FromDownward("status.podIPs")]
            public required IReadOnlyList<IPAddress> PodIPs { get; init; }

            [FromDownward("limits.memory", Divisor = "1Mi")]
            public required long MemoryLimitMi { get; init; }

            [FromDownward("requests.cpu", Divisor = "1m")]
            public required int CpuRequestMillicores { get; init; }
        }
        """;

    /// <summary>A CronJob: the pod spec sits at spec.jobTemplate.spec.template.spec.</summary>
    public const string ReportCronJob = """
        using System.Collections.Generic;
        using PodBinding;

        namespace Orders.Reports;

        [DownwardBinding(ContainerName = "report", WorkloadKind = WorkloadKind.CronJob, WorkloadName = "nightly-report")]
        public partial class ReportPod
        {
            [FromDownward("metadata.name")]
            public required string PodName { get; init; }

            [FromDownward("metadata.annotations")]
            public required IReadOnlyDictionary<string, string> Annotations { get; init; }

            [FromDownward("limits.ephemeral-storage", Divisor = "1Gi")]
            public required long ScratchGi { get; init; }
        }
        """;

    /// <summary>A bare Pod: the pod spec sits at spec.</summary>
    public const string DebugPod = """
        using PodBinding;

        namespace Orders.Tools;

        [DownwardBinding(ContainerName = "debug", WorkloadKind = WorkloadKind.Pod, WorkloadName = "orders-debug")]
        public partial class DebugPodInfo
        {
            [FromDownward("metadata.namespace")]
            public required string Namespace { get; init; }

            [FromDownward("status.hostIP")]
            public required string HostIP { get; init; }

            [FromDownward("metadata.labels['tier']")]
            public required string Tier { get; init; }
        }
        """;

    /// <summary>A class in the global namespace, with no [DownwardBinding]: the container defaults to the assembly name.</summary>
    public const string GlobalNamespace = """
        using PodBinding;

        public partial class GlobalPod
        {
            [FromDownward("metadata.name")]
            public required string Name { get; init; }

            [FromDownward("metadata.uid")]
            public required string Uid { get; init; }
        }
        """;

    /// <summary>Every override: EnvVar, File, Source, ContainerName, and the class's VolumeName/MountPath.</summary>
    public const string Overrides = """
        using System.Collections.Generic;
        using PodBinding;

        namespace Orders.Overrides;

        [DownwardBinding(ContainerName = "api", VolumeName = "pod-facts", MountPath = "/var/run/pod-facts",
                         WorkloadKind = WorkloadKind.StatefulSet, WorkloadName = "orders-db")]
        public partial class TunedPod
        {
            // EnvVar alone (Source = Auto) picks the env var channel.
            [FromDownward("metadata.name", EnvVar = "MY_POD")]
            public required string Name { get; init; }

            // File alone (Source = Auto) picks the volume, even for a field Auto would send to env.
            [FromDownward("metadata.namespace", File = "meta/namespace")]
            public required string Namespace { get; init; }

            // A label key that Auto would put in the volume, forced into an env var.
            [FromDownward("metadata.labels['app.kubernetes.io/name']", Source = DownwardSource.Environment)]
            public required string AppName { get; init; }

            // A resource that Auto would put in an env var, forced into the volume.
            [FromDownward("limits.cpu", Source = DownwardSource.Volume, Divisor = "1m")]
            public required int CpuLimitMillicores { get; init; }

            // Another container's resources: the default names carry the container.
            [FromDownward("requests.memory", ContainerName = "envoy", Divisor = "1Mi")]
            public required long EnvoyMemoryMi { get; init; }

            // The class's own container named explicitly: no prefix.
            [FromDownward("limits.memory", ContainerName = "api")]
            public required decimal MemoryBytes { get; init; }

            [FromDownward("metadata.annotations", File = "./meta/annotations")]
            public required IReadOnlyDictionary<string, string> Annotations { get; init; }
        }
        """;

    /// <summary>Nullable members: optional values, reference and value types.</summary>
    public const string Optional = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using PodBinding;

        namespace Orders.Optional;

        [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.DaemonSet, WorkloadName = "orders-agent")]
        public partial class OptionalPod
        {
            [FromDownward("metadata.labels['team']")]
            public string? Team { get; init; }

            [FromDownward("metadata.annotations['TEST.EXAMPLE.COM/owner']", Source = DownwardSource.Environment)]
            public string? Owner { get; init; }

            [FromDownward("metadata.uid")]
            public Guid? Uid { get; init; }

            [FromDownward("status.hostIP")]
            public IPAddress? HostIP { get; init; }

            [FromDownward("status.hostIPs")]
            public IReadOnlyList<IPAddress>? HostIPs { get; init; }

            [FromDownward("metadata.annotations")]
            public IReadOnlyDictionary<string, string>? Annotations { get; init; }

            [FromDownward("limits.hugepages-2Mi", Divisor = "1Mi")]
            public int? HugePagesMi { get; init; }

            [FromDownward("requests.cpu")]
            public long? CpuRequestCores { get; set; }
        }
        """;

    /// <summary>Every member skipped, each for a different reason.</summary>
    public const string AllSkipped = """
        using System;
        using System.Collections.Generic;
        using PodBinding;

        namespace Orders.Broken;

        [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Job, WorkloadName = "orders-migrate")]
        public partial class BrokenPod
        {
            [FromDownward("metadata.name")]
            public string NoSetter { get; } = "";

            [FromDownward("metadata.name")]
            public DateTime UnsupportedType { get; set; }

            [FromDownward("metadata.labels")]
            public string WrongType { get; set; } = "";

            [FromDownward("status.phase")]
            public string Phase { get; set; } = "";

            [FromDownward("spec.nodeName", Source = DownwardSource.Volume)]
            public string NodeInVolume { get; set; } = "";

            [FromDownward("metadata.annotations", Source = DownwardSource.Environment)]
            public IReadOnlyDictionary<string, string>? AnnotationsInEnv { get; set; }

            [FromDownward("limits.cpu", Divisor = "250m")]
            public long BadDivisor { get; set; }

            [FromDownward("metadata.name", Divisor = "1")]
            public string DivisorOnField { get; set; } = "";

            [FromDownward("metadata.labels['Www.k8s.io/test']")]
            public string? BadLabelKey { get; set; }

            [FromDownward("metadata.name", File = "../escape")]
            public string BadFile { get; set; } = "";

            [FromDownward("metadata.name", EnvVar = "A=B")]
            public string BadEnvVar { get; set; } = "";

            [FromDownward("limits.hugepages-")]
            public long NoPageSize { get; set; }
        }
        """;

    /// <summary>A file with nothing PodBinding cares about, for unrelated edits.</summary>
    /// <summary>A Deployment reaching the API server in every in-pod mode, with its own ServiceAccount name.</summary>
    public const string ApiModes = """
        using System.Collections.Generic;
        using PodBinding;

        namespace Shop.Catalog;

        [DownwardBinding(ContainerName = "catalog", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "catalog")]
        [KubernetesApi(KubernetesApiMode.InCluster, KubernetesApiMode.Ambassador, KubernetesApiMode.AmbassadorUnixSocket, ServiceAccountName = "catalog-reader", RunAsUser = 2000)]
        public partial class CatalogPod
        {
            [FromDownward("metadata.name")]
            public required string Name { get; init; }

            [FromDownward("metadata.labels")]
            public IReadOnlyDictionary<string, string>? Labels { get; init; }
        }
        """;

    /// <summary>A StatefulSet behind the socket ambassador; the ServiceAccount is named after the workload.</summary>
    public const string ApiStatefulSet = """
        using PodBinding;

        namespace Shop.Ledger;

        [DownwardBinding(ContainerName = "ledger", WorkloadKind = WorkloadKind.StatefulSet, WorkloadName = "ledger")]
        [KubernetesApi(KubernetesApiMode.AmbassadorUnixSocket)]
        public partial class LedgerPod
        {
            [FromDownward("metadata.name")]
            public required string Name { get; init; }
        }
        """;

    public const string Unrelated = """
        namespace Orders.Other;

        public static class Clock
        {
            public static int Ticks => 1;
        }
        """;

    public const string UnrelatedEdited = """
        namespace Orders.Other;

        public static class Clock
        {
            public static int Ticks => 2;

            public static int Tocks => 3;
        }
        """;
}
