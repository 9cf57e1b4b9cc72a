using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Manifests;
using PodBinding.Generators.Model;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// PB0300: a committed YAML file in the manifest folder (one that starts with PodBinding's header) differs from what
/// the code generates now, or no class generates it any more. Compares against the generator's own emitters, fed by the
/// same Parser and planner, and reports on the first differing line. CRLF counts as LF, like the MSBuild task.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ManifestDriftAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ManifestDrift);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AttributeContract.FromDownwardAttribute) is not { } attribute)
            {
                return;
            }

            if (BuildFixesManifests(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions))
            {
                return; // the build's own task rewrites or deletes each file right after this compile, and logs it once
            }

            ManifestIndex index = ManifestIndex.Create(start.Options, start.TryGetValue, start.CancellationToken);
            GeneratorOptions options = GeneratorOptions.From(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions, start.Compilation.AssemblyName);
            var generated = new List<(ManifestFile File, string Name)>();
            foreach (ManifestFile file in index.Files)
            {
                if (file.Text.IsGenerated && NameInFolder(file.File.Path, index.ProjectDirectory, options.ManifestFolder) is { } name)
                {
                    generated.Add((file, name));
                }
            }

            if (generated.Count == 0)
            {
                return; // nothing committed to compare: the common case costs no symbol walk
            }

            Compilation compilation = start.Compilation;
            var expected = new Once<Dictionary<string, ExpectedFile>>(
                ct => ExpectedFiles.For(
                    BindingIndex.For(compilation, attribute, options).Classes(ct),
                    compilation.GetTypeByMetadataName(AttributeContract.FromApiAttribute) is { } fromApi ? ApiFactsClasses.Find(compilation, fromApi, ct) : null));
            start.RegisterAdditionalFileAction(ctx =>
            {
                foreach ((ManifestFile file, string name) in generated)
                {
                    if (ReferenceEquals(file.File, ctx.AdditionalFile) || file.File.Path == ctx.AdditionalFile.Path)
                    {
                        Analyze(ctx, file, name, options.ManifestFolder, expected.Get(ctx.CancellationToken));
                    }
                }
            });
        });
    }

    private static void Analyze(AdditionalFileAnalysisContext context, ManifestFile file, string name, string folder, Dictionary<string, ExpectedFile> expected)
    {
        string committed = Normalize(file.Source.ToString());
        if (!expected.TryGetValue(name, out ExpectedFile? wanted))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ManifestDrift,
                file.LineLocation(0),
                file.DisplayPath,
                "no [FromDownward] class in this project generates it any more; delete it (a build that writes the manifests deletes it)"));
            return;
        }

        string generated = wanted.Content();
        string content = Normalize(generated);
        if (content == committed)
        {
            return;
        }

        int line = ManifestContract.FirstDifferentLine(committed, content);
        string display = folder.TrimEnd('/', '\\') + "/" + name;
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ManifestDrift,
            file.LineLocation(line),
            ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Content, generated),
            file.DisplayPath,
            $"it differs from what {wanted.Owner} generates (first at line {line + 1}); rebuild to rewrite {display}, or apply the code fix, and commit it"));
    }

    /// <summary>
    /// A command-line build that writes the YAML (the default) or verifies it runs the PodBindingWriteManifests task right
    /// after the compile: it rewrites or deletes each stale file and says so (or, verifying, reports PBB001/PBB002). A
    /// PB0300 in that same build would tell the user to do what the build is about to do. The IDE's design-time builds
    /// never run the task, so there (and where the YAML is neither written nor verified) PB0300 is the only report.
    /// </summary>
    internal static bool BuildFixesManifests(AnalyzerConfigOptions global)
    {
        bool designTime = string.Equals(GeneratorOptions.Property(global, "DesignTimeBuild"), "true", StringComparison.OrdinalIgnoreCase);
        bool writes = string.Equals(GeneratorOptions.Property(global, "PodBindingWriteManifests"), "true", StringComparison.OrdinalIgnoreCase);
        bool verifies = string.Equals(GeneratorOptions.Property(global, "PodBindingVerifyManifests"), "true", StringComparison.OrdinalIgnoreCase);
        return !designTime && (writes || verifies);
    }

    /// <summary>The file's name inside the manifest folder ('/' separated), or null when it is elsewhere.</summary>
    internal static string? NameInFolder(string path, string? projectDirectory, string manifestFolder)
    {
        string normalized = path.Replace('\\', '/');
        string folder = manifestFolder.Replace('\\', '/').Trim('/');
        if (folder.Length == 0)
        {
            return null;
        }

        if (projectDirectory is not null && !IsRooted(folder))
        {
            string root = projectDirectory.Replace('\\', '/').TrimEnd('/') + "/" + folder + "/";
            return normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? normalized.Substring(root.Length) : null;
        }

        if (IsRooted(manifestFolder.Replace('\\', '/')))
        {
            string root = manifestFolder.Replace('\\', '/').TrimEnd('/') + "/";
            return normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? normalized.Substring(root.Length) : null;
        }

        // No project folder from the host: the last "/<folder>/" in the path.
        int at = normalized.LastIndexOf("/" + folder + "/", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : normalized.Substring(at + folder.Length + 2);
    }

    private static bool IsRooted(string path) => path.StartsWith("/", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');

    private static string Normalize(string text) => (text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text).Replace("\r\n", "\n");
}
