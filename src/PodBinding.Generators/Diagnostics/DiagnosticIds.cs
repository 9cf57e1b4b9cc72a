namespace PodBinding.Generators.Diagnostics;

/// <summary>
/// Stable diagnostic IDs (never reused). Ranges: PB00xx Kubernetes rules the API server or kubelet would enforce,
/// PB01xx C# shape rules, PB02xx staleness, PB03xx drift between committed YAML and code, PB04xx companion packages, PB05xx the
/// API-server connection and its YAML. Linked into the
/// code-fix assembly as source, so both use the same constants.
/// </summary>
internal static class DiagnosticIds
{
    public const string UnknownFieldPath = "PB0001";
    public const string WrongChannel = "PB0002";
    public const string InvalidSubscript = "PB0003";
    public const string InvalidResource = "PB0004";
    public const string InvalidDivisor = "PB0005";
    public const string NonCanonicalDivisor = "PB0006";
    public const string ResourceOptionOnField = "PB0007";
    public const string InvalidContainerName = "PB0008";
    public const string GuessedContainerName = "PB0009";
    public const string InvalidEnvVarName = "PB0010";
    public const string RelaxedEnvVarName = "PB0011";
    public const string DuplicateEnvVar = "PB0012";
    public const string DuplicateItemPath = "PB0013";
    public const string InvalidItemPath = "PB0014";
    public const string InvalidMountPath = "PB0015";
    public const string InvalidVolumeName = "PB0016";
    public const string InvalidWorkload = "PB0017";
    public const string ExistingVolume = "PB0018";
    public const string InvalidDefaultMode = "PB0019";
    public const string ContainerNotInWorkload = "PB0020";
    public const string MountPathTaken = "PB0021";
    public const string MountShadowsServiceAccount = "PB0022";
    public const string IntWithoutLimit = "PB0023";

    public const string NotPartial = "PB0100";
    public const string WrongType = "PB0101";
    public const string UnsupportedTarget = "PB0102";
    public const string NoSetter = "PB0103";
    public const string StaticProperty = "PB0104";
    public const string IgnoredChannelName = "PB0105";
    public const string InvalidKubernetesVersion = "PB0106";
    public const string ManifestNameClash = "PB0107";
    public const string InvalidManifestName = "PB0108";

    public const string StaleMetadataInEnv = "PB0200";
    public const string ResizableResourceInEnv = "PB0201";
    public const string RawEnvRead = "PB0202";
    public const string SubPathMount = "PB0203";

    public const string ManifestDrift = "PB0300";
    public const string WorkloadNotInManifests = "PB0301";
    public const string NoProjectManifests = "PB0302";

    public const string DetectorMissingFields = "PB0400";
    public const string DetectorLabelFixedAtStart = "PB0401";

    public const string InvalidApiDeclaration = "PB0500";
    public const string TokenNotMounted = "PB0501";
    public const string RawApiRead = "PB0502";
    public const string SkipTlsVerify = "PB0503";
    public const string ApiFactFromDownward = "PB0504";
    public const string UnknownApiFact = "PB0505";
    public const string WrongApiFactType = "PB0506";
    public const string InvalidPeerSelector = "PB0507";
    public const string KubernetesPackageMissing = "PB0508";
    public const string RbacNarrower = "PB0509";
    public const string RbacWider = "PB0510";
    public const string RbacMissing = "PB0511";
}
