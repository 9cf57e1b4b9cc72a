using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace PodBinding.Testing;

/// <summary>
/// Writes a downward API volume exactly as the kubelet's AtomicWriter does (docs/kubernetes-rules.md, "Volume layout"): every version in a fresh
/// <c>..YYYY_MM_DD_HH_MM_SS.digits</c> directory, <c>..data</c> switched to it by one <c>rename(2)</c>, one top-level
/// symbolic link per user-visible entry, and the old version removed last. Linux and macOS only.
/// </summary>
public sealed class KubeletVolumeWriter
{
    private const string DataLinkName = "..data";
    private const string TemporaryLinkName = "..data_tmp";
    private const int MaxPathLength = 4096;
    private const int MaxFileNameLength = 255;

    private DateTime _lastTimestamp = DateTime.MinValue;

    /// <summary>A writer for the volume at <paramref name="volumeDirectory"/> (created on the first write if missing).</summary>
    public KubeletVolumeWriter(string volumeDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(volumeDirectory);
        VolumeDirectory = Path.GetFullPath(volumeDirectory);
    }

    /// <summary>The volume directory.</summary>
    public string VolumeDirectory { get; }

    /// <summary>The UTC time used for the timestamp in new version names. Default: the current time.</summary>
    public Func<DateTime> Clock { get; set; } = () => DateTime.UtcNow;

    /// <summary>
    /// When set, every new version's timestamp is at least one second after the previous one, so versions written within
    /// the same second still differ (and sort) by their timestamp, not only by their random suffix.
    /// </summary>
    public bool DistinctTimestamps { get; set; }

    /// <summary>The mode given to every file (the item <c>mode</c>, by default the volume's <c>defaultMode</c> 0644).</summary>
    public UnixFileMode FileMode { get; set; } =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The current version directory's name (the target of <c>..data</c>), or null before the first write.</summary>
    public string? CurrentVersion => ReadDataLink();

    /// <summary>Writes <paramref name="payload"/> (item path → content, UTF-8) as the new content of the volume.</summary>
    /// <param name="payload">Every item of the volume; items not in it are removed.</param>
    /// <param name="onStep">Called after each step, so a test can act in between (read, delete, …).</param>
    /// <returns><see langword="true"/> when a new version was written; <see langword="false"/> when the content was unchanged.</returns>
    /// <exception cref="ArgumentException">An item path is one the kubelet rejects (docs/kubernetes-rules.md), or two paths conflict.</exception>
    public bool Write(IReadOnlyDictionary<string, string> payload, Action<KubeletWriteStep>? onStep = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The kubelet's volume layout relies on rename(2) of symbolic links.");
        }

        // Step 1: validate and clean.
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> item in payload)
        {
            string path = ValidateAndClean(item.Key);
            if (!files.TryAdd(path, Encoding.UTF8.GetBytes(item.Value)))
            {
                throw new ArgumentException($"Item paths '{item.Key}' and another one both clean to '{path}'.", nameof(payload));
            }
        }

        CheckNoFileIsADirectory(files.Keys);
        Directory.CreateDirectory(VolumeDirectory);

        // Step 2: the current version.
        string? oldVersion = ReadDataLink();
        string? oldDirectory = oldVersion is null ? null : Path.Join(VolumeDirectory, oldVersion);
        onStep?.Invoke(KubeletWriteStep.CurrentVersionRead);

        // Step 3: compare content only (a mode change alone writes nothing).
        List<string> removed = oldDirectory is null ? new List<string>() : PathsToRemove(oldDirectory, files.Keys);
        bool write = oldDirectory is null || removed.Count > 0 || !SameContent(oldDirectory, files);
        string? newVersion = null;
        if (write)
        {
            // Step 4.
            newVersion = CreateVersionDirectory();
            string newDirectory = Path.Join(VolumeDirectory, newVersion);
            onStep?.Invoke(KubeletWriteStep.NewVersionDirectoryCreated);

            foreach (KeyValuePair<string, byte[]> file in files)
            {
                string fullPath = Path.Join(newDirectory, file.Key);
                Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                File.WriteAllBytes(fullPath, file.Value);
                File.SetUnixFileMode(fullPath, FileMode);
            }

            onStep?.Invoke(KubeletWriteStep.FilesWritten);

            string temporaryLink = Path.Join(VolumeDirectory, TemporaryLinkName);
            File.CreateSymbolicLink(temporaryLink, newVersion);
            onStep?.Invoke(KubeletWriteStep.TemporaryLinkCreated);

            if (NativeMethods.Rename(temporaryLink, Path.Join(VolumeDirectory, DataLinkName)) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new IOException($"rename({temporaryLink}, ..data) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
            }

            onStep?.Invoke(KubeletWriteStep.DataLinkSwapped);
        }
        else
        {
            onStep?.Invoke(KubeletWriteStep.ContentUnchanged);
        }

        // Step 5: user-visible links, created after the switch since 2024, and also when nothing changed (#121472).
        foreach (string first in files.Keys.Select(FirstComponent).Distinct(StringComparer.Ordinal))
        {
            string visible = Path.Join(VolumeDirectory, first);
            if (!EntryExists(visible))
            {
                File.CreateSymbolicLink(visible, DataLinkName + "/" + first);
            }
        }

        onStep?.Invoke(KubeletWriteStep.UserVisibleLinksCreated);

        if (!write)
        {
            return false;
        }

        // Step 6: only top-level names; nested ones go with the old directory.
        foreach (string path in removed)
        {
            if (!path.Contains('/', StringComparison.Ordinal))
            {
                File.Delete(Path.Join(VolumeDirectory, path));
            }
        }

        onStep?.Invoke(KubeletWriteStep.StaleLinksRemoved);

        // Step 7.
        if (oldDirectory is not null && !string.Equals(oldVersion, newVersion, StringComparison.Ordinal) && Directory.Exists(oldDirectory))
        {
            Directory.Delete(oldDirectory, recursive: true);
        }

        onStep?.Invoke(KubeletWriteStep.OldVersionRemoved);
        return true;
    }

    /// <summary>The kubelet's <c>validatePath</c> followed by <c>filepath.Clean</c> (docs/kubernetes-rules.md).</summary>
    internal static string ValidateAndClean(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ArgumentException("An item path cannot be empty.", nameof(path));
        }

        if (path[0] == '/')
        {
            throw new ArgumentException($"Item path '{path}' must be relative.", nameof(path));
        }

        if (Encoding.UTF8.GetByteCount(path) > MaxPathLength)
        {
            throw new ArgumentException($"Item path '{path}' is longer than {MaxPathLength} bytes.", nameof(path));
        }

        string[] components = path.Split('/');
        foreach (string component in components)
        {
            if (component == "..")
            {
                throw new ArgumentException($"Item path '{path}' must not contain '..'.", nameof(path));
            }

            if (Encoding.UTF8.GetByteCount(component) > MaxFileNameLength)
            {
                throw new ArgumentException($"Item path '{path}' has a component longer than {MaxFileNameLength} bytes.", nameof(path));
            }
        }

        if (components[0].Length > 2 && components[0].StartsWith("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Item path '{path}' must not start with '..' (reserved for the writer).", nameof(path));
        }

        string cleaned = string.Join('/', components.Where(c => c.Length > 0 && c != "."));
        if (cleaned.Length == 0)
        {
            // Passes the kubelet's checks but names the volume directory itself, so its write fails (docs/kubernetes-rules.md).
            throw new ArgumentException($"Item path '{path}' names the volume directory itself.", nameof(path));
        }

        return cleaned;
    }

    private static void CheckNoFileIsADirectory(ICollection<string> paths)
    {
        var files = new HashSet<string>(paths, StringComparer.Ordinal);
        foreach (string path in paths)
        {
            for (int slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                if (files.Contains(path[..slash]))
                {
                    throw new ArgumentException($"Item paths '{path[..slash]}' and '{path}' conflict: one would be both a file and a directory.", nameof(paths));
                }
            }
        }
    }

    private static string FirstComponent(string path)
    {
        int slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }

    /// <summary>Every entry (file or directory) of the old version that is neither a new file nor one of its ancestors.</summary>
    private static List<string> PathsToRemove(string oldDirectory, ICollection<string> newFiles)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in newFiles)
        {
            for (string? sub = file; !string.IsNullOrEmpty(sub); sub = Path.GetDirectoryName(sub))
            {
                keep.Add(sub);
            }
        }

        var removed = new List<string>();
        if (!Directory.Exists(oldDirectory))
        {
            return removed;
        }

        foreach (string entry in Directory.EnumerateFileSystemEntries(oldDirectory, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(oldDirectory, entry);
            if (!keep.Contains(relative))
            {
                removed.Add(relative);
            }
        }

        return removed;
    }

    private static bool SameContent(string oldDirectory, SortedDictionary<string, byte[]> files)
    {
        foreach (KeyValuePair<string, byte[]> file in files)
        {
            string path = Path.Join(oldDirectory, file.Key);
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(file.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool EntryExists(string path) =>
        new FileInfo(path).LinkTarget is not null || File.Exists(path) || Directory.Exists(path);

    private string? ReadDataLink() => new FileInfo(Path.Join(VolumeDirectory, DataLinkName)).LinkTarget;

    /// <summary><c>os.MkdirTemp(dir, "..YYYY_MM_DD_HH_MM_SS.")</c> then chmod 0755 (docs/kubernetes-rules.md).</summary>
    [UnsupportedOSPlatform("windows")]
    private string CreateVersionDirectory()
    {
        DateTime now = Clock().ToUniversalTime();
        if (DistinctTimestamps && now < _lastTimestamp.AddSeconds(1))
        {
            now = _lastTimestamp.AddSeconds(1);
        }

        _lastTimestamp = now;
        string prefix = ".." + now.ToString("yyyy_MM_dd_HH_mm_ss", CultureInfo.InvariantCulture) + ".";
        while (true)
        {
            string name = prefix + ((uint)Random.Shared.NextInt64(0, uint.MaxValue + 1L)).ToString(CultureInfo.InvariantCulture);
            string path = Path.Join(VolumeDirectory, name);
            if (EntryExists(path))
            {
                continue;
            }

            Directory.CreateDirectory(path);
            File.SetUnixFileMode(
                path,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            return name;
        }
    }
}
