namespace PodBinding.Shared;

/// <summary>
/// The Downward API's field paths by name (Kubernetes <c>pkg/apis/core/validation/validation.go</c>,
/// <c>validEnvDownwardAPIFieldPathExpressions</c> and <c>validVolumeDownwardAPIFieldPathExpressions</c>). The generator's
/// field catalog builds its table from these, and the run-time readers that look a field up by path (the OpenTelemetry
/// detector, the simulated pod) use the same constants: this file is linked into each, because the netstandard2.0
/// generator cannot share a runtime assembly with them.
/// </summary>
internal static class DownwardFieldPaths
{
    public const string Name = "metadata.name";
    public const string Namespace = "metadata.namespace";
    public const string Uid = "metadata.uid";
    public const string Labels = "metadata.labels";
    public const string Annotations = "metadata.annotations";
    public const string NodeName = "spec.nodeName";
    public const string ServiceAccountName = "spec.serviceAccountName";
    public const string PodIP = "status.podIP";
    public const string PodIPs = "status.podIPs";
    public const string HostIP = "status.hostIP";
    public const string HostIPs = "status.hostIPs";
}
