using Microsoft.CodeAnalysis.Diagnostics;

namespace PodBinding.Generators.Model;

/// <summary>Project-wide settings: MSBuild properties and the assembly name, reduced to a small equatable value.</summary>
/// <param name="ContainerName">MSBuild <c>PodBindingContainerName</c>, if set.</param>
/// <param name="ManifestFolder">MSBuild <c>PodBindingManifestFolder</c>, relative to the project.</param>
/// <param name="AssemblyName">The compilation's assembly name (the last default for the container name).</param>
internal sealed record GeneratorOptions(string? ContainerName, string ManifestFolder, string AssemblyName)
{
    public const string DefaultManifestFolder = "deploy/podbinding";

    /// <summary>Reads the MSBuild properties the package makes visible to the compiler (the generator and analyzers alike).</summary>
    public static GeneratorOptions From(AnalyzerConfigOptions global, string? assemblyName) => new(
        Property(global, "PodBindingContainerName"),
        Property(global, "PodBindingManifestFolder") ?? DefaultManifestFolder,
        assemblyName ?? "");

    public static string? Property(AnalyzerConfigOptions global, string name) =>
        global.TryGetValue("build_property." + name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
