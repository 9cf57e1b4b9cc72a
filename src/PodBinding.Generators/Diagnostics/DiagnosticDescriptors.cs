using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PodBinding.Generators.Diagnostics;

/// <summary>
/// Every PodBinding diagnostic: a short title, a message format whose arguments are what differs between occurrences
/// (the path, the name, the fix that fits), a description of the rule, and a help page under docs/diagnostics/.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Kubernetes = "PodBinding.Kubernetes";
    public const string Usage = "PodBinding.Usage";
    public const string Staleness = "PodBinding.Staleness";
    public const string Drift = "PodBinding.Drift";
    public const string Telemetry = "PodBinding.Telemetry";
    public const string Api = "PodBinding.Api";

    /// <summary>Each ID's page under docs/diagnostics/, in the repository that Directory.Build.props names.</summary>
    private const string HelpLinkBase = RepositoryInfo.Url + "/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor UnknownFieldPath = Error(DiagnosticIds.UnknownFieldPath, Kubernetes, "Unknown or unsupported Downward API field path",
        "'{0}' is not a Downward API field path: {1}",
        "The API server accepts only the field paths and resource names of its allow-lists; any other path makes it reject the pod.");
    public static readonly DiagnosticDescriptor WrongChannel = Error(DiagnosticIds.WrongChannel, Kubernetes, "Field is not legal in the chosen channel",
        "'{0}' can only come from {1} (the API server rejects it in {2}); {3}",
        "Node and network fields can come only from env vars and whole label or annotation maps only from a downwardAPI volume; the API server rejects either in the other place.");
    public static readonly DiagnosticDescriptor InvalidSubscript = Error(DiagnosticIds.InvalidSubscript, Kubernetes, "Invalid label or annotation subscript",
        "'{0}' is not a valid subscript of {1}: {2}",
        "Only metadata.labels and metadata.annotations take a ['key'] subscript, and the key must be a qualified name (optional DNS-subdomain prefix, '/', name of at most 63 characters).");
    public static readonly DiagnosticDescriptor InvalidResource = Error(DiagnosticIds.InvalidResource, Kubernetes, "Invalid resource name",
        "'{0}' is not a resource the Downward API can read: {1}",
        "A resourceFieldRef names limits or requests of cpu, memory, ephemeral-storage or hugepages-<size>; other names are rejected.");
    public static readonly DiagnosticDescriptor InvalidDivisor = Error(DiagnosticIds.InvalidDivisor, Kubernetes, "Divisor not accepted for this resource",
        "Divisor '{0}' is not accepted for {1}: {2}",
        "A divisor must be one the API server accepts for the resource: 1 or 1m for cpu, 1 or a power of 1000 or 1024 bytes for the others.");
    public static readonly DiagnosticDescriptor NonCanonicalDivisor = Warning(DiagnosticIds.NonCanonicalDivisor, Kubernetes, "Divisor is not in canonical spelling",
        "Divisor '{0}' means '{1}' for {2}; write it as \"{1}\", the spelling the API server compares",
        "The divisor is accepted, but written differently from the canonical form the API server compares; PodBinding writes the canonical form into the YAML.");
    public static readonly DiagnosticDescriptor ResourceOptionOnField = Error(DiagnosticIds.ResourceOptionOnField, Kubernetes, "Resource-only option on a field path",
        "{0} applies only to resource fields ({1}), not to '{2}'; remove it",
        "Divisor and ContainerName belong to a resourceFieldRef; a fieldRef has no such fields, so the argument has no effect.");
    public static readonly DiagnosticDescriptor InvalidContainerName = Error(DiagnosticIds.InvalidContainerName, Kubernetes, "Invalid container name",
        "Container name '{0}' is not a valid Kubernetes container name (a DNS-1123 label: lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit); {1}",
        "Container names are DNS-1123 labels; the generated YAML patches the container by name and a resourceFieldRef must name a real container.");
    public static readonly DiagnosticDescriptor GuessedContainerName = Warning(DiagnosticIds.GuessedContainerName, Kubernetes, "Resource field in the volume without a container name",
        "'{0}' in a volume needs the container's name, and none is set: PodBinding used '{1}' from the assembly name; set ContainerName on [DownwardBinding] to the container's real name",
        "A resource read through the volume needs the container's name; none was set, so PodBinding derived one from the assembly name, which may not match the pod.");
    public static readonly DiagnosticDescriptor InvalidEnvVarName = Error(DiagnosticIds.InvalidEnvVarName, Kubernetes, "Invalid environment variable name",
        "'{0}' is not a valid env var name: {1}",
        "Env var names must pass Kubernetes' env var name validation, or the API server rejects the pod.");
    public static readonly DiagnosticDescriptor RelaxedEnvVarName = Warning(DiagnosticIds.RelaxedEnvVarName, Kubernetes, "Environment variable name is valid only under relaxed validation",
        "'{0}' is a relaxed env var name (Kubernetes {1}+; the project targets {2}) that cannot be read from a POSIX shell; prefer letters, digits and '_'",
        "The name is valid only under relaxed env var validation (on by default from Kubernetes 1.32, GA in 1.34), which the target version has, but it cannot be read from a POSIX shell; for an older target it is PB0010.");
    public static readonly DiagnosticDescriptor DuplicateEnvVar = Error(DiagnosticIds.DuplicateEnvVar, Kubernetes, "Environment variable claimed twice",
        "Env var '{0}' {1}; set a different EnvVar",
        "Two members claim one env var of a container; only the last entry survives, so one member would read the other's value.");
    public static readonly DiagnosticDescriptor DuplicateItemPath = Error(DiagnosticIds.DuplicateItemPath, Kubernetes, "Volume item path claimed twice or clashing",
        "Item path '{0}' {1}; set a different File",
        "Two members claim one item path of a volume, or one path is a directory of the other; the kubelet writes one of them or fails the mount.");
    public static readonly DiagnosticDescriptor InvalidItemPath = Error(DiagnosticIds.InvalidItemPath, Kubernetes, "Invalid volume item path",
        "File \"{0}\" is not a usable volume item path: {1}",
        "A volume item path must be relative, without '..' elements, not start with '..', and fit the kubelet's 4096-byte and 255-byte-per-element limits.");
    public static readonly DiagnosticDescriptor InvalidMountPath = Error(DiagnosticIds.InvalidMountPath, Kubernetes, "Unusable mount path",
        "Mount path '{0}' must be an absolute path below '/' without '..' elements, such as /etc/podinfo",
        "The downward API volume needs an absolute mount path below '/' without '..' elements.");
    public static readonly DiagnosticDescriptor InvalidVolumeName = Error(DiagnosticIds.InvalidVolumeName, Kubernetes, "Invalid volume name",
        "Volume name '{0}' is not a valid Kubernetes name (a DNS-1123 label: lower-case letters, digits and '-', at most 63)",
        "Volume names are DNS-1123 labels; the API server rejects any other name.");
    public static readonly DiagnosticDescriptor InvalidWorkload = Warning(DiagnosticIds.InvalidWorkload, Kubernetes, "Workload for the kustomize patch is incomplete or invalid",
        "No kustomize patch is written: {0}",
        "A kustomize patch needs a known WorkloadKind and a WorkloadName that is a valid object name; otherwise PodBinding writes no patch.");

    public static readonly DiagnosticDescriptor ExistingVolume = Warning(DiagnosticIds.ExistingVolume, Kubernetes, "The workload already has a volume of the generated volume's name",
        "'{0}' patches volume '{1}' into {2}, but {3} already defines a volume of that name: {4}; set [DownwardBinding(VolumeName = \"...\")] to another name, or remove that volume from the manifest",
        "kustomize merges a patch's volumes into the workload's by name: a downwardAPI volume's items are replaced whole, and a volume of another type would get a second source, which the API server rejects.");

    public static readonly DiagnosticDescriptor ContainerNotInWorkload = Warning(DiagnosticIds.ContainerNotInWorkload, Kubernetes, "The patched workload has no container of the class's container name",
        "'{0}' patches container '{1}' of {2}, but {3} defines its containers as {4}; kustomize would add a container '{1}' with no image, which the API server rejects; set [DownwardBinding(ContainerName = \"...\")] (or PodBindingContainerName) to one of them",
        "A strategic-merge patch merges containers by name: a name the workload does not have adds a new container with only the generated env and mounts, and a container without an image is rejected by the API server.");

    public static readonly DiagnosticDescriptor MountPathTaken = Warning(DiagnosticIds.MountPathTaken, Kubernetes, "The mount path is already used by another mount of the container",
        "'{0}' mounts volume '{1}' at '{2}' in container '{3}' of {4}, but {5} already mounts volume '{6}' there; kustomize merges mounts by mountPath, so that mount would be replaced; set [DownwardBinding(MountPath = \"...\")] to a free path",
        "volumeMounts merge by mountPath in a strategic-merge patch: the generated mount replaces the existing one at the same path, and the container silently loses that volume.");

    public static readonly DiagnosticDescriptor MountShadowsServiceAccount = Warning(DiagnosticIds.MountShadowsServiceAccount, Kubernetes, "The mount path hides or sits inside the service-account token folder",
        "MountPath '{0}' {1} the service-account folder {2}; {3}; choose a path outside it, such as /etc/podinfo",
        "The kubelet mounts the service-account token, CA and namespace at a fixed folder: a volume mounted at or above it hides them from every API client in the container, and one mounted inside that read-only volume cannot be created.");

    public static readonly DiagnosticDescriptor IntWithoutLimit = Warning(DiagnosticIds.IntWithoutLimit, Kubernetes, "An int resource member reads the node's allocatable amount, which can overflow it",
        "'{0}' reads {1} with divisor {2} into an int, but {3} sets no resources.limits.{4}, so the kubelet reports the node's allocatable {4}; an int holds at most {5} in that unit and loading fails on a larger node; declare the property as long, use a divisor of 1Mi or more, or set resources.limits.{4} on the container",
        "With no limit set, the kubelet resolves limits.memory and limits.ephemeral-storage to the node's allocatable amount, which in bytes, k or Ki exceeds an int on large nodes.");

    public static readonly DiagnosticDescriptor InvalidDefaultMode = Warning(DiagnosticIds.InvalidDefaultMode, Kubernetes, "DefaultMode is not a file mode Kubernetes accepts",
        "DefaultMode \"{0}\" is not an octal file mode from 0 to 0777, which is what Kubernetes accepts; write it as a manifest does, such as \"0440\"; PodBinding writes no defaultMode until then",
        "A downwardAPI volume's defaultMode must be between 0 and 0777 (octal); the API server rejects any other value, so PodBinding leaves it out and the kubelet uses 0644.");

    public static readonly DiagnosticDescriptor IgnoredChannelName = Warning(DiagnosticIds.IgnoredChannelName, Usage, "Env var or item name for the other channel is ignored",
        "{0} names the channel the member does not use and is ignored: {1}; {2}",
        "EnvVar names an env var and File a volume item; the one for the channel the member does not use has no effect, and writing both under Auto leaves the channel to an order rule.");

    public static readonly DiagnosticDescriptor ManifestNameClash = Error(DiagnosticIds.ManifestNameClash, Usage, "Two classes write the same YAML file",
        "'{0}' writes {1}, which '{2}' writes too, and only one of them can be on disk; set [DownwardBinding(ManifestName = \"...\")] on one of them",
        "Each bound class writes its YAML under a name derived from the class name; two classes of the same name in different namespaces would overwrite each other's file and be listed twice in the kustomize Component.");
    public static readonly DiagnosticDescriptor InvalidManifestName = Error(DiagnosticIds.InvalidManifestName, Usage, "ManifestName is not a usable file name",
        "ManifestName '{0}' is not a usable file name; use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 63 characters",
        "ManifestName becomes the name of the class's YAML files in the manifest folder and in the kustomize Component, so it must be a plain lower-case file name.");

    public static readonly DiagnosticDescriptor NotPartial = Error(DiagnosticIds.NotPartial, Usage, "Bound class must be partial",
        "'{0}' must be declared partial so PodBinding can add the generated {1}; add 'partial' to every declaration of it",
        "The generator adds its members (Load() for [FromDownward], FromApiFacts() for [FromApi]) to the class in another part, which needs every declaration of the class to be partial.");
    public static readonly DiagnosticDescriptor WrongType = Error(DiagnosticIds.WrongType, Usage, "Property type cannot hold the field",
        "'{0}' has type {1}, which cannot hold {2}; {3}",
        "Each field holds a fixed kind of value (text, UID, IP addresses, a map, a whole number); the property's type must be able to hold it.");
    public static readonly DiagnosticDescriptor UnsupportedTarget = Error(DiagnosticIds.UnsupportedTarget, Usage, "Class shape not supported by PodBinding",
        "PodBinding cannot generate a loader for '{0}': it {1}",
        "PodBinding generates loaders for top-level, non-generic, concrete partial classes with a parameterless constructor.");
    public static readonly DiagnosticDescriptor NoSetter = Error(DiagnosticIds.NoSetter, Usage, "Bound property needs a setter",
        "'{0}' has no setter; add 'init' (or 'private set') so the generated Load() can assign it",
        "The generated Load() assigns each bound property, which needs a set or init accessor.");
    public static readonly DiagnosticDescriptor StaticProperty = Error(DiagnosticIds.StaticProperty, Usage, "Bound property must not be static",
        "'{0}' is static, but PodBinding binds instance properties only; remove 'static'",
        "Values are loaded into instances; a static property would be shared and never assigned.");

    public static readonly DiagnosticDescriptor StaleMetadataInEnv = Warning(DiagnosticIds.StaleMetadataInEnv, Staleness, "Changing metadata read from an environment variable goes stale",
        "'{0}' can change while the pod runs, but an env var keeps the value from container start; read it from the downward API volume (Source = DownwardSource.Volume)",
        "Labels and annotations can change while the pod runs, but the kubelet sets env vars once at container start, so the value goes stale.");
    public static readonly DiagnosticDescriptor ResizableResourceInEnv = Info(DiagnosticIds.ResizableResourceInEnv, Staleness, "Resizable resource read from an environment variable goes stale on resize",
        "'{0}' changes with in-place pod resize, but an env var keeps the value from container start; read it from the downward API volume (Source = DownwardSource.Volume) if the pod may be resized",
        "cpu and memory can change with in-place pod resize, but env vars keep the value from container start.");
    public static readonly DiagnosticDescriptor RawEnvRead = Warning(DiagnosticIds.RawEnvRead, Staleness, "Label or annotation read from an environment variable goes stale",
        "{0} is set from {1} by {2}{3} and keeps its start-up value {4}; read the live value from the downward API volume instead",
        "A manifest sets this env var from a label, an annotation or a resizable resource, so reading it returns the value from container start.");
    public static readonly DiagnosticDescriptor SubPathMount = Warning(DiagnosticIds.SubPathMount, Staleness, "Downward API volume mounted with subPath never updates",
        "Container '{0}' mounts the downward API volume '{1}' through {2}: such a mount is a bind mount taken once and never updates, so label, annotation and resource changes never reach the file; mount the whole volume at a directory without {2} and read the file inside it",
        "A subPath mount of a downward API volume is a bind mount taken once and never updates, so changes never reach the file.");

    public static readonly DiagnosticDescriptor ManifestDrift = Warning(DiagnosticIds.ManifestDrift, Drift, "Committed YAML differs from what the code generates",
        "{0} is out of date: {1}",
        "The committed YAML is no longer what the code generates, so what is deployed differs from what the code expects.");

    public static readonly DiagnosticDescriptor DetectorMissingFields = Warning(DiagnosticIds.DetectorMissingFields, Telemetry, "The OpenTelemetry detector needs fields the class does not bind",
        "{0} binds no {1}, so the OpenTelemetry detector emits no {2}; add [FromDownward] members for them",
        "The detector reads pod name, UID, namespace and node name only from members the class binds; a field the class does not bind yields no resource attribute.");
    public static readonly DiagnosticDescriptor DetectorLabelFixedAtStart = Info(DiagnosticIds.DetectorLabelFixedAtStart, Telemetry, "A live label or annotation becomes a resource attribute fixed at start-up",
        "{0} reads the {1} '{2}' from the downward API volume, which the kubelet updates while the pod runs, but an OpenTelemetry resource is built once: k8s.pod.{1}.{2} keeps its start-up value until the process restarts",
        "OpenTelemetry resources are immutable: a label or annotation the class reads live from the volume is copied into the resource once, at start-up, and later changes do not reach telemetry.");

    public static readonly DiagnosticDescriptor WorkloadNotInManifests = Info(DiagnosticIds.WorkloadNotInManifests, Drift, "The patched workload is not in the project's manifests",
        "'{0}' patches {1}, but none of the project's {2} manifest files defines it (workloads found: {3}); kustomize fails with no match for the patch unless the workload comes from elsewhere; check WorkloadKind and WorkloadName, or add the file to PodBindingManifestGlobs",
        "The generated kustomize patch targets the workload by kind and name; when no manifest the analyzers read defines it, a typo in WorkloadName or WorkloadKind only shows at kubectl kustomize or apply time.");
    public static readonly DiagnosticDescriptor NoProjectManifests = Create(DiagnosticIds.NoProjectManifests, Drift, "No Kubernetes YAML of the project's own was found",
        "No Kubernetes YAML of the project's own was found ({0}), so the checks against the project's manifests (PB0018, PB0020, PB0021, PB0023, PB0202, PB0203, PB0301) had nothing to read; set PodBindingManifestGlobs to where the YAML lives, or PodBindingAnalyzeManifests=false to say there is none",
        "The cross-checks read the project's YAML through AdditionalFiles; with none found they report nothing, which must not be mistaken for a clean result.",
        DiagnosticSeverity.Info, WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidKubernetesVersion = Create(DiagnosticIds.InvalidKubernetesVersion, Usage, "PodBindingKubernetesVersion is not a Kubernetes version",
        "The MSBuild property PodBindingKubernetesVersion is '{0}', which is not a Kubernetes version; write it as {1}. Until then PodBinding targets Kubernetes {2}.",
        "The target Kubernetes version decides version-dependent YAML (native sidecars, the kubectl image); a value PodBinding cannot read would silently target another version.",
        DiagnosticSeverity.Error, WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidApiDeclaration = Create(DiagnosticIds.InvalidApiDeclaration, Api, "[KubernetesApi] declaration cannot be written as YAML",
        "[KubernetesApi] on '{0}' writes no YAML: {1}",
        "The per-mode Components patch the workload the class names; an unknown or repeated mode, a missing workload, an invalid ServiceAccount name or a root user id leaves the mode without YAML.",
        DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor TokenNotMounted = Create(DiagnosticIds.TokenNotMounted, Api, "In-cluster mode, but a manifest turns the token off",
        "'{0}' declares KubernetesApiMode.InCluster, but {1} sets automountServiceAccountToken: false on {2}, so that pod gets no token at /var/run/secrets/kubernetes.io/serviceaccount; remove that line (the in-cluster Component sets it to true), or use KubernetesApiMode.Ambassador to keep the token out of the app",
        "The InCluster mode reads the service-account token the kubelet mounts; a manifest of the same workload with automountServiceAccountToken: false leaves the pod without it, depending on which patch applies last.",
        DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor RawApiRead = Create(DiagnosticIds.RawApiRead, Api, "API-server address or service-account file read by hand",
        "{0} is read by hand; {1}. Use PodBinding.Kubernetes instead: KubernetesConnection.Connect() (or services.AddPodBindingKubernetes()) finds the API server in every mode and follows token and CA rotation.",
        "Code that builds its own API client from KUBERNETES_SERVICE_HOST/PORT or the service-account files reads the token once and misses rotation of token and CA, and works only in one mode.",
        DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor SkipTlsVerify = Create(DiagnosticIds.SkipTlsVerify, Api, "TLS verification of the API server is turned off",
        "SkipTlsVerify = true on {0} accepts any certificate, so anyone on the network path can read the token and forge answers; remove it and trust the cluster's CA ({1})",
        "With certificate checks off, anyone on the network path can impersonate the API server, read the bearer token the client sends and forge every answer.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ApiFactFromDownward = Create(DiagnosticIds.ApiFactFromDownward, Api, "API fact the Downward API already gives",
        "'{0}' asks the API server for '{1}', which costs a request and RBAC; the Downward API gives it, so bind it with [FromDownward(\"{2}\")]",
        "Fields of the pod's own metadata and spec that the Downward API carries need no network call and no permission; reading them through the API server adds a failure mode and a Role rule for nothing.",
        DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor UnknownApiFact = Error(DiagnosticIds.UnknownApiFact, Api, "Unknown API fact path",
        "'{0}' cannot be read from the API server: {1}",
        "A [FromApi] path must name a fact of the pod's status, its node, its owning workload or its peers that PodBinding's catalog lists, with valid keys in its subscripts.");
    public static readonly DiagnosticDescriptor WrongApiFactType = Error(DiagnosticIds.WrongApiFactType, Api, "Property type cannot hold the API fact",
        "'{0}' has the wrong type: {1}",
        "Each API fact has the C# types that can hold it; facts that can be absent need a nullable type, and collections are read-only interfaces.");
    public static readonly DiagnosticDescriptor InvalidPeerSelector = Error(DiagnosticIds.InvalidPeerSelector, Api, "Peers selector is not a label selector",
        "[ApiPeers] selector \"{0}\" on '{1}' is not a label selector the API server accepts: {2}",
        "The peers are listed with the selector as the labelSelector query; the API server answers a malformed one with 400 Bad Request, so no peers would ever load.");
    public static readonly DiagnosticDescriptor KubernetesPackageMissing = Error(DiagnosticIds.KubernetesPackageMissing, Api, "[FromApi] needs PodBinding.Kubernetes",
        "'{0}' declares [FromApi] members, but the project does not reference PodBinding.Kubernetes, which reads them; add a reference to the PodBinding.Kubernetes package",
        "The generated code implements PodBinding.Kubernetes' IApiFactsBinding interface, and that package's connection reads the facts; without it nothing is generated for the class.");
    public static readonly DiagnosticDescriptor RbacNarrower = Warning(DiagnosticIds.RbacNarrower, Api, "The project's RBAC grants less than the [FromApi] members need",
        "'{0}' reads the API server as ServiceAccount '{1}', but the RBAC in the project's manifests does not grant {2}; the reader's requests would be denied (403); grant it with {3}",
        "The Roles and bindings in the project's own YAML are evaluated as kube-apiserver's RBAC authorizer does (RuleAllows): each request of the [FromApi] reader (ApiAccessContract) must be allowed by a rule bound to the pod's ServiceAccount, in the right scope. A file the user wrote is never changed; the message carries the rules to add.");
    public static readonly DiagnosticDescriptor RbacWider = Info(DiagnosticIds.RbacWider, Api, "The project's RBAC grants more than the [FromApi] members need",
        "The RBAC bound to ServiceAccount '{1}' grants more than the [FromApi] members of {0} need: {2}",
        "Least privilege: the reader gets single objects by name (get and a name-scoped watch), lists only pods by label, writes nothing, and reads nodes through the only cluster-wide rule; a rule beyond that on the same resources is access nothing in PodBinding uses.");
    public static readonly DiagnosticDescriptor RbacMissing = Info(DiagnosticIds.RbacMissing, Api, "Nothing in the project's manifests grants the [FromApi] members' reads",
        "'{0}' reads the API server as ServiceAccount '{1}' of {2}, but nothing in the project's manifests grants any of its requests, and PodBinding generates no RBAC for the workload without [KubernetesApi]; add {3}, or declare [KubernetesApi] on the workload's bound class so PodBinding writes the Role",
        "The project's manifests define the workload but no Role or binding covers the reader's requests; unless the RBAC comes from elsewhere (a Helm chart, another repository), every read is denied at run time.");

    /// <summary>Every descriptor, one per ID in <see cref="DiagnosticIds"/> (a test checks that the table is total).</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        UnknownFieldPath, WrongChannel, InvalidSubscript, InvalidResource, InvalidDivisor, NonCanonicalDivisor, ResourceOptionOnField,
        InvalidContainerName, GuessedContainerName, InvalidEnvVarName, RelaxedEnvVarName, DuplicateEnvVar, DuplicateItemPath,
        InvalidItemPath, InvalidMountPath, InvalidVolumeName, InvalidWorkload, ExistingVolume, InvalidDefaultMode, ContainerNotInWorkload, MountPathTaken, MountShadowsServiceAccount, IntWithoutLimit, IgnoredChannelName, ManifestNameClash, InvalidManifestName,
        NotPartial, WrongType, UnsupportedTarget, NoSetter, StaticProperty,
        StaleMetadataInEnv, ResizableResourceInEnv, RawEnvRead, SubPathMount,
        ManifestDrift, WorkloadNotInManifests, NoProjectManifests,
        DetectorMissingFields, DetectorLabelFixedAtStart,
        InvalidKubernetesVersion, InvalidApiDeclaration, TokenNotMounted, RawApiRead, SkipTlsVerify,
        ApiFactFromDownward, UnknownApiFact, WrongApiFactType, InvalidPeerSelector, KubernetesPackageMissing,
        RbacNarrower, RbacWider, RbacMissing);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(static d => d.Id, StringComparer.Ordinal);

    /// <summary>The descriptor for a planner finding's ID; an ID without one is a bug, never a different rule.</summary>
    public static DiagnosticDescriptor ForId(string id) =>
        ById.TryGetValue(id, out DiagnosticDescriptor? descriptor)
            ? descriptor
            : throw new ArgumentException($"No diagnostic descriptor for '{id}': add it to DiagnosticDescriptors.All", nameof(id));

    /// <summary>The message of <paramref name="id"/> with <paramref name="args"/> filled in, as the IDE shows it.</summary>
    public static string Format(string id, IReadOnlyList<string> args)
    {
        object[] values = new object[args.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = args[i];
        }

        return string.Format(CultureInfo.InvariantCulture, ForId(id).MessageFormat.ToString(CultureInfo.InvariantCulture), values);
    }

    private static DiagnosticDescriptor Error(string id, string category, string title, string messageFormat, string description) =>
        Create(id, category, title, messageFormat, description, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string category, string title, string messageFormat, string description) =>
        Create(id, category, title, messageFormat, description, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Info(string id, string category, string title, string messageFormat, string description) =>
        Create(id, category, title, messageFormat, description, DiagnosticSeverity.Info);

    private static DiagnosticDescriptor Create(string id, string category, string title, string messageFormat, string description, DiagnosticSeverity severity, params string[] tags) => new(
        id,
        title,
        messageFormat,
        category,
        severity,
        isEnabledByDefault: true,
        description: description,
        helpLinkUri: HelpLinkBase + id + ".md",
        customTags: tags);
}
