using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    public const string Api = "PodBinding.Api";

    private const string HelpLinkBase = "https://github.com/PodBinding/PodBinding/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor UnknownFieldPath = Error(DiagnosticIds.UnknownFieldPath, Kubernetes, "Unknown or unsupported Downward API field path",
        "The API server accepts only the field paths and resource names of its allow-lists; any other path makes it reject the pod.");
    public static readonly DiagnosticDescriptor WrongChannel = Error(DiagnosticIds.WrongChannel, Kubernetes, "Field is not legal in the chosen channel",
        "Node and network fields can come only from env vars and whole label or annotation maps only from a downwardAPI volume; the API server rejects either in the other place.");
    public static readonly DiagnosticDescriptor InvalidSubscript = Error(DiagnosticIds.InvalidSubscript, Kubernetes, "Invalid label or annotation subscript",
        "Only metadata.labels and metadata.annotations take a ['key'] subscript, and the key must be a qualified name (optional DNS-subdomain prefix, '/', name of at most 63 characters).");
    public static readonly DiagnosticDescriptor InvalidResource = Error(DiagnosticIds.InvalidResource, Kubernetes, "Invalid resource name",
        "A resourceFieldRef names limits or requests of cpu, memory, ephemeral-storage or hugepages-<size>; other names are rejected.");
    public static readonly DiagnosticDescriptor InvalidDivisor = Error(DiagnosticIds.InvalidDivisor, Kubernetes, "Divisor not accepted for this resource",
        "A divisor must be one the API server accepts for the resource: 1 or 1m for cpu, 1 or a power of 1000 or 1024 bytes for the others.");
    public static readonly DiagnosticDescriptor NonCanonicalDivisor = Warning(DiagnosticIds.NonCanonicalDivisor, Kubernetes, "Divisor is not in canonical spelling",
        "The divisor is accepted, but written differently from the canonical form the API server compares; PodBinding writes the canonical form into the YAML.");
    public static readonly DiagnosticDescriptor ResourceOptionOnField = Error(DiagnosticIds.ResourceOptionOnField, Kubernetes, "Resource-only option on a field path",
        "Divisor and ContainerName belong to a resourceFieldRef; a fieldRef has no such fields, so the argument has no effect.");
    public static readonly DiagnosticDescriptor InvalidContainerName = Error(DiagnosticIds.InvalidContainerName, Kubernetes, "Invalid container name",
        "Container names are DNS-1123 labels; the generated YAML patches the container by name and a resourceFieldRef must name a real container.");
    public static readonly DiagnosticDescriptor GuessedContainerName = Warning(DiagnosticIds.GuessedContainerName, Kubernetes, "Resource field in the volume without a container name",
        "A resource read through the volume needs the container's name; none was set, so PodBinding derived one from the assembly name, which may not match the pod.");
    public static readonly DiagnosticDescriptor InvalidEnvVarName = Error(DiagnosticIds.InvalidEnvVarName, Kubernetes, "Invalid environment variable name",
        "Env var names must pass Kubernetes' env var name validation, or the API server rejects the pod.");
    public static readonly DiagnosticDescriptor RelaxedEnvVarName = Warning(DiagnosticIds.RelaxedEnvVarName, Kubernetes, "Environment variable name is valid only under relaxed validation",
        "The name is valid only under relaxed env var validation (on by default from Kubernetes 1.32, GA in 1.34), which the target version has, but it cannot be read from a POSIX shell; for an older target it is PB0010.");
    public static readonly DiagnosticDescriptor DuplicateEnvVar = Error(DiagnosticIds.DuplicateEnvVar, Kubernetes, "Environment variable claimed twice",
        "Two members claim one env var of a container; only the last entry survives, so one member would read the other's value.");
    public static readonly DiagnosticDescriptor DuplicateItemPath = Error(DiagnosticIds.DuplicateItemPath, Kubernetes, "Volume item path claimed twice or clashing",
        "Two members claim one item path of a volume, or one path is a directory of the other; the kubelet writes one of them or fails the mount.");
    public static readonly DiagnosticDescriptor InvalidItemPath = Error(DiagnosticIds.InvalidItemPath, Kubernetes, "Invalid volume item path",
        "A volume item path must be relative, without '..' elements, not start with '..', and fit the kubelet's 4096-byte and 255-byte-per-element limits.");
    public static readonly DiagnosticDescriptor InvalidMountPath = Error(DiagnosticIds.InvalidMountPath, Kubernetes, "Unusable mount path",
        "The downward API volume needs an absolute mount path below '/' without '..' elements.");
    public static readonly DiagnosticDescriptor InvalidVolumeName = Error(DiagnosticIds.InvalidVolumeName, Kubernetes, "Invalid volume name",
        "Volume names are DNS-1123 labels; the API server rejects any other name.");
    public static readonly DiagnosticDescriptor InvalidWorkload = Warning(DiagnosticIds.InvalidWorkload, Kubernetes, "Workload for the kustomize patch is incomplete or invalid",
        "A kustomize patch needs a known WorkloadKind and a WorkloadName that is a valid object name; otherwise PodBinding writes no patch.");

    public static readonly DiagnosticDescriptor IgnoredChannelName = Warning(DiagnosticIds.IgnoredChannelName, Usage, "Env var or item name for the other channel is ignored",
        "EnvVar names an env var and File a volume item; the one for the channel the member does not use has no effect, and writing both under Auto leaves the channel to an order rule.");

    public static readonly DiagnosticDescriptor NotPartial = Error(DiagnosticIds.NotPartial, Usage, "Bound class must be partial",
        "The generator adds Load() to the class in another part, which needs every declaration of the class to be partial.");
    public static readonly DiagnosticDescriptor WrongType = Error(DiagnosticIds.WrongType, Usage, "Property type cannot hold the field",
        "Each field holds a fixed kind of value (text, UID, IP addresses, a map, a whole number); the property's type must be able to hold it.");
    public static readonly DiagnosticDescriptor UnsupportedTarget = Error(DiagnosticIds.UnsupportedTarget, Usage, "Class shape not supported by PodBinding",
        "PodBinding generates loaders for top-level, non-generic, concrete partial classes with a parameterless constructor.");
    public static readonly DiagnosticDescriptor NoSetter = Error(DiagnosticIds.NoSetter, Usage, "Bound property needs a setter",
        "The generated Load() assigns each bound property, which needs a set or init accessor.");
    public static readonly DiagnosticDescriptor StaticProperty = Error(DiagnosticIds.StaticProperty, Usage, "Bound property must not be static",
        "Values are loaded into instances; a static property would be shared and never assigned.");

    public static readonly DiagnosticDescriptor StaleMetadataInEnv = Warning(DiagnosticIds.StaleMetadataInEnv, Staleness, "Changing metadata read from an environment variable goes stale",
        "Labels and annotations can change while the pod runs, but the kubelet sets env vars once at container start, so the value goes stale.");
    public static readonly DiagnosticDescriptor ResizableResourceInEnv = Info(DiagnosticIds.ResizableResourceInEnv, Staleness, "Resizable resource read from an environment variable goes stale on resize",
        "cpu and memory can change with in-place pod resize, but env vars keep the value from container start.");
    public static readonly DiagnosticDescriptor RawEnvRead = Warning(DiagnosticIds.RawEnvRead, Staleness, "Label or annotation read from an environment variable goes stale",
        "A manifest sets this env var from a label, an annotation or a resizable resource, so reading it returns the value from container start.");
    public static readonly DiagnosticDescriptor SubPathMount = Warning(DiagnosticIds.SubPathMount, Staleness, "Downward API volume mounted with subPath never updates",
        "A subPath mount of a downward API volume is a bind mount taken once and never updates, so changes never reach the file.");

    public static readonly DiagnosticDescriptor ManifestDrift = Warning(DiagnosticIds.ManifestDrift, Drift, "Committed YAML differs from what the code generates",
        "The committed YAML is no longer what the code generates, so what is deployed differs from what the code expects.");

    public static readonly DiagnosticDescriptor DetectorMissingFields = Warning(DiagnosticIds.DetectorMissingFields, Telemetry, "The OpenTelemetry detector needs fields the class does not bind",
        "The detector reads pod name, UID, namespace and node name only from members the class binds; a field the class does not bind yields no resource attribute.");
    public static readonly DiagnosticDescriptor DetectorLabelFixedAtStart = Info(DiagnosticIds.DetectorLabelFixedAtStart, Telemetry, "A live label or annotation becomes a resource attribute fixed at start-up",
        "OpenTelemetry resources are immutable: a label or annotation the class reads live from the volume is copied into the resource once, at start-up, and later changes do not reach telemetry.");

    public static readonly DiagnosticDescriptor InvalidKubernetesVersion = Create(DiagnosticIds.InvalidKubernetesVersion, Usage, "PodBindingKubernetesVersion is not a Kubernetes version",
        "The target Kubernetes version decides version-dependent YAML (native sidecars, the kubectl image); a value PodBinding cannot read would silently target another version.",
        "The MSBuild property PodBindingKubernetesVersion is '{0}', which is not a Kubernetes version; write it as {1}. Until then PodBinding targets Kubernetes {2}.",
        DiagnosticSeverity.Error, WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidApiDeclaration = Create(DiagnosticIds.InvalidApiDeclaration, Api, "[KubernetesApi] declaration cannot be written as YAML",
        "The per-mode Components patch the workload the class names; an unknown or repeated mode, a missing workload, an invalid ServiceAccount name or a root user id leaves the mode without YAML.",
        "[KubernetesApi] on '{0}' writes no YAML: {1}",
        DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor TokenNotMounted = Create(DiagnosticIds.TokenNotMounted, Api, "In-cluster mode, but a manifest turns the token off",
        "The InCluster mode reads the service-account token the kubelet mounts; a manifest of the same workload with automountServiceAccountToken: false leaves the pod without it, depending on which patch applies last.",
        "'{0}' declares KubernetesApiMode.InCluster, but {1} sets automountServiceAccountToken: false on {2}, so that pod gets no token at /var/run/secrets/kubernetes.io/serviceaccount; remove that line (the in-cluster Component sets it to true), or use KubernetesApiMode.Ambassador to keep the token out of the app",
        DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor RawApiRead = Create(DiagnosticIds.RawApiRead, Api, "API-server address or service-account file read by hand",
        "Code that builds its own API client from KUBERNETES_SERVICE_HOST/PORT or the service-account files reads the token once and misses rotation of token and CA, and works only in one mode.",
        "{0} is read by hand; {1}. Use PodBinding.Kubernetes instead: KubernetesConnection.Connect() (or services.AddPodBindingKubernetes()) finds the API server in every mode and follows token and CA rotation.",
        DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor SkipTlsVerify = Create(DiagnosticIds.SkipTlsVerify, Api, "TLS verification of the API server is turned off",
        "With certificate checks off, anyone on the network path can impersonate the API server, read the bearer token the client sends and forge every answer.",
        "SkipTlsVerify = true on {0} accepts any certificate, so anyone on the network path can read the token and forge answers; remove it and trust the cluster's CA ({1})",
        DiagnosticSeverity.Warning);

    /// <summary>Every descriptor, one per ID in <see cref="DiagnosticIds"/> (a test checks that the table is total).</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        UnknownFieldPath, WrongChannel, InvalidSubscript, InvalidResource, InvalidDivisor, NonCanonicalDivisor, ResourceOptionOnField,
        InvalidContainerName, GuessedContainerName, InvalidEnvVarName, RelaxedEnvVarName, DuplicateEnvVar, DuplicateItemPath,
        InvalidItemPath, InvalidMountPath, InvalidVolumeName, InvalidWorkload, IgnoredChannelName,
        NotPartial, WrongType, UnsupportedTarget, NoSetter, StaticProperty,
        StaleMetadataInEnv, ResizableResourceInEnv, RawEnvRead, SubPathMount,
        ManifestDrift,
        DetectorMissingFields, DetectorLabelFixedAtStart,
        InvalidKubernetesVersion, InvalidApiDeclaration, TokenNotMounted, RawApiRead, SkipTlsVerify);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(static d => d.Id, StringComparer.Ordinal);

    /// <summary>The descriptor for a planner finding's ID; an ID without one is a bug, never a different rule.</summary>
    public static DiagnosticDescriptor ForId(string id) =>
        ById.TryGetValue(id, out DiagnosticDescriptor? descriptor)
            ? descriptor
            : throw new ArgumentException($"No diagnostic descriptor for '{id}': add it to DiagnosticDescriptors.All", nameof(id));

    private static DiagnosticDescriptor Error(string id, string category, string title, string description) => Create(id, category, title, description, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string category, string title, string description) => Create(id, category, title, description, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Info(string id, string category, string title, string description) => Create(id, category, title, description, DiagnosticSeverity.Info);

    /// <summary>A descriptor whose message format has its own wording and arguments (the newer rules).</summary>
    private static DiagnosticDescriptor Create(string id, string category, string title, string description, string messageFormat, DiagnosticSeverity severity, params string[] tags) => new(
        id,
        title,
        messageFormat,
        category,
        severity,
        isEnabledByDefault: true,
        description: description,
        helpLinkUri: HelpLinkBase + id + ".md",
        customTags: tags);

    private static DiagnosticDescriptor Create(string id, string category, string title, string description, DiagnosticSeverity severity) => new(
        id,
        title,
        messageFormat: "{0}",
        category,
        severity,
        isEnabledByDefault: true,
        description: description,
        helpLinkUri: HelpLinkBase + id + ".md");
}
