using Microsoft.CodeAnalysis;

namespace PodBinding.Generators.Diagnostics;

/// <summary>
/// Every PodBinding diagnostic. Messages are the planner's (or analyzer's) own sentence, which names the fix; titles
/// are short. Each help link is a page under docs/diagnostics/.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Kubernetes = "PodBinding.Kubernetes";
    public const string Usage = "PodBinding.Usage";
    public const string Staleness = "PodBinding.Staleness";
    public const string Drift = "PodBinding.Drift";
    public const string Telemetry = "PodBinding.Telemetry";

    private const string HelpLinkBase = "https://github.com/PodBinding/PodBinding/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor UnknownFieldPath = Error(DiagnosticIds.UnknownFieldPath, Kubernetes, "Unknown or unsupported Downward API field path");
    public static readonly DiagnosticDescriptor WrongChannel = Error(DiagnosticIds.WrongChannel, Kubernetes, "Field is not legal in the chosen channel");
    public static readonly DiagnosticDescriptor InvalidSubscript = Error(DiagnosticIds.InvalidSubscript, Kubernetes, "Invalid label or annotation subscript");
    public static readonly DiagnosticDescriptor InvalidResource = Error(DiagnosticIds.InvalidResource, Kubernetes, "Invalid resource name");
    public static readonly DiagnosticDescriptor InvalidDivisor = Error(DiagnosticIds.InvalidDivisor, Kubernetes, "Divisor not accepted for this resource");
    public static readonly DiagnosticDescriptor NonCanonicalDivisor = Warning(DiagnosticIds.NonCanonicalDivisor, Kubernetes, "Divisor is not in canonical spelling");
    public static readonly DiagnosticDescriptor ResourceOptionOnField = Error(DiagnosticIds.ResourceOptionOnField, Kubernetes, "Resource-only option on a field path");
    public static readonly DiagnosticDescriptor InvalidContainerName = Error(DiagnosticIds.InvalidContainerName, Kubernetes, "Invalid container name");
    public static readonly DiagnosticDescriptor GuessedContainerName = Warning(DiagnosticIds.GuessedContainerName, Kubernetes, "Resource field in the volume without a container name");
    public static readonly DiagnosticDescriptor InvalidEnvVarName = Error(DiagnosticIds.InvalidEnvVarName, Kubernetes, "Invalid environment variable name");
    public static readonly DiagnosticDescriptor RelaxedEnvVarName = Warning(DiagnosticIds.RelaxedEnvVarName, Kubernetes, "Environment variable name needs Kubernetes 1.34 or later");
    public static readonly DiagnosticDescriptor DuplicateEnvVar = Error(DiagnosticIds.DuplicateEnvVar, Kubernetes, "Environment variable claimed twice");
    public static readonly DiagnosticDescriptor DuplicateItemPath = Error(DiagnosticIds.DuplicateItemPath, Kubernetes, "Volume item path claimed twice or clashing");
    public static readonly DiagnosticDescriptor InvalidItemPath = Error(DiagnosticIds.InvalidItemPath, Kubernetes, "Invalid volume item path");
    public static readonly DiagnosticDescriptor InvalidMountPath = Error(DiagnosticIds.InvalidMountPath, Kubernetes, "Unusable mount path");
    public static readonly DiagnosticDescriptor InvalidVolumeName = Error(DiagnosticIds.InvalidVolumeName, Kubernetes, "Invalid volume name");
    public static readonly DiagnosticDescriptor InvalidWorkload = Warning(DiagnosticIds.InvalidWorkload, Kubernetes, "Workload for the kustomize patch is incomplete or invalid");

    public static readonly DiagnosticDescriptor NotPartial = Error(DiagnosticIds.NotPartial, Usage, "Bound class must be partial");
    public static readonly DiagnosticDescriptor WrongType = Error(DiagnosticIds.WrongType, Usage, "Property type cannot hold the field");
    public static readonly DiagnosticDescriptor UnsupportedTarget = Error(DiagnosticIds.UnsupportedTarget, Usage, "Class shape not supported by PodBinding");
    public static readonly DiagnosticDescriptor NoSetter = Error(DiagnosticIds.NoSetter, Usage, "Bound property needs a setter");
    public static readonly DiagnosticDescriptor StaticProperty = Error(DiagnosticIds.StaticProperty, Usage, "Bound property must not be static");

    public static readonly DiagnosticDescriptor StaleMetadataInEnv = Warning(DiagnosticIds.StaleMetadataInEnv, Staleness, "Changing metadata read from an environment variable goes stale");
    public static readonly DiagnosticDescriptor ResizableResourceInEnv = Info(DiagnosticIds.ResizableResourceInEnv, Staleness, "Resizable resource read from an environment variable goes stale on resize");
    public static readonly DiagnosticDescriptor RawEnvRead = Warning(DiagnosticIds.RawEnvRead, Staleness, "Label or annotation read from an environment variable goes stale");
    public static readonly DiagnosticDescriptor SubPathMount = Warning(DiagnosticIds.SubPathMount, Staleness, "Downward API volume mounted with subPath never updates");

    public static readonly DiagnosticDescriptor ManifestDrift = Warning(DiagnosticIds.ManifestDrift, Drift, "Committed YAML differs from what the code generates");

    public static readonly DiagnosticDescriptor DetectorMissingFields = Warning(DiagnosticIds.DetectorMissingFields, Telemetry, "The OpenTelemetry detector needs fields the class does not bind");
    public static readonly DiagnosticDescriptor DetectorLabelFixedAtStart = Info(DiagnosticIds.DetectorLabelFixedAtStart, Telemetry, "A live label or annotation becomes a resource attribute fixed at start-up");

    /// <summary>The descriptor for a planner finding's ID.</summary>
    public static DiagnosticDescriptor ForId(string id) => id switch
    {
        DiagnosticIds.UnknownFieldPath => UnknownFieldPath,
        DiagnosticIds.WrongChannel => WrongChannel,
        DiagnosticIds.InvalidSubscript => InvalidSubscript,
        DiagnosticIds.InvalidResource => InvalidResource,
        DiagnosticIds.InvalidDivisor => InvalidDivisor,
        DiagnosticIds.NonCanonicalDivisor => NonCanonicalDivisor,
        DiagnosticIds.ResourceOptionOnField => ResourceOptionOnField,
        DiagnosticIds.InvalidContainerName => InvalidContainerName,
        DiagnosticIds.GuessedContainerName => GuessedContainerName,
        DiagnosticIds.InvalidEnvVarName => InvalidEnvVarName,
        DiagnosticIds.RelaxedEnvVarName => RelaxedEnvVarName,
        DiagnosticIds.DuplicateEnvVar => DuplicateEnvVar,
        DiagnosticIds.DuplicateItemPath => DuplicateItemPath,
        DiagnosticIds.InvalidItemPath => InvalidItemPath,
        DiagnosticIds.InvalidMountPath => InvalidMountPath,
        DiagnosticIds.InvalidVolumeName => InvalidVolumeName,
        DiagnosticIds.InvalidWorkload => InvalidWorkload,
        DiagnosticIds.NotPartial => NotPartial,
        DiagnosticIds.WrongType => WrongType,
        DiagnosticIds.UnsupportedTarget => UnsupportedTarget,
        DiagnosticIds.NoSetter => NoSetter,
        DiagnosticIds.StaticProperty => StaticProperty,
        DiagnosticIds.StaleMetadataInEnv => StaleMetadataInEnv,
        DiagnosticIds.ResizableResourceInEnv => ResizableResourceInEnv,
        DiagnosticIds.RawEnvRead => RawEnvRead,
        DiagnosticIds.SubPathMount => SubPathMount,
        _ => ManifestDrift,
    };

    private static DiagnosticDescriptor Error(string id, string category, string title) => Create(id, category, title, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string category, string title) => Create(id, category, title, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Info(string id, string category, string title) => Create(id, category, title, DiagnosticSeverity.Info);

    private static DiagnosticDescriptor Create(string id, string category, string title, DiagnosticSeverity severity) => new(
        id,
        title,
        messageFormat: "{0}",
        category,
        severity,
        isEnabledByDefault: true,
        description: title + ". See the help page for what Kubernetes does, a bad and a good example, and the fix.",
        helpLinkUri: HelpLinkBase + id + ".md");
}
