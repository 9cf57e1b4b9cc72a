using System;
using System.Collections.Generic;
using System.Text;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Model;
using PodBinding.Shared;

namespace PodBinding.Generators.Planning;

/// <summary>
/// Routes every member of a <see cref="BindingSpec"/> to a legal channel and names its env var or item path. A member
/// that Kubernetes would reject is skipped with the reason, so the YAML written from the plan is always deployable.
/// </summary>
internal static class BindingPlanner
{
    public const string DefaultVolumeName = "podinfo";
    public const string DefaultMountPath = "/etc/podinfo";

    public static BindingPlan Plan(BindingSpec spec, GeneratorOptions options)
    {
        ClassSettings settings = spec.Settings;
        string? explicitContainer = settings.ContainerName ?? options.ContainerName ?? settings.WorkloadName;
        var state = new PlanState(explicitContainer ?? ToDnsLabel(options.AssemblyName), guessedContainer: explicitContainer is null) { Target = options.Target };
        string volume = settings.VolumeName ?? DefaultVolumeName;
        string mountPath = settings.MountPath ?? DefaultMountPath;
        string? workloadName = CheckClass(settings, state, volume, mountPath);

        foreach (MemberSpec member in spec.Members)
        {
            PlanFinding? skip = PlanMember(member, state, out PlannedMember? planned);
            if (planned is not null)
            {
                state.Planned.Add(planned);
            }
            else
            {
                state.Findings.Add(skip!);
                if (member.IsRequired)
                {
                    state.SkippedRequired.Add(member.Name);
                }
            }
        }

        WarnIfServiceAccountShadowed(mountPath, state);
        string stem = ManifestStem(spec, state);
        int? defaultMode = DefaultMode(settings.DefaultMode, state);
        return new BindingPlan(
            spec.Namespace,
            spec.TypeName,
            state.Container,
            volume,
            mountPath,
            settings.WorkloadKind,
            workloadName,
            stem,
            options.ManifestFolder,
            new EquatableArray<PlannedMember>(state.Planned.ToArray()),
            new EquatableArray<PlanFinding>(state.Findings.ToArray()),
            new EquatableArray<string>(state.SkippedRequired.ToArray()),
            settings.Api is null ? null : ApiPlanner.Plan(settings.Api, settings, options, problems: null),
            defaultMode);
    }

    /// <summary>
    /// The volume's <c>defaultMode</c> from its octal spelling, or null (Kubernetes' 0644) when unset or invalid (PB0019).
    /// Kubernetes accepts 0 to 0777 (<c>validateDownwardAPIVolumeSource</c> in <c>pkg/apis/core/validation/validation.go</c>).
    /// </summary>
    private static int? DefaultMode(string? written, PlanState state)
    {
        if (written is null)
        {
            return null;
        }

        string digits = written.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? written.Substring(2) : written;
        int value = 0;
        bool octal = digits.Length is > 0 and <= 4;
        foreach (char c in digits)
        {
            octal &= c is >= '0' and <= '7';
            value = (value * 8) + (c - '0');
        }

        if (octal && value <= 511)
        {
            return value;
        }

        state.Findings.Add(PlanFinding.Create("", DiagnosticIds.InvalidDefaultMode, AttributeContract.DownwardBinding.DefaultMode, Skips: false, fix: null, written));
        return null;
    }

    /// <summary>
    /// PB0022: the kubelet mounts the service-account token, CA and namespace at one fixed folder; the downward API
    /// volume mounted at it or above it hides them (every API client then fails), and one mounted inside it needs a
    /// mount point the read-only token volume cannot get. Only when a member reads through the volume.
    /// </summary>
    private static void WarnIfServiceAccountShadowed(string mountPath, PlanState state)
    {
        if (!state.Planned.Exists(static m => m.IsVolume) || !NameRules.IsUsableMountPath(mountPath))
        {
            return;
        }

        const string Folder = KubernetesApiContract.ServiceAccountDirectory;
        string path = mountPath.TrimEnd('/');
        string? relation = path == Folder ? "is"
            : Folder.StartsWith(path + "/", StringComparison.Ordinal) ? "is above"
            : path.StartsWith(Folder + "/", StringComparison.Ordinal) ? "is inside"
            : null;
        if (relation is null)
        {
            return;
        }

        string consequence = relation == "is inside"
            ? "the kubelet cannot create a mount point in that read-only volume, and the container does not start"
            : "the token, ca.crt and namespace files are hidden, so every API client in the container fails";
        state.Findings.Add(PlanFinding.Create("", DiagnosticIds.MountShadowsServiceAccount, AttributeContract.DownwardBinding.MountPath, Skips: false, fix: null,
            mountPath, relation, Folder, consequence));
    }

    private sealed class PlanState
    {
        public PlanState(string container, bool guessedContainer)
        {
            Container = container;
            GuessedContainer = guessedContainer;
        }

        public string Container { get; }

        /// <summary>The target Kubernetes version (version-dependent name rules).</summary>
        public KubernetesVersion Target { get; init; } = KubernetesVersions.Default;

        /// <summary>No setting named the container: it was derived from the assembly name.</summary>
        public bool GuessedContainer { get; }

        public List<PlannedMember> Planned { get; } = new();

        public List<PlanFinding> Findings { get; } = new();

        public List<string> SkippedRequired { get; } = new();

        public Dictionary<string, string> EnvVars { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

        public void Warn(string member, string id, string argument, string? fix, params string[] args) =>
            Findings.Add(PlanFinding.Create(member, id, argument, Skips: false, fix, args));
    }

    /// <summary>The YAML files' name: ManifestName when it is a usable file name (PB0108 otherwise), else the class name in kebab case.</summary>
    private static string ManifestStem(BindingSpec spec, PlanState state)
    {
        string? name = spec.Settings.ManifestName;
        if (name is null)
        {
            return ToKebab(spec.TypeName);
        }

        if (!NameRules.IsDns1123Subdomain(name) || name.Length > 63)
        {
            state.Findings.Add(PlanFinding.Create("", DiagnosticIds.InvalidManifestName, AttributeContract.DownwardBinding.ManifestName, Skips: false, fix: null, name));
            return ToKebab(spec.TypeName);
        }

        return name;
    }

    /// <summary>Class-level settings; returns the workload name a patch may target (null: no patch).</summary>
    private static string? CheckClass(ClassSettings settings, PlanState state, string volume, string mountPath)
    {
        void ClassError(string id, string argument, params string[] args) =>
            state.Findings.Add(PlanFinding.Create("", id, argument, Skips: true, fix: null, args));

        if (!NameRules.IsDns1123Label(state.Container))
        {
            ClassError(DiagnosticIds.InvalidContainerName, AttributeContract.DownwardBinding.ContainerName,
                state.Container, "set ContainerName on [DownwardBinding] to the container's name");
        }

        if (!NameRules.IsDns1123Label(volume))
        {
            ClassError(DiagnosticIds.InvalidVolumeName, AttributeContract.DownwardBinding.VolumeName, volume);
        }

        if (!NameRules.IsUsableMountPath(mountPath))
        {
            ClassError(DiagnosticIds.InvalidMountPath, AttributeContract.DownwardBinding.MountPath, mountPath);
        }

        if (settings.WorkloadKind == AttributeContract.WorkloadKind.None)
        {
            return null;
        }

        if (WorkloadKinds.FromValue(settings.WorkloadKind) is null)
        {
            // A cast such as (WorkloadKind)42: no kind to patch, rather than a patch of the wrong kind.
            state.Warn("", DiagnosticIds.InvalidWorkload, AttributeContract.DownwardBinding.WorkloadKind, null,
                $"WorkloadKind {settings.WorkloadKind} is not a kind PodBinding can patch; use one of {WorkloadKinds.WritableNames()}");
            return null;
        }

        if (settings.WorkloadName is not { } name || !NameRules.IsDns1123Subdomain(name))
        {
            state.Warn("", DiagnosticIds.InvalidWorkload, AttributeContract.DownwardBinding.WorkloadName, null, settings.WorkloadName is null
                ? "WorkloadKind is set but WorkloadName is not; set WorkloadName to the workload's metadata.name"
                : $"WorkloadName '{settings.WorkloadName}' is not a valid Kubernetes object name (a lower-case DNS-1123 subdomain)");
            return null;
        }

        return name;
    }

    /// <returns>Why the member was skipped, or null when <paramref name="planned"/> is set.</returns>
    private static PlanFinding? PlanMember(MemberSpec m, PlanState state, out PlannedMember? planned)
    {
        planned = null;
        PlanFinding Skip(string id, string argument, string? fix, params string[] args) => PlanFinding.Create(m.Name, id, argument, Skips: true, fix, args);

        if (!m.HasSetter)
        {
            return Skip(DiagnosticIds.NoSetter, "", null, m.Name);
        }

        if (m.Kind == ClrKind.Unsupported)
        {
            Resolve(m, out DownwardField? known, out _, out _);
            return Skip(DiagnosticIds.WrongType, "", known is null ? null : SuggestFullName(known.Shape, m.IsNullable),
                m.Name, m.TypeDisplay, "a Downward API value", "use string, Guid, IPAddress, IReadOnlyList<IPAddress>, IReadOnlyDictionary<string, string>, int, long or decimal");
        }

        PlanFinding? unresolved = Resolve(m, out DownwardField? field, out string defaultEnv, out string defaultFile);
        if (field is null)
        {
            return unresolved;
        }

        if (!IsCompatible(field.Shape, m.Kind))
        {
            return Skip(DiagnosticIds.WrongType, "", SuggestFullName(field.Shape, m.IsNullable),
                m.Name, m.TypeDisplay, $"'{m.Path}' ({Describe(field.Shape)})", $"declare it as {Suggest(field.Shape)}");
        }

        string? divisor = null;
        string? container = null;
        if (field.IsResource)
        {
            string? error = CanonicalDivisor(field.Path, m.Divisor, out divisor);
            if (error is not null)
            {
                return Skip(DiagnosticIds.InvalidDivisor, AttributeContract.FromDownward.Divisor, null, m.Divisor!, field.Path, error);
            }

            if (m.Divisor is not null && m.Divisor != divisor)
            {
                state.Warn(m.Name, DiagnosticIds.NonCanonicalDivisor, AttributeContract.FromDownward.Divisor, divisor, m.Divisor, divisor!, field.Path);
            }

            container = m.ContainerName ?? state.Container;
            if (!NameRules.IsDns1123Label(container))
            {
                return Skip(DiagnosticIds.InvalidContainerName, AttributeContract.FromDownward.ContainerName, null, container, "set ContainerName to the name of the container whose resources are read");
            }

            string token = FieldCatalog.DivisorToken(field.Path, divisor!);
            string prefix = m.ContainerName is null || m.ContainerName == state.Container ? "" : container;
            defaultEnv = (prefix.Length > 0 ? FieldCatalog.ToEnvToken(prefix) + "_" : "") + defaultEnv + (token.Length > 0 ? "_" + token : "");
            defaultFile = (prefix.Length > 0 ? prefix + "." : "") + defaultFile + (token.Length > 0 ? "." + token.ToLowerInvariant() : "");
        }
        else if (m.Divisor is not null)
        {
            return Skip(DiagnosticIds.ResourceOptionOnField, AttributeContract.FromDownward.Divisor, null, AttributeContract.FromDownward.Divisor, FieldCatalog.DescribeResources(), m.Path);
        }
        else if (m.ContainerName is not null)
        {
            return Skip(DiagnosticIds.ResourceOptionOnField, AttributeContract.FromDownward.ContainerName, null, AttributeContract.FromDownward.ContainerName, FieldCatalog.DescribeResources(), m.Path);
        }

        string[]? channelError = ChooseChannel(m, field, out bool isVolume);
        if (channelError is not null)
        {
            return Skip(DiagnosticIds.WrongChannel, ChannelArgument(m), isVolume ? AttributeContract.DownwardSource.EnvironmentName : AttributeContract.DownwardSource.VolumeName, channelError);
        }

        WarnIfNameIgnored(m, isVolume, state);
        string name;
        if (isVolume)
        {
            if (!NameRules.TryCleanItemPath(m.File ?? defaultFile, out name, out string pathError))
            {
                return Skip(DiagnosticIds.InvalidItemPath, AttributeContract.FromDownward.File, null, m.File ?? defaultFile, pathError);
            }

            foreach (KeyValuePair<string, string> used in state.Files)
            {
                if (used.Key == name)
                {
                    return Skip(DiagnosticIds.DuplicateItemPath, AttributeContract.FromDownward.File, null, name, $"is already used by '{used.Value}'");
                }

                if (NameRules.ItemPathsClash(used.Key, name))
                {
                    return Skip(DiagnosticIds.DuplicateItemPath, AttributeContract.FromDownward.File, null, name, $"clashes with '{used.Key}' of '{used.Value}' (a file and a directory cannot share a name)");
                }
            }

            state.Files.Add(name, m.Name);
            if (field.IsResource && m.ContainerName is null && state.GuessedContainer)
            {
                state.Warn(m.Name, DiagnosticIds.GuessedContainerName, "", null, m.Path, state.Container);
            }
        }
        else
        {
            name = m.EnvVar ?? defaultEnv;
            if (!NameRules.IsStrictEnvVarName(name))
            {
                if (!NameRules.IsRelaxedEnvVarName(name))
                {
                    return Skip(DiagnosticIds.InvalidEnvVarName, AttributeContract.FromDownward.EnvVar, null, name,
                        "use letters, digits, '_', '-', '.'; not starting with a digit");
                }

                if (!state.Target.AtLeast(KubernetesVersions.RelaxedEnvVarNames))
                {
                    return Skip(DiagnosticIds.InvalidEnvVarName, AttributeContract.FromDownward.EnvVar, null, name,
                        $"it is a relaxed env var name, accepted from Kubernetes {KubernetesVersions.RelaxedEnvVarNames} (on by default; GA {KubernetesVersions.RelaxedEnvVarNamesGA}), but the project targets {state.Target} (PodBindingKubernetesVersion), whose API server rejects it; use letters, digits and '_'");
                }

                state.Warn(m.Name, DiagnosticIds.RelaxedEnvVarName, AttributeContract.FromDownward.EnvVar, null,
                    name, KubernetesVersions.RelaxedEnvVarNames.ToString(), state.Target.ToString());
            }

            if (state.EnvVars.TryGetValue(name, out string? owner))
            {
                return Skip(DiagnosticIds.DuplicateEnvVar, AttributeContract.FromDownward.EnvVar, null, name, $"is already used by '{owner}'");
            }

            state.EnvVars.Add(name, m.Name);
            WarnIfStale(m, field, state);
        }

        planned = new PlannedMember(
            m.Name,
            m.Kind,
            m.IsNullable,
            isVolume,
            name,
            field.IsResource ? null : m.Path,
            field.IsResource ? field.Path : null,
            container,
            divisor,
            field.Volatility);
        return null;
    }

    /// <summary>An EnvVar for a volume member, or a File for an env member, names nothing: say so instead of dropping it.</summary>
    private static void WarnIfNameIgnored(MemberSpec m, bool isVolume, PlanState state)
    {
        string source = isVolume ? "Source = DownwardSource.Volume" : "Source = DownwardSource.Environment";
        if (m.Source == AttributeContract.DownwardSource.Auto && m.EnvVar is not null && m.File is not null)
        {
            state.Warn(m.Name, DiagnosticIds.IgnoredChannelName, AttributeContract.FromDownward.File, AttributeContract.FromDownward.File,
                $"File = \"{m.File}\"", $"EnvVar and File name both channels, so '{m.Name}' is read from env var '{m.EnvVar}'", "remove File, or remove EnvVar to read it from the volume");
        }
        else if (isVolume && m.EnvVar is not null)
        {
            state.Warn(m.Name, DiagnosticIds.IgnoredChannelName, AttributeContract.FromDownward.EnvVar, AttributeContract.FromDownward.EnvVar,
                $"EnvVar = \"{m.EnvVar}\"", $"{source} reads '{m.Path}' from the volume", "remove EnvVar (File names the volume item)");
        }
        else if (!isVolume && m.File is not null)
        {
            state.Warn(m.Name, DiagnosticIds.IgnoredChannelName, AttributeContract.FromDownward.File, AttributeContract.FromDownward.File,
                $"File = \"{m.File}\"", $"{source} reads '{m.Path}' from an env var", "remove File (EnvVar names the env var)");
        }
    }

    /// <summary>Env vars are resolved once, at container start (docs/kubernetes-rules.md): say so for values that change later (docs/kubernetes-rules.md).</summary>
    private static void WarnIfStale(MemberSpec m, DownwardField field, PlanState state)
    {
        if (field.Volatility == Volatility.Mutable)
        {
            state.Warn(m.Name, DiagnosticIds.StaleMetadataInEnv, ChannelArgument(m), AttributeContract.DownwardSource.VolumeName, m.Path);
        }
        else if (field.Volatility == Volatility.Resizable)
        {
            state.Warn(m.Name, DiagnosticIds.ResizableResourceInEnv, ChannelArgument(m), AttributeContract.DownwardSource.VolumeName, field.Path);
        }
    }

    /// <summary>The argument that chose the channel: Source if given, else the explicit name, else the path.</summary>
    private static string ChannelArgument(MemberSpec m) =>
        m.Source != AttributeContract.DownwardSource.Auto ? AttributeContract.FromDownward.Source : m.EnvVar is not null ? AttributeContract.FromDownward.EnvVar : m.File is not null ? AttributeContract.FromDownward.File : AttributeContract.FromDownward.Path;

    /// <summary>Finds the catalog entry for a path, or says why there is none.</summary>
    private static PlanFinding? Resolve(MemberSpec m, out DownwardField? field, out string defaultEnv, out string defaultFile)
    {
        string path = m.Path;
        PlanFinding Skip(string id, params string[] args) => PlanFinding.Create(m.Name, id, AttributeContract.FromDownward.Path, Skips: true, fix: null, args);
        field = null;
        defaultEnv = "";
        defaultFile = "";
        if (path.Length == 0)
        {
            return Skip(DiagnosticIds.UnknownFieldPath, path, $"the path is empty; use a path such as \"{DownwardFieldPaths.Name}\"");
        }

        if (FieldPathSyntax.TrySplitSubscript(path, out string basePath, out string key))
        {
            bool labels = basePath == FieldCatalog.Labels;
            if (!labels && basePath != FieldCatalog.Annotations)
            {
                return Skip(DiagnosticIds.InvalidSubscript, key, basePath, $"only {FieldCatalog.Labels}['key'] and {FieldCatalog.Annotations}['key'] take one");
            }

            if (!FieldPathSyntax.IsValidKey(basePath, key, out string keyError))
            {
                return Skip(DiagnosticIds.InvalidSubscript, key, basePath, keyError);
            }

            field = labels ? FieldCatalog.LabelKey : FieldCatalog.AnnotationKey;
            defaultEnv = field.DefaultEnvVar + FieldCatalog.ToEnvToken(key);
            defaultFile = field.DefaultFile + key.Replace('/', '_');
            return null;
        }

        field = FieldCatalog.FindField(path) ?? FieldCatalog.FindResource(path);
        if (field is not null)
        {
            if (field.IsResource && !IsValidHugePages(path, out string hugeError))
            {
                field = null;
                return Skip(DiagnosticIds.InvalidResource, path, hugeError);
            }

            defaultEnv = field.DefaultEnvVar;
            defaultFile = field.DefaultFile;
            return null;
        }

        if (FieldCatalog.Unsupported.TryGetValue(path, out string? why))
        {
            return Skip(DiagnosticIds.UnknownFieldPath, path, why);
        }

        return Skip(DiagnosticIds.UnknownFieldPath, path, $"use {FieldCatalog.DescribeValidPaths()}");
    }

    /// <summary>The API accepts any <c>hugepages-</c> suffix (docs/kubernetes-rules.md); PodBinding asks for a real page size.</summary>
    private static bool IsValidHugePages(string resource, out string error)
    {
        error = "";
        int dash = resource.IndexOf("hugepages-", StringComparison.Ordinal);
        if (dash < 0)
        {
            return true;
        }

        string size = resource.Substring(dash + "hugepages-".Length);
        if (Quantity.TryParse(size, out Quantity q, out _) && q.Value > 0m)
        {
            return true;
        }

        error = $"it does not name a page size; use a size such as {resource.Substring(0, dash)}hugepages-2Mi or hugepages-1Gi";
        return false;
    }

    private static string? CanonicalDivisor(string resource, string? written, out string? canonical)
    {
        canonical = null;
        if (written is null)
        {
            canonical = "1";
            return null;
        }

        if (!Quantity.TryParse(written, out Quantity q, out string parseError))
        {
            return $"{parseError}; use one of {string.Join(", ", FieldCatalog.DivisorsFor(resource))}";
        }

        IReadOnlyList<string> allowed = FieldCatalog.DivisorsFor(resource);
        if (q.IsZero)
        {
            canonical = "1"; // a zero divisor means "unset", i.e. 1 (docs/kubernetes-rules.md)
            return null;
        }

        string asKubernetesSees = q.KubernetesString();
        foreach (string ok in allowed)
        {
            if (ok == asKubernetesSees)
            {
                canonical = ok;
                return null;
            }
        }

        return $"use one of {string.Join(", ", allowed)}";
    }

    private static string[]? ChooseChannel(MemberSpec m, DownwardField field, out bool isVolume)
    {
        int requested = m.Source;
        if (requested == AttributeContract.DownwardSource.Auto)
        {
            // An explicit name says which channel is meant.
            requested = m.EnvVar is not null ? AttributeContract.DownwardSource.Environment : m.File is not null ? AttributeContract.DownwardSource.Volume : AttributeContract.DownwardSource.Auto;
        }

        isVolume = requested switch
        {
            AttributeContract.DownwardSource.Environment => false,
            AttributeContract.DownwardSource.Volume => true,
            _ => field.LegalIn == Channels.Volume || (field.LegalIn == Channels.Both && field.Volatility == Volatility.Mutable),
        };

        // Under Auto an explicit name chose the channel: the fix is to drop that name, not to set Source.
        bool byName = m.Source == AttributeContract.DownwardSource.Auto;
        if (isVolume && (field.LegalIn & Channels.Volume) == 0)
        {
            return new[]
            {
                m.Path, "an env var", "a downwardAPI volume",
                byName ? $"File = \"{m.File}\" asks for the volume: remove File (set EnvVar to name the env var)" : "use Source = DownwardSource.Environment or Auto",
            };
        }

        if (!isVolume && (field.LegalIn & Channels.Env) == 0)
        {
            return new[]
            {
                m.Path, "a downwardAPI volume", "an env var",
                byName ? $"EnvVar = \"{m.EnvVar}\" asks for an env var: remove EnvVar (set File to name the volume item)" : "use Source = DownwardSource.Volume or Auto",
            };
        }

        return null;
    }

    private static bool IsCompatible(ValueShape shape, ClrKind kind) => shape switch
    {
        ValueShape.Text or ValueShape.MapKey => kind == ClrKind.String,
        ValueShape.Uid => kind is ClrKind.String or ClrKind.Guid,
        ValueShape.IPAddress => kind is ClrKind.String or ClrKind.IPAddress,
        ValueShape.IPAddressList => kind is ClrKind.String or ClrKind.IPAddressList,
        ValueShape.Map => kind == ClrKind.StringMap,
        ValueShape.Resource => kind is ClrKind.Int32 or ClrKind.Int64 or ClrKind.Decimal,
        _ => false,
    };

    private static string Describe(ValueShape shape) => shape switch
    {
        ValueShape.Text => "text",
        ValueShape.MapKey => "one label or annotation value",
        ValueShape.Uid => "a UID",
        ValueShape.IPAddress => "one IP address",
        ValueShape.IPAddressList => "a comma-separated list of IP addresses",
        ValueShape.Map => "a whole map of keys and values",
        _ => "a whole number (the kubelet divides by the divisor and rounds up)",
    };

    private static string Suggest(ValueShape shape) => shape switch
    {
        ValueShape.Text or ValueShape.MapKey => "string",
        ValueShape.Uid => "Guid (or string)",
        ValueShape.IPAddress => "IPAddress (or string)",
        ValueShape.IPAddressList => "IReadOnlyList<IPAddress> (or string)",
        ValueShape.Map => "IReadOnlyDictionary<string, string>",
        _ => "long (or int, decimal)",
    };

    /// <summary>The type a code fix declares, fully qualified (the fix simplifies it); nullable kept.</summary>
    private static string SuggestFullName(ValueShape shape, bool nullable) => shape switch
    {
        ValueShape.Text or ValueShape.MapKey => "string",
        ValueShape.Uid => "global::System.Guid",
        ValueShape.IPAddress => "global::System.Net.IPAddress",
        ValueShape.IPAddressList => "global::System.Collections.Generic.IReadOnlyList<global::System.Net.IPAddress>",
        ValueShape.Map => "global::System.Collections.Generic.IReadOnlyDictionary<string, string>",
        _ => "long",
    } + (nullable ? "?" : "");

    /// <summary><c>PodInfo</c> → <c>pod-info</c>, <c>HTTPSettings</c> → <c>http-settings</c>.</summary>
    public static string ToKebab(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool boundary = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
                if (boundary && text.Length > 0 && text[text.Length - 1] != '-')
                {
                    text.Append('-');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(char.IsLetterOrDigit(c) ? c : '-');
            }
        }

        return text.ToString().Trim('-');
    }

    /// <summary>An assembly name as a DNS label, the last default for the container name: <c>Orders.Api</c> → <c>orders-api</c>.</summary>
    public static string ToDnsLabel(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name.ToLowerInvariant())
        {
            char mapped = c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-';
            if (mapped != '-' || (text.Length > 0 && text[text.Length - 1] != '-'))
            {
                text.Append(mapped);
            }
        }

        string label = text.ToString().Trim('-');
        if (label.Length > 63)
        {
            label = label.Substring(0, 63).TrimEnd('-');
        }

        return label.Length == 0 ? "app" : label;
    }
}
