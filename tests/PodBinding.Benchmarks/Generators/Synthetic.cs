using System.Text;

namespace PodBinding.Benchmarks.Generators;

/// <summary>Source text for the synthetic compilations: plain files, bound classes like the sample, and options classes.</summary>
internal static class Synthetic
{
    /// <summary>An unrelated file: a little code the compiler walks but no generator cares about.</summary>
    public static string Plain(int i, int version = 0) => $$"""
        namespace Bench.Plain;

        public sealed class Plain{{i}}
        {
            private readonly int _seed = {{i}};

            public int Value { get; set; }

            public int M(int x) => x * _seed + {{version}};

            public override string ToString() => "Plain{{i}}:" + Value.ToString();
        }
        """;

    /// <summary>
    /// A bound class shaped like <c>samples/OrdersService/PodInfo.cs</c>: twelve members of every kind (env and volume,
    /// string, Guid, maps, one label key, IP and IP list, resources with divisors). <paramref name="extraMember"/> adds
    /// a thirteenth, the "edit one annotated class" case.
    /// </summary>
    public static string Pod(int i, bool extraMember = false)
    {
        var text = new StringBuilder();
        text.Append($$"""
            using System;
            using System.Collections.Generic;
            using System.Net;
            using PodBinding;

            namespace Bench.Pods;

            [DownwardBinding(ContainerName = "app{{i}}", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "app{{i}}")]
            public sealed partial class PodInfo{{i}}
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

            """);
        if (extraMember)
        {
            text.Append("""

                    [FromDownward("status.hostIP")]
                    public IPAddress? HostIP { get; init; }

                """);
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>
    /// An options class of twelve members of mixed kinds, with the <c>Get&lt;T&gt;()</c> call site that makes
    /// ConfigurationBindingGenerator generate a binder for it.
    /// </summary>
    public static string Options(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using Microsoft.Extensions.Configuration;

        namespace Bench.Options;

        public sealed class Options{{i}}
        {
            public string Name { get; set; } = "";
            public string Namespace { get; set; } = "";
            public Guid Uid { get; set; }
            public Dictionary<string, string> Labels { get; set; } = new();
            public Dictionary<string, string> Annotations { get; set; } = new();
            public string? Version { get; set; }
            public string NodeName { get; set; } = "";
            public string ServiceAccount { get; set; } = "";
            public string PodIP { get; set; } = "";
            public List<string> PodIPs { get; set; } = new();
            public long MemoryLimitMi { get; set; }
            public int CpuRequestMillicores { get; set; }

            public static Options{{i}} Load(IConfiguration configuration) =>
                configuration.GetSection("Options{{i}}").Get<Options{{i}}>() ?? new Options{{i}}();
        }
        """;
}
