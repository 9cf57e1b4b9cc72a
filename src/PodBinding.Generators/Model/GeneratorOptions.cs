using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Catalog;

namespace PodBinding.Generators.Model;

/// <summary>Project-wide settings: MSBuild properties and the assembly name, reduced to a small equatable value.</summary>
/// <param name="ContainerName">MSBuild <c>PodBindingContainerName</c>, if set.</param>
/// <param name="ManifestFolder">MSBuild <c>PodBindingManifestFolder</c>, relative to the project.</param>
/// <param name="AssemblyName">The compilation's assembly name (the last default for the container name).</param>
/// <param name="KubernetesVersion">MSBuild <c>PodBindingKubernetesVersion</c>, parsed once; the default when unset or malformed.</param>
/// <param name="KubernetesVersionText">The property as written when it is malformed (PB0106 reports it), else null.</param>
/// <param name="KubectlImage">MSBuild <c>PodBindingKubectlImage</c>, if set: replaces the catalog's image for the target.</param>
internal sealed record GeneratorOptions(
    string? ContainerName,
    string ManifestFolder,
    string AssemblyName,
    KubernetesVersion KubernetesVersion = default,
    string? KubernetesVersionText = null,
    string? KubectlImage = null)
{
    public const string DefaultManifestFolder = "deploy/podbinding";

    /// <summary>Reads the MSBuild properties the package makes visible to the compiler (the generator and analyzers alike).</summary>
    public static GeneratorOptions From(AnalyzerConfigOptions global, string? assemblyName)
    {
        string? versionText = Property(global, KubernetesVersions.Property);
        bool valid = KubernetesVersions.TryParse(versionText, out KubernetesVersion version);
        return new GeneratorOptions(
            Property(global, "PodBindingContainerName"),
            Property(global, "PodBindingManifestFolder") ?? DefaultManifestFolder,
            assemblyName ?? "",
            valid ? version : KubernetesVersions.Default,
            versionText is not null && !valid ? versionText : null,
            Property(global, KubernetesVersions.KubectlImageProperty));
    }

    /// <summary>The target version; a record built without one (tests) means the default.</summary>
    public KubernetesVersion Target => KubernetesVersion.Major == 0 ? KubernetesVersions.Default : KubernetesVersion;

    public static string? Property(AnalyzerConfigOptions global, string name) =>
        global.TryGetValue("build_property." + name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
