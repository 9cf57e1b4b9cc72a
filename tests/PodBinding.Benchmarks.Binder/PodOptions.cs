using Microsoft.Extensions.Configuration;

namespace PodBinding.Benchmarks.Binder;

/// <summary>
/// The sample's <c>PodInfo</c> as an options class: the same nine environment variables and three volume items,
/// under the keys <c>AddEnvironmentVariables()</c> and <c>AddKeyPerFile(dir)</c> produce. What the binders cannot
/// convert (the kubelet's label/annotation map files, IP addresses) stays a string, parsed by hand afterwards.
/// </summary>
public sealed class PodOptions
{
    [ConfigurationKeyName("POD_NAME")]
    public string? Name { get; set; }

    [ConfigurationKeyName("POD_NAMESPACE")]
    public string? Namespace { get; set; }

    [ConfigurationKeyName("POD_UID")]
    public Guid Uid { get; set; }

    /// <summary>The raw <c>labels</c> file (<c>key="value"</c> lines).</summary>
    [ConfigurationKeyName("labels")]
    public string? Labels { get; set; }

    /// <summary>The raw <c>annotations</c> file.</summary>
    [ConfigurationKeyName("annotations")]
    public string? Annotations { get; set; }

    [ConfigurationKeyName("label.app.kubernetes.io_version")]
    public string? Version { get; set; }

    [ConfigurationKeyName("NODE_NAME")]
    public string? NodeName { get; set; }

    [ConfigurationKeyName("POD_SERVICE_ACCOUNT")]
    public string? ServiceAccount { get; set; }

    [ConfigurationKeyName("POD_IP")]
    public string? PodIP { get; set; }

    /// <summary>Comma-separated, as the kubelet renders <c>status.podIPs</c>.</summary>
    [ConfigurationKeyName("POD_IPS")]
    public string? PodIPs { get; set; }

    [ConfigurationKeyName("LIMITS_MEMORY_MIB")]
    public long MemoryLimitMi { get; set; }

    [ConfigurationKeyName("REQUESTS_CPU_MILLICORES")]
    public int CpuRequestMillicores { get; set; }
}

/// <summary>Call sites the configuration binding generator intercepts.</summary>
public static class GeneratedBinder
{
    /// <summary><c>configuration.Get&lt;PodOptions&gt;()</c>, bound by generated code.</summary>
    public static PodOptions Get(IConfiguration configuration) =>
        configuration.Get<PodOptions>() ?? throw new InvalidOperationException("no configuration to bind");

    /// <summary>Whether the generator was active when this assembly was built (its generated types are here).</summary>
    public static bool IsSourceGenerated =>
        typeof(GeneratedBinder).Assembly.GetTypes().Any(t => t.Namespace?.StartsWith("Microsoft.Extensions.Configuration.Binder.SourceGeneration", StringComparison.Ordinal) == true);
}
