using System.Globalization;
using System.Text;
using PodBinding.Formats;
using PodBinding.Shared;

namespace PodBinding.Testing;

/// <summary>
/// A pod as the kubelet sees it, for tests and local development: produces the environment variables and the
/// downward API volume content the kubelet would give a container bound by a <see cref="DownwardBindingInfo"/>.
/// </summary>
public sealed class SimulatedPod
{
    private static readonly string[] ResourcesWithAllocatableFallback = ["cpu", "memory", "ephemeral-storage"];

    /// <summary><c>metadata.name</c>.</summary>
    public string Name { get; set; } = "simulated-pod";

    /// <summary><c>metadata.namespace</c>.</summary>
    public string Namespace { get; set; } = "default";

    /// <summary><c>metadata.uid</c>.</summary>
    public Guid Uid { get; set; } = Guid.NewGuid();

    /// <summary><c>spec.nodeName</c>.</summary>
    public string NodeName { get; set; } = "node-1";

    /// <summary><c>spec.serviceAccountName</c> (the ServiceAccount admission plugin defaults it to <c>default</c>).</summary>
    public string ServiceAccountName { get; set; } = "default";

    /// <summary>The pod's IPs, primary family first (<c>status.podIPs</c>).</summary>
    public IList<string> PodIPs { get; set; } = new List<string> { "10.244.1.23" };

    /// <summary>The node's IPs, at most one per family, primary first (<c>status.hostIPs</c>).</summary>
    public IList<string> HostIPs { get; set; } = new List<string> { "192.168.49.2" };

    /// <summary>The user's labels.</summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The user's annotations (the kubelet adds <c>kubernetes.io/config.*</c> to these, docs/kubernetes-rules.md).</summary>
    public Dictionary<string, string> Annotations { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>spec.containers</c> by name, with their resources.</summary>
    public Dictionary<string, ContainerResources> Containers { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>spec.initContainers</c> by name, with their resources.</summary>
    public Dictionary<string, ContainerResources> InitContainers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The node's <c>status.allocatable</c>: what a missing cpu, memory or ephemeral-storage limit reads as (docs/kubernetes-rules.md).</summary>
    public Dictionary<string, string> NodeAllocatable { get; set; } = new(StringComparer.Ordinal)
    {
        ["cpu"] = "4",
        ["memory"] = "8Gi",
        ["ephemeral-storage"] = "100Gi",
    };

    /// <summary>When the kubelet first saw the pod: the <c>kubernetes.io/config.seen</c> annotation.</summary>
    public DateTimeOffset ConfigSeen { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The annotations as the kubelet's copy of the pod has them: the user's plus <c>kubernetes.io/config.source</c> and <c>.seen</c>.</summary>
    public IReadOnlyDictionary<string, string> KubeletAnnotations
    {
        get
        {
            var annotations = new Dictionary<string, string>(Annotations, StringComparer.Ordinal)
            {
                ["kubernetes.io/config.source"] = "api",
                ["kubernetes.io/config.seen"] = FormatRfc3339Nano(ConfigSeen),
            };
            return annotations;
        }
    }

    /// <summary>The kubelet's value for a <c>fieldRef.fieldPath</c> (docs/kubernetes-rules.md).</summary>
    /// <exception cref="ArgumentException">The path is not one the kubelet resolves.</exception>
    public string ResolveField(string fieldPath)
    {
        ArgumentNullException.ThrowIfNull(fieldPath);
        if (TrySplitSubscript(fieldPath, out string? baseName, out string? key))
        {
            IReadOnlyDictionary<string, string> map = baseName switch
            {
                DownwardFieldPaths.Labels => Labels,
                DownwardFieldPaths.Annotations => KubeletAnnotations,
                _ => throw new ArgumentException($"Field path '{fieldPath}': only metadata.labels and metadata.annotations take a subscript.", nameof(fieldPath)),
            };

            // A missing key is not an error: it reads as the empty string (docs/kubernetes-rules.md).
            return map.TryGetValue(key, out string? value) ? value : "";
        }

        return fieldPath switch
        {
            DownwardFieldPaths.Name => Name,
            DownwardFieldPaths.Namespace => Namespace,
            DownwardFieldPaths.Uid => Uid.ToString("D"),
            DownwardFieldPaths.Labels => KubeletMapFormat.Format(Labels),
            DownwardFieldPaths.Annotations => KubeletMapFormat.Format(KubeletAnnotations),
            DownwardFieldPaths.NodeName or DownwardFieldAliases.Host => NodeName,
            DownwardFieldPaths.ServiceAccountName => ServiceAccountName,
            DownwardFieldPaths.PodIP => PodIPs.Count > 0 ? PodIPs[0] : "",
            DownwardFieldPaths.PodIPs => string.Join(',', PodIPs),
            DownwardFieldPaths.HostIP => HostIPs.Count > 0 ? HostIPs[0] : "",
            DownwardFieldPaths.HostIPs => string.Join(',', HostIPs),
            _ => throw new ArgumentException($"Field path '{fieldPath}' is not one the kubelet resolves.", nameof(fieldPath)),
        };
    }

    /// <summary>
    /// The kubelet's value for a <c>resourceFieldRef</c> as a downward API volume computes it (pkg/api/v1/resource/helpers.go, ExtractContainerResourceValue): the
    /// container's quantity divided by the divisor and rounded up; a missing cpu, memory or ephemeral-storage limit reads as
    /// node allocatable, a missing request or hugepages entry as <c>0</c>.
    /// </summary>
    /// <param name="containerName">The container whose resources are read (containers first, then init containers).</param>
    /// <param name="resource"><c>limits.cpu</c>, <c>requests.memory</c>, <c>limits.hugepages-2Mi</c>, …</param>
    /// <param name="divisor">A quantity such as <c>1Mi</c>; null, empty or zero means 1.</param>
    /// <exception cref="ArgumentException">Unknown container, resource or malformed quantity.</exception>
    public string ResolveResource(string containerName, string resource, string? divisor) =>
        ResolveResource(containerName, resource, divisor, allocatableFallback: true);

    /// <summary>
    /// The environment variables the kubelet gives the bound container: every environment reference of
    /// <paramref name="info"/>, plus <c>KUBERNETES_SERVICE_HOST</c> and <c>KUBERNETES_SERVICE_PORT</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment(DownwardBindingInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1",
            ["KUBERNETES_SERVICE_PORT"] = "443",
        };
        foreach (DownwardReference reference in info.References)
        {
            if (reference.Source == DownwardSource.Environment)
            {
                environment[reference.Name] = Resolve(info, reference, forEnvironment: true);
            }
        }

        return environment;
    }

    /// <summary>The downward API volume's items for <paramref name="info"/>: item path → file content.</summary>
    public IReadOnlyDictionary<string, string> VolumePayload(DownwardBindingInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var payload = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DownwardReference reference in info.References)
        {
            if (reference.Source == DownwardSource.Volume)
            {
                payload[reference.Name] = Resolve(info, reference, forEnvironment: false);
            }
        }

        return payload;
    }

    /// <summary>Writes <paramref name="info"/>'s volume items with <paramref name="writer"/>, as the kubelet would on a pod sync.</summary>
    /// <returns>Whether a new version was written (false when nothing changed).</returns>
    public bool WriteVolume(KubeletVolumeWriter writer, DownwardBindingInfo info)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.Write(VolumePayload(info));
    }

    /// <summary>Go's <c>time.RFC3339Nano</c>: fractional seconds without trailing zeros, <c>Z</c> for UTC.</summary>
    internal static string FormatRfc3339Nano(DateTimeOffset time)
    {
        var text = new StringBuilder(time.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture));
        long nanoseconds = (time.Ticks % TimeSpan.TicksPerSecond) * 100;
        if (nanoseconds != 0)
        {
            text.Append('.').Append(nanoseconds.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        if (time.Offset == TimeSpan.Zero)
        {
            text.Append('Z');
        }
        else
        {
            TimeSpan offset = time.Offset.Duration();
            text.Append(time.Offset < TimeSpan.Zero ? '-' : '+').Append(offset.ToString("hh':'mm", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private string Resolve(DownwardBindingInfo info, DownwardReference reference, bool forEnvironment)
    {
        if (reference.FieldPath is not null)
        {
            return ResolveField(reference.FieldPath);
        }

        if (reference.Resource is null)
        {
            throw new ArgumentException($"Reference {reference.MemberName} has neither a field path nor a resource.", nameof(info));
        }

        string container = string.IsNullOrEmpty(reference.ContainerName) ? info.ContainerName : reference.ContainerName;

        // The env path merges node allocatable into spec.containers and the current container only, not into other
        // init containers; the volume path merges it into whichever container it finds (docs/kubernetes-rules.md).
        bool fallback = !forEnvironment || Containers.ContainsKey(container) || container == info.ContainerName;
        return ResolveResource(container, reference.Resource, reference.Divisor, fallback);
    }

    private string ResolveResource(string containerName, string resource, string? divisor, bool allocatableFallback)
    {
        ArgumentNullException.ThrowIfNull(containerName);
        ArgumentNullException.ThrowIfNull(resource);
        if (!Containers.TryGetValue(containerName, out ContainerResources? container)
            && !InitContainers.TryGetValue(containerName, out container))
        {
            throw new ArgumentException($"container {containerName} not found (the kubelet fails the container start or the mount).", nameof(containerName));
        }

        bool isLimit = resource.StartsWith(DownwardResourcePrefixes.Limits, StringComparison.Ordinal);
        if (!isLimit && !resource.StartsWith(DownwardResourcePrefixes.Requests, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Resource '{resource}' is not limits.* or requests.*.", nameof(resource));
        }

        string name = resource[(resource.IndexOf('.', StringComparison.Ordinal) + 1)..];
        bool isHugePages = name.StartsWith(DownwardResourcePrefixes.HugePages, StringComparison.Ordinal);
        if (!isHugePages && Array.IndexOf(ResourcesWithAllocatableFallback, name) < 0)
        {
            throw new ArgumentException($"Resource '{resource}' is not one the downward API exposes.", nameof(resource));
        }

        Dictionary<string, string> list = isLimit ? container.Limits : container.Requests;
        Quantity amount = ParseOrZero(list.TryGetValue(name, out string? text) ? text : null);
        if (isLimit && amount.IsZero && !isHugePages && allocatableFallback)
        {
            amount = ParseOrZero(NodeAllocatable.TryGetValue(name, out string? allocatable) ? allocatable : null);
        }

        Quantity by = ParseOrZero(string.IsNullOrEmpty(divisor) ? null : divisor);
        decimal result;
        if (name == "cpu")
        {
            decimal divide = by.IsZero ? 1000m : by.CeilMilliValue();
            result = Math.Ceiling(amount.CeilMilliValue() / divide);
        }
        else
        {
            decimal divide = by.IsZero ? 1m : by.CeilValue();
            result = Math.Ceiling(amount.CeilValue() / divide);
        }

        return result.ToString("0", CultureInfo.InvariantCulture);
    }

    private static Quantity ParseOrZero(string? text)
    {
        if (text is null)
        {
            Quantity.TryParse("0", out Quantity zero, out _);
            return zero;
        }

        return Quantity.TryParse(text, out Quantity quantity, out string error)
            ? quantity
            : throw new ArgumentException($"'{text}' is not a quantity: {error}", nameof(text));
    }

    /// <summary><c>fieldpath.SplitMaybeSubscriptedPath</c> (docs/kubernetes-rules.md): no unescaping, no trimming.</summary>
    private static bool TrySplitSubscript(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? baseName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? subscript)
    {
        baseName = null;
        subscript = null;
        if (!path.EndsWith("']", StringComparison.Ordinal))
        {
            return false;
        }

        string trimmed = path[..^2];
        int open = trimmed.IndexOf("['", StringComparison.Ordinal);
        if (open <= 0)
        {
            return false;
        }

        baseName = trimmed[..open];
        subscript = trimmed[(open + 2)..];
        return true;
    }
}
