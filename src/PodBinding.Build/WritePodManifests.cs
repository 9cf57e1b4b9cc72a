using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace PodBinding.Build;

/// <summary>
/// Writes (or, with <see cref="Verify"/>, checks) the YAML files the PodBinding generator embedded in the compiled
/// assembly as <c>[assembly: AssemblyMetadata("PodBinding.Manifest:&lt;path&gt;", "&lt;content&gt;")]</c>.
/// </summary>
/// <remarks>
/// <para>A source generator may not write files, so the generator hands the YAML over in metadata and this task,
/// running after <c>CoreCompile</c>, puts it on disk. The assembly is read with System.Reflection.Metadata: nothing
/// is loaded and no user code runs.</para>
/// <para>Write mode writes a file only when its text differs, so unchanged files keep their timestamps, and deletes
/// files under <see cref="OutputDirectory"/> that start with <see cref="GeneratedHeader"/> but are no longer produced.
/// Files without that header are never touched.</para>
/// <para>Text is compared ignoring a UTF-8 byte order mark and CRLF versus LF line endings, so a checkout with
/// <c>core.autocrlf=true</c> neither fails verification nor gets rewritten.</para>
/// </remarks>
public sealed class WritePodManifests : Task
{
    /// <summary>Every file the generator produces starts with a line beginning with this text.</summary>
    public const string GeneratedHeader = PodBinding.Shared.ManifestContract.HeaderPrefix;

    /// <summary>A manifest is missing or differs from what the code produces (verify mode).</summary>
    public const string StaleCode = "PBB001";

    /// <summary>A generated file is no longer produced by the code (verify mode).</summary>
    public const string OrphanCode = "PBB002";

    /// <summary>The compiled assembly cannot be read.</summary>
    public const string UnreadableAssemblyCode = "PBB003";

    /// <summary>The assembly carries a manifest whose path or content is unusable.</summary>
    public const string InvalidManifestCode = "PBB004";

    /// <summary>A manifest file cannot be written or deleted.</summary>
    public const string FileAccessCode = "PBB005";

    /// <summary>A file PodBinding would write exists but is the user's (no generated header): it is never overwritten.</summary>
    public const string UserFileCode = "PBB007";

    private const string RunWithoutVerify = "Run 'dotnet build' without -p:PodBindingVerifyManifests=true";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static readonly StringComparer PathComparer =
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>The compiled assembly (normally <c>@(IntermediateAssembly)</c>).</summary>
    [Required]
    public string AssemblyPath { get; set; } = "";

    /// <summary>The folder the files go to (default <c>$(MSBuildProjectDirectory)/deploy/podbinding</c>).</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>Paths in messages are shown relative to this folder (normally <c>$(MSBuildProjectDirectory)</c>).</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>Change nothing; report each missing, differing or orphaned file as an error (for CI).</summary>
    public bool Verify { get; set; }

    /// <summary>The files written in this run (write mode).</summary>
    [Output]
    public ITaskItem[] WrittenFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>The orphaned generated files deleted in this run (write mode).</summary>
    [Output]
    public ITaskItem[] DeletedFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        string assemblyPath = Path.GetFullPath(AssemblyPath);
        List<KeyValuePair<string, string?>> attributes;
        try
        {
            attributes = ManifestReader.ReadManifestAttributes(assemblyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException or NotSupportedException)
        {
            Log.LogError(null, UnreadableAssemblyCode, null, assemblyPath, 0, 0, 0, 0,
                "PodBinding cannot read the compiled assembly '{0}' to extract the generated YAML: {1} Rebuild the project; if it persists, delete the obj folder and build again.",
                assemblyPath, ex.Message);
            return false;
        }

        // Classes' tables become their fragment, patch and the workloads' volume patches, with the generator's emitters.
        List<KeyValuePair<string, string?>> files;
        try
        {
            files = PodBinding.Generators.Emit.ManifestExpansion.Expand(attributes);
        }
        catch (FormatException ex)
        {
            Log.LogError(null, InvalidManifestCode, null, assemblyPath, 0, 0, 0, 0,
                "The assembly carries PodBinding manifest attributes that cannot be read: {0} This is a PodBinding bug or a mix of PodBinding versions: rebuild with one version of the package.",
                ex.Message);
            return false;
        }

        string outputDirectory = Path.GetFullPath(OutputDirectory);
        string projectDirectory = Path.GetFullPath(string.IsNullOrEmpty(ProjectDirectory) ? Directory.GetCurrentDirectory() : ProjectDirectory);

        Dictionary<string, Manifest>? expected = Collect(files, outputDirectory, assemblyPath);
        if (expected is null)
        {
            return false;
        }

        // Before anything is written: a file in the way that PodBinding did not write stops the whole run, so the folder is
        // never left half-updated next to a file the user owns.
        if (!CheckNoUserFiles(expected.Keys, projectDirectory))
        {
            return false;
        }

        var written = new List<ITaskItem>();
        var deleted = new List<ITaskItem>();
        foreach (KeyValuePair<string, Manifest> pair in expected.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            SyncFile(pair.Key, pair.Value.Content, projectDirectory, written);
        }

        RemoveOrphans(outputDirectory, expected, projectDirectory, deleted);

        WrittenFiles = written.ToArray();
        DeletedFiles = deleted.ToArray();
        if (!Log.HasLoggedErrors)
        {
            Log.LogMessage(MessageImportance.Normal, "PodBinding: {0} manifest file(s) {1} in {2}.",
                expected.Count, Verify ? "verified" : "up to date", Display(outputDirectory, projectDirectory));
        }

        return !Log.HasLoggedErrors;
    }

    // Full path → manifest, or null after logging errors for unusable keys.
    private Dictionary<string, Manifest>? Collect(List<KeyValuePair<string, string?>> attributes, string outputDirectory, string assemblyPath)
    {
        var expected = new Dictionary<string, Manifest>(PathComparer);
        bool ok = true;
        foreach (KeyValuePair<string, string?> attribute in attributes)
        {
            string relative = attribute.Key;
            string? problem = CheckRelativePath(relative) ?? (attribute.Value is null ? "its content is null" : null);
            if (problem is not null)
            {
                Log.LogError(null, InvalidManifestCode, null, assemblyPath, 0, 0, 0, 0,
                    "The assembly carries the manifest attribute '{0}' but {1}. This is a PodBinding generator bug or a hand-written AssemblyMetadata attribute: manifest keys must be 'PodBinding.Manifest:' followed by a relative path using '/'.",
                    ManifestReader.KeyPrefix + attribute.Key, problem);
                ok = false;
                continue;
            }

            string fullPath = Path.GetFullPath(Path.Combine(outputDirectory, relative.Replace('/', Path.DirectorySeparatorChar)));
            var manifest = new Manifest(relative, Normalize(attribute.Value!));
            if (expected.TryGetValue(fullPath, out Manifest? previous))
            {
                if (previous.Content != manifest.Content)
                {
                    Log.LogError(null, InvalidManifestCode, null, assemblyPath, 0, 0, 0, 0,
                        "The assembly carries two different contents for the manifest '{0}'{1}. Give the classes that produce it different file names.",
                        relative, previous.RelativePath == relative ? "" : $" (also named '{previous.RelativePath}')");
                    ok = false;
                }

                continue;
            }

            expected.Add(fullPath, manifest);
        }

        return ok ? expected : null;
    }

    // The header marks PodBinding's own files; anything else was written by a person (a hand-made kustomization.yaml in
    // a folder PodBindingManifestFolder points at, a generated file whose header was edited away) and is never replaced.
    private bool CheckNoUserFiles(IEnumerable<string> paths, string projectDirectory)
    {
        bool ok = true;
        foreach (string fullPath in paths.OrderBy(p => p, StringComparer.Ordinal))
        {
            string display = Display(fullPath, projectDirectory);
            try
            {
                if (!File.Exists(fullPath) || HasGeneratedHeader(fullPath))
                {
                    continue;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, FileAccessCode, null, fullPath, 0, 0, 0, 0, "PodBinding cannot read {0}: {1}", display, ex.Message);
                ok = false;
                continue;
            }

            Log.LogError(null, UserFileCode, null, fullPath, 1, 0, 0, 0,
                "{0} was not written by PodBinding (its first line is not '{1}'), so PodBinding does not overwrite it and wrote no YAML in this build. Point PodBindingManifestFolder at a folder of its own (the default is deploy/podbinding), or move {0} elsewhere and build again.",
                display, GeneratedHeader);
            ok = false;
        }

        return ok;
    }

    private static string? CheckRelativePath(string relative)
    {
        if (relative.Length == 0)
        {
            return "its file path is empty";
        }

        if (relative.IndexOf('\\') >= 0 || relative.IndexOf(':') >= 0 || relative.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return "its file path contains '\\', ':' or a character not allowed in paths";
        }

        if (relative.StartsWith("/", StringComparison.Ordinal))
        {
            return "its file path is absolute";
        }

        if (relative.Split('/').Any(segment => segment.Length == 0 || segment == "." || segment == ".."))
        {
            return "its file path has an empty, '.' or '..' segment";
        }

        return null;
    }

    private void SyncFile(string fullPath, string content, string projectDirectory, List<ITaskItem> written)
    {
        string display = Display(fullPath, projectDirectory);
        string? existing;
        try
        {
            existing = File.Exists(fullPath) ? Normalize(ReadText(fullPath)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, FileAccessCode, null, fullPath, 0, 0, 0, 0, "PodBinding cannot read {0}: {1}", display, ex.Message);
            return;
        }

        if (existing == content)
        {
            return;
        }

        if (Verify)
        {
            if (existing is null)
            {
                Log.LogError(null, StaleCode, null, fullPath, 0, 0, 0, 0,
                    "{0} is missing: the [FromDownward] attributes in the code produce it. {1} and commit the new file.",
                    display, RunWithoutVerify);
            }
            else
            {
                int line = FirstDifferentLine(existing, content);
                Log.LogError(null, StaleCode, null, fullPath, line, 0, 0, 0,
                    "{0} is out of date with the [FromDownward] attributes in the code (first difference at line {1}). {2} and commit the updated file.",
                    display, line, RunWithoutVerify);
            }

            return;
        }

        // A multi-targeted project runs this task once per target framework, in parallel, on the same files: a write
        // can collide with a sibling's. Retry a few times, and stop when the sibling has already written this content.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                File.WriteAllBytes(fullPath, Utf8NoBom.GetBytes(content));
                break;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (attempt < 4)
                {
                    System.Threading.Thread.Sleep(50 * attempt);
                    if (TryReadNormalized(fullPath) == content)
                    {
                        return;
                    }

                    continue;
                }

                Log.LogError(null, FileAccessCode, null, fullPath, 0, 0, 0, 0,
                    "PodBinding cannot write {0}: {1} Make the file and its folder writable, or set PodBindingManifestFolder to another folder.", display, ex.Message);
                return;
            }
        }

        written.Add(new TaskItem(fullPath));
        Log.LogMessage(MessageImportance.High, "PodBinding: {0} {1}", existing is null ? "created" : "updated", display);
    }

    private void RemoveOrphans(string outputDirectory, Dictionary<string, Manifest> expected, string projectDirectory, List<ITaskItem> deleted)
    {
        if (!Directory.Exists(outputDirectory))
        {
            return;
        }

        List<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(outputDirectory, "*", SearchOption.AllDirectories)
                .Where(path => !expected.ContainsKey(Path.GetFullPath(path)))
                .OrderBy(path => path, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, FileAccessCode, null, outputDirectory, 0, 0, 0, 0,
                "PodBinding cannot list {0} to find files it no longer produces: {1}", Display(outputDirectory, projectDirectory), ex.Message);
            return;
        }

        var emptiedDirectories = new HashSet<string>(PathComparer);
        foreach (string path in candidates)
        {
            string display = Display(path, projectDirectory);
            try
            {
                if (!HasGeneratedHeader(path))
                {
                    continue;
                }

                if (Verify)
                {
                    Log.LogError(null, OrphanCode, null, path, 1, 0, 0, 0,
                        "{0} was generated by PodBinding but no class in the code produces it any more (it was renamed or removed). {1} to delete it, and commit the deletion.",
                        display, RunWithoutVerify);
                    continue;
                }

                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, FileAccessCode, null, path, 0, 0, 0, 0,
                    "PodBinding cannot {0} {1}, which it generated but no longer produces: {2}", Verify ? "read" : "delete", display, ex.Message);
                continue;
            }

            deleted.Add(new TaskItem(path));
            Log.LogMessage(MessageImportance.High, "PodBinding: deleted {0} (no class produces it any more)", display);
            emptiedDirectories.Add(Path.GetDirectoryName(path)!);
        }

        // Folders left empty by the deletions (never the output folder itself, never folders that were already empty).
        foreach (string directory in emptiedDirectories.OrderByDescending(d => d.Length))
        {
            for (string? current = directory;
                 current is not null && current.Length > outputDirectory.Length && current.StartsWith(outputDirectory, StringComparison.Ordinal);
                 current = Path.GetDirectoryName(current))
            {
                try
                {
                    if (Directory.EnumerateFileSystemEntries(current).Any())
                    {
                        break;
                    }

                    Directory.Delete(current);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    break;
                }
            }
        }
    }

    private static bool HasGeneratedHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Utf8NoBom, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[GeneratedHeader.Length];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = reader.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read == buffer.Length && new string(buffer) == GeneratedHeader;
    }

    private static string ReadText(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Utf8NoBom, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string? TryReadNormalized(string path)
    {
        try
        {
            return File.Exists(path) ? Normalize(ReadText(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    /// <summary>The 1-based number of the first line that differs (a missing line counts as different).</summary>
    internal static int FirstDifferentLine(string actual, string expected) => PodBinding.Shared.ManifestContract.FirstDifferentLine(actual, expected) + 1;

    private static string Display(string fullPath, string projectDirectory)
    {
        string root = projectDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        string shown = fullPath.StartsWith(root, PathComparer == StringComparer.Ordinal ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)
            ? fullPath.Substring(root.Length)
            : fullPath;
        return shown.Replace('\\', '/');
    }
}
