using PodBinding;

Console.WriteLine(PodInfo.Load(PodSource.FromProcess("/etc/podinfo")).Name);

[DownwardBinding(ContainerName = "orders")]
public partial class PodInfo
{
    [FromDownward("metadata.name")] public string? Name { get; init; }
    [FromDownward("limits.ephemeral-storage", Divisor = "1024Ki")] public long DiskMi { get; init; }
    [FromDownward("limits.memory", Divisor = "1000")] public long MemoryK { get; init; }
    [FromDownward("spec.nodeName", Source = DownwardSource.Volume)] public string? Node { get; init; }
    [FromDownward("status.podIP", File = "ip")] public string? Ip { get; init; }
    [FromDownward("status.hostIP")] public int HostIp { get; init; }
    [FromDownward("metadata.namespace")] public string? Namespace { get; }
    [FromDownward("metadata.uid")] public string? Uid { get; }
    [FromDownward("metadata.labels['tier']", Source = DownwardSource.Volume, EnvVar = "POD_TIER")] public string? Tier { get; init; }
    [FromDownward("metadata.labels['app']", EnvVar = "POD_APP")] public string? App { get; init; }
    [FromDownward("requests.cpu", Divisor = "1m")] public int CpuMillis { get; init; }
}

// Its own class: the analyzers report nothing else on a class until it is partial.
public class Account
{
    [FromDownward("spec.serviceAccountName")] public string? ServiceAccount { get; init; }
}
