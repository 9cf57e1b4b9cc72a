using System;
using System.Collections.Generic;
using PodBinding.Shared;

namespace PodBinding.Generators.Catalog;

/// <summary>
/// The one table of Downward API facts. The generator routes and converts with it, the YAML emitter writes from it,
/// and the analyzers judge with it. Paths and rules from the API server's validators in pkg/apis/core/validation/validation.go:
/// the allow-lists validEnvDownwardAPIFieldPathExpressions and validVolumeDownwardAPIFieldPathExpressions, resources
/// (validateContainerResourceFieldSelector) and divisors (validateContainerResourceDivisor).
/// </summary>
internal static class FieldCatalog
{
    public const string Labels = DownwardFieldPaths.Labels;
    public const string Annotations = DownwardFieldPaths.Annotations;

    /// <summary>Every plain (non-subscripted, non-resource) field path Kubernetes accepts in env or volume.</summary>
    public static IReadOnlyList<DownwardField> Fields { get; } = new[]
    {
        new DownwardField(DownwardFieldPaths.Name, Channels.Both, ValueShape.Text, Volatility.Immutable, "POD_NAME", "name"),
        new DownwardField(DownwardFieldPaths.Namespace, Channels.Both, ValueShape.Text, Volatility.Immutable, "POD_NAMESPACE", "namespace"),
        new DownwardField(DownwardFieldPaths.Uid, Channels.Both, ValueShape.Uid, Volatility.Immutable, "POD_UID", "uid"),
        new DownwardField(Labels, Channels.Volume, ValueShape.Map, Volatility.Mutable, "", "labels"),
        new DownwardField(Annotations, Channels.Volume, ValueShape.Map, Volatility.Mutable, "", "annotations"),
        new DownwardField(DownwardFieldPaths.NodeName, Channels.Env, ValueShape.Text, Volatility.Immutable, "NODE_NAME", ""),
        new DownwardField(DownwardFieldPaths.ServiceAccountName, Channels.Env, ValueShape.Text, Volatility.Immutable, "POD_SERVICE_ACCOUNT", ""),
        new DownwardField(DownwardFieldPaths.PodIP, Channels.Env, ValueShape.IPAddress, Volatility.Immutable, "POD_IP", ""),
        new DownwardField(DownwardFieldPaths.PodIPs, Channels.Env, ValueShape.IPAddressList, Volatility.Immutable, "POD_IPS", ""),
        new DownwardField(DownwardFieldPaths.HostIP, Channels.Env, ValueShape.IPAddress, Volatility.Rare, "HOST_IP", ""),
        new DownwardField(DownwardFieldPaths.HostIPs, Channels.Env, ValueShape.IPAddressList, Volatility.Rare, "HOST_IPS", ""),
    };

    /// <summary>The entries for one label or annotation key (<c>metadata.labels['k']</c>): legal in both channels (docs/kubernetes-rules.md step 4).</summary>
    public static DownwardField LabelKey { get; } =
        new(Labels, Channels.Both, ValueShape.MapKey, Volatility.Mutable, "POD_LABEL_", "label.");

    public static DownwardField AnnotationKey { get; } =
        new(Annotations, Channels.Both, ValueShape.MapKey, Volatility.Mutable, "POD_ANNOTATION_", "annotation.");

    /// <summary>Paths that pass the API's conversion but no allow-list, or that people try: why, and what to use.</summary>
    public static IReadOnlyDictionary<string, string> Unsupported { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DownwardFieldAliases.Host] = "it is a legacy alias that only env vars accept; use '" + DownwardFieldPaths.NodeName + "'",
        ["status.phase"] = "the Downward API does not expose it (it changes after start); read the pod through the API server",
        ["spec.restartPolicy"] = "the Downward API does not expose it",
        ["spec.schedulerName"] = "the Downward API does not expose it",
        ["spec.terminationGracePeriodSeconds"] = "the Downward API does not expose it",
        ["metadata.ownerReferences"] = "the Downward API does not expose it (KEP-4753 did not merge); read the pod through the API server",
        ["metadata.generateName"] = "the Downward API does not expose it",
        ["metadata.creationTimestamp"] = "the Downward API does not expose it",
    };

    /// <summary>Resource names with a fixed spelling (docs/kubernetes-rules.md); hugepages take a size after the prefix.</summary>
    public static IReadOnlyList<string> Resources { get; } = new[]
    {
        "limits.cpu", "requests.cpu", "limits.memory", "requests.memory", "limits.ephemeral-storage", "requests.ephemeral-storage",
    };

    public const string LimitsHugePagesPrefix = DownwardResourcePrefixes.Limits + DownwardResourcePrefixes.HugePages;
    public const string RequestsHugePagesPrefix = DownwardResourcePrefixes.Requests + DownwardResourcePrefixes.HugePages;

    /// <summary>Canonical divisors the API server accepts for cpu (docs/kubernetes-rules.md).</summary>
    public static IReadOnlyList<string> CpuDivisors { get; } = new[] { "1", "1m" };

    /// <summary>Canonical divisors the API server accepts for memory, ephemeral-storage and hugepages (docs/kubernetes-rules.md).</summary>
    public static IReadOnlyList<string> ByteDivisors { get; } = new[]
    {
        "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei",
    };

    public static DownwardField? FindField(string path)
    {
        foreach (DownwardField field in Fields)
        {
            if (string.Equals(field.Path, path, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The catalog entry for a resource name, or null when the API would reject the name.</summary>
    public static DownwardField? FindResource(string resource)
    {
        bool fixedName = false;
        foreach (string name in Resources)
        {
            fixedName |= string.Equals(name, resource, StringComparison.Ordinal);
        }

        bool hugePages = resource.StartsWith(LimitsHugePagesPrefix, StringComparison.Ordinal)
                      || resource.StartsWith(RequestsHugePagesPrefix, StringComparison.Ordinal);
        if (!fixedName && !hugePages)
        {
            return null;
        }

        string env = ToEnvToken(resource);
        return new DownwardField(resource, Channels.Both, ValueShape.Resource, ResourceVolatility(resource), env, resource);
    }

    /// <summary>Whether the value of a <c>fieldRef</c> path (as a manifest writes it) can change while the pod runs.</summary>
    public static Volatility VolatilityOfFieldPath(string path)
    {
        if (FieldPathSyntax.TrySplitSubscript(path, out string basePath, out _))
        {
            return basePath is Labels or Annotations ? Volatility.Mutable : Volatility.Immutable;
        }

        return FindField(path)?.Volatility ?? Volatility.Immutable;
    }

    /// <summary>Whether the value of a <c>resourceFieldRef</c> resource can change while the pod runs.</summary>
    public static Volatility VolatilityOfResource(string resource) =>
        FindResource(resource) is null ? Volatility.Immutable : ResourceVolatility(resource);

    /// <summary>Whether a field path reads labels (whole map or one key) rather than annotations.</summary>
    public static bool IsLabels(string path) =>
        path == Labels || (FieldPathSyntax.TrySplitSubscript(path, out string basePath, out _) && basePath == Labels);

    // cpu and memory change with in-place resize (KEP-1287); ephemeral storage and hugepages cannot.
    private static Volatility ResourceVolatility(string resource) =>
        IsCpu(resource) || resource is "limits.memory" or "requests.memory" ? Volatility.Resizable : Volatility.Immutable;

    /// <summary>Every path a member can bind, for messages: the plain fields, the key forms and the resources.</summary>
    public static string DescribeValidPaths()
    {
        var paths = new List<string>();
        foreach (DownwardField field in Fields)
        {
            paths.Add(field.Path);
        }

        paths.Add(LabelKey.Path + "['key']");
        paths.Add(AnnotationKey.Path + "['key']");
        var resources = new List<string>(Resources) { LimitsHugePagesPrefix + "<size>", RequestsHugePagesPrefix + "<size>" };
        return string.Join(", ", paths) + ", or a resource: " + string.Join(", ", resources);
    }

    /// <summary>The resource families, for messages: <c>limits.*, requests.*</c>.</summary>
    public static string DescribeResources()
    {
        var families = new List<string>();
        foreach (string resource in Resources)
        {
            string family = resource.Substring(0, resource.IndexOf('.') + 1) + "*";
            if (!families.Contains(family))
            {
                families.Add(family);
            }
        }

        return string.Join(", ", families);
    }

    public static bool IsCpu(string resource) => resource is "limits.cpu" or "requests.cpu";

    /// <summary>
    /// Limits whose value, when the container sets none, is the node's allocatable amount: the kubelet fills every
    /// unset cpu, memory and ephemeral-storage limit from <c>node.Status.Allocatable</c> before it resolves a
    /// resourceFieldRef (kubernetes/kubernetes pkg/kubelet/kubelet_resources.go, <c>defaultPodLimitsForDownwardAPI</c>,
    /// through <c>MergeContainerResourceLimits</c> in pkg/api/v1/resource/helpers.go). cpu is left out here: in
    /// millicores an int still holds 2,147,483 cores.
    /// </summary>
    public static bool DefaultsToNodeAllocatable(string resource) => resource is "limits.memory" or "limits.ephemeral-storage";

    /// <summary>
    /// 1 PiB: more memory or local disk than any node has. An int read with a divisor whose
    /// <c>int.MaxValue × divisor</c> is below it (the divisors 1, 1k and 1Ki: 2 GiB, 2.1 TB, 2 TiB) can overflow on a
    /// real node (machines with several TiB of memory, and disks above 2 TiB, are sold today); from 1M up (2.1 PB) it
    /// cannot.
    /// </summary>
    public const decimal LargestNodeBytes = 1125899906842624m;

    /// <summary>The bytes of a canonical byte divisor (<c>1Ki</c> → 1024, null or empty → 1), or null for another string.</summary>
    public static decimal? ByteDivisorValue(string? canonicalDivisor)
    {
        if (string.IsNullOrEmpty(canonicalDivisor) || canonicalDivisor == "1")
        {
            return 1m;
        }

        int index = Array.IndexOf(ByteSuffixes, canonicalDivisor!.Substring(1));
        if (canonicalDivisor[0] != '1' || index < 0)
        {
            return null;
        }

        bool binary = index >= 6;
        decimal value = 1m;
        for (int i = 0; i <= index % 6; i++)
        {
            value *= binary ? 1024m : 1000m;
        }

        return value;
    }

    private static readonly string[] ByteSuffixes = { "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" };

    /// <summary>Whether an int read of a byte resource with <paramref name="canonicalDivisor"/> can overflow on a real node (<see cref="LargestNodeBytes"/>).</summary>
    public static bool IntMayOverflow(string? canonicalDivisor) =>
        ByteDivisorValue(canonicalDivisor) is { } bytes && int.MaxValue * bytes < LargestNodeBytes;

    /// <summary><c>int.MaxValue × divisor</c> for messages: <c>2 GiB</c> (1), <c>2.1 TB</c> (1k), <c>2 TiB</c> (1Ki).</summary>
    public static string IntCapacity(string? canonicalDivisor)
    {
        decimal bytes = int.MaxValue * (ByteDivisorValue(canonicalDivisor) ?? 1m);
        bool binary = string.IsNullOrEmpty(canonicalDivisor) || canonicalDivisor == "1" || canonicalDivisor!.EndsWith("i", StringComparison.Ordinal);
        string[] units = binary ? new[] { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" } : new[] { "B", "kB", "MB", "GB", "TB", "PB", "EB" };
        decimal step = binary ? 1024m : 1000m;
        int unit = 0;
        while (bytes >= step && unit < units.Length - 1)
        {
            bytes /= step;
            unit++;
        }

        return Math.Round(bytes, 1).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static IReadOnlyList<string> DivisorsFor(string resource) => IsCpu(resource) ? CpuDivisors : ByteDivisors;

    /// <summary>A readable unit suffix for default names: <c>1Mi</c> → <c>MIB</c>, <c>1m</c> (cpu) → <c>MILLICORES</c>.</summary>
    public static string DivisorToken(string resource, string canonicalDivisor)
    {
        if (canonicalDivisor == "1")
        {
            return "";
        }

        if (IsCpu(resource))
        {
            return "MILLICORES";
        }

        // "1Mi" → "MIB", "1k" → "KB": the divisor's unit, read as bytes.
        return canonicalDivisor.Substring(1).ToUpperInvariant() + "B";
    }

    /// <summary><c>app.kubernetes.io/name</c> → <c>APP_KUBERNETES_IO_NAME</c>: a strict, shell-friendly name (docs/kubernetes-rules.md).</summary>
    public static string ToEnvToken(string text)
    {
        var chars = new char[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            chars[i] = c is >= 'a' and <= 'z' ? (char)(c - 32) : c is >= 'A' and <= 'Z' or >= '0' and <= '9' ? c : '_';
        }

        return new string(chars);
    }
}
