namespace PodBinding.Shared;

/// <summary>
/// Field paths the API server converts to another (Kubernetes <c>pkg/apis/core/pods/helpers.go</c>,
/// <c>ConvertDownwardAPIFieldLabel</c>): accepted in an env var's <c>fieldRef</c> but not one of the catalog's fields.
/// The generator's catalog lists each among the unsupported paths with the path to use; the simulated pod resolves it
/// like the kubelet. Linked into both; a contract test pins each alias to the catalog.
/// </summary>
internal static class DownwardFieldAliases
{
    /// <summary><c>spec.host</c>, the old name of <c>spec.nodeName</c>.</summary>
    public const string Host = "spec.host";
}
