using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace PodBinding.Generators.Manifests;

/// <summary>
/// The project's YAML (its AdditionalFiles ending in .yaml/.yml) for one compilation: env var name → where a manifest
/// sets it, and the pod specs per file. Each file's text is parsed once and cached by its <see cref="SourceText"/>
/// through the analyzer driver's <see cref="SourceTextValueProvider{TValue}"/>, so the analyzers share one parse and an
/// unchanged file is not parsed again in the next compilation.
/// </summary>
internal sealed class ManifestIndex
{
    // One provider instance = one cache (weakly keyed by SourceText); shared by every analyzer on purpose.
    private static readonly SourceTextValueProvider<ManifestText> Provider = new(static text => ManifestText.Read(text, CancellationToken.None));

    private readonly Dictionary<string, List<EnvBinding>> _env = new(StringComparer.Ordinal);

    private ManifestIndex(string? projectDirectory, ImmutableArray<ManifestFile> files)
    {
        ProjectDirectory = projectDirectory;
        Files = files;
        foreach (ManifestFile file in files)
        {
            foreach (PodSpecEntry spec in file.Text.PodSpecs)
            {
                foreach (ContainerEntry container in spec.Containers)
                {
                    foreach (EnvEntry env in container.Env)
                    {
                        if (!_env.TryGetValue(env.Name, out List<EnvBinding>? list))
                        {
                            _env[env.Name] = list = new List<EnvBinding>();
                        }

                        list.Add(new EnvBinding(file, spec.Workload, container.Name, env));
                        HasNoStaleEnv &= !(env.IsMutableMetadata || env.IsResizableResource);
                    }
                }
            }
        }
    }

    /// <summary>The project folder (<c>build_property.ProjectDir</c>), or null when the host doesn't say.</summary>
    public string? ProjectDirectory { get; }

    public ImmutableArray<ManifestFile> Files { get; }

    /// <summary>
    /// True when no manifest sets an env var from a label, an annotation or a resizable resource: raw reads have nothing
    /// to go stale, and PB0202 registers no operation action (which would make the driver build IOperation trees).
    /// </summary>
    public bool HasNoStaleEnv { get; private set; } = true;

    /// <summary>Where manifests set env var <paramref name="name"/> (exact, case-sensitive as on Linux).</summary>
    public IReadOnlyList<EnvBinding> Env(string name) =>
        _env.TryGetValue(name, out List<EnvBinding>? list) ? list : (IReadOnlyList<EnvBinding>)Array.Empty<EnvBinding>();

    /// <summary>Where manifests set env var <paramref name="name"/>, ignoring case (configuration keys are case-insensitive).</summary>
    public IEnumerable<EnvBinding> EnvIgnoreCase(string name)
    {
        foreach (KeyValuePair<string, List<EnvBinding>> entry in _env)
        {
            if (string.Equals(entry.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                foreach (EnvBinding binding in entry.Value)
                {
                    yield return binding;
                }
            }
        }
    }

    /// <summary>The analyzer driver's per-text cache: pass <c>CompilationStartAnalysisContext.TryGetValue</c>.</summary>
    public delegate bool CachedParse(SourceText text, SourceTextValueProvider<ManifestText> provider, out ManifestText? value);

    /// <summary>Call from a compilation start action: <c>ManifestIndex.Create(start.Options, start.TryGetValue, start.CancellationToken)</c>.</summary>
    public static ManifestIndex Create(AnalyzerOptions options, CachedParse cache, CancellationToken ct)
    {
        string? projectDirectory = options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.ProjectDir", out string? dir)
            && !string.IsNullOrWhiteSpace(dir) ? dir : null;
        var files = ImmutableArray.CreateBuilder<ManifestFile>();
        foreach (AdditionalText file in options.AdditionalFiles)
        {
            ct.ThrowIfCancellationRequested();
            if (!IsYaml(file.Path) || file.GetText(ct) is not { } text
                || !cache(text, Provider, out ManifestText? parsed) || parsed is null)
            {
                continue;
            }

            files.Add(new ManifestFile(file, DisplayPath(file.Path, projectDirectory), text, parsed));
        }

        return new ManifestIndex(projectDirectory, files.ToImmutable());
    }

    /// <summary>Parses outside an analyzer (tests, benchmarks); same result as the cached path.</summary>
    internal static ManifestText Parse(SourceText text) => ManifestText.Read(text, CancellationToken.None);

    public static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path relative to the project folder with '/' separators, or the full path outside it.</summary>
    public static string DisplayPath(string path, string? projectDirectory)
    {
        string normalized = path.Replace('\\', '/');
        if (projectDirectory is not null)
        {
            string root = projectDirectory.Replace('\\', '/');
            if (!root.EndsWith("/", StringComparison.Ordinal))
            {
                root += "/";
            }

            if (normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase))
            {
                return normalized.Substring(root.Length);
            }
        }

        return normalized;
    }
}

/// <summary>One YAML AdditionalFile: the file, how messages show its path, its text and what it holds.</summary>
internal sealed record ManifestFile(AdditionalText File, string DisplayPath, SourceText Source, ManifestText Text)
{
    /// <summary>A location in this file (AdditionalFiles have no syntax tree, so the location is an external one).</summary>
    public Location Location(TextSpan span) => Microsoft.CodeAnalysis.Location.Create(File.Path, span, Source.Lines.GetLinePositionSpan(span));

    /// <summary>The whole of zero-based <paramref name="line"/>, without its line break.</summary>
    public Location LineLocation(int line)
    {
        TextLineCollection lines = Source.Lines;
        TextLine text = lines[Math.Max(0, Math.Min(line, lines.Count - 1))];
        return Location(text.Span);
    }
}

/// <summary>An env var a manifest sets: in which file, for which container of which workload.</summary>
/// <param name="Workload"><c>Kind/name</c> of the object the pod spec belongs to, or null for a bare pod-spec fragment.</param>
internal sealed record EnvBinding(ManifestFile File, string? Workload, string Container, EnvEntry Entry)
{
    /// <summary><c>deploy/base/deployment.yaml:23</c> (one-based line).</summary>
    public string Where => File.DisplayPath + ":" + (Entry.Line + 1);

    /// <summary><c>container 'orders' of Deployment/orders at deploy/base/deployment.yaml:23</c>, for messages.</summary>
    public string Describe() => "container '" + Container + "'" + (Workload is null ? "" : " of " + Workload) + " at " + Where;

    /// <summary>Whether two entries give the env var the same value: same field path, or same resource, container and divisor.</summary>
    public bool SameMapping(EnvBinding other) =>
        Entry.FieldPath == other.Entry.FieldPath && Entry.Resource == other.Entry.Resource
        && (Entry.ResourceContainer ?? Container) == (other.Entry.ResourceContainer ?? other.Container)
        && (string.IsNullOrEmpty(Entry.Divisor) ? "1" : Entry.Divisor) == (string.IsNullOrEmpty(other.Entry.Divisor) ? "1" : other.Entry.Divisor);
}
