using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace PodBinding.Volumes;

/// <summary>
/// The items of a downward API volume read as one consistent version: <c>..data</c> is resolved once and every item
/// is read through that timestamped directory; if the kubelet removes it mid-read, the read starts over (docs/kubernetes-rules.md).
/// A plain directory without <c>..data</c> (a hand-made local folder) is read file by file.
/// </summary>
public sealed class VolumeSnapshot
{
    /// <summary>How many times a read starts over before giving up on a volume that keeps changing.</summary>
    internal const int MaxAttempts = 32;

    private const string DataLinkName = "..data";
    private const int StackLimit = 1024;

    private static readonly string[] NoContents = Array.Empty<string>();

    private readonly string?[] _contents;
    private readonly IReadOnlyList<string> _itemPaths;
    private readonly string?[]? _errors;

    private VolumeSnapshot(string volumeDirectory, bool exists, string? version, string?[] contents, IReadOnlyList<string> itemPaths, string?[]? errors = null)
    {
        VolumeDirectory = volumeDirectory;
        VolumeExists = exists;
        Version = version;
        _contents = contents;
        _itemPaths = itemPaths;
        _errors = errors;
    }

    /// <summary>
    /// The most a downward API item can hold. Kubernetes caps all of a pod's annotations together at 256 KiB of keys
    /// and values (<c>TotalAnnotationSizeLimitB</c>, checked by <c>ValidateAnnotations</c> in apimachinery
    /// <c>pkg/api/validation/objectmeta.go</c>); written by the kubelet's Go quoting, where one byte becomes at most a
    /// four-byte escape and each line adds <c>="</c>, <c>"</c> and a line feed, that is at most five times as much.
    /// Labels are far smaller (see docs/kubernetes-rules.md, "Sizes").
    /// </summary>
    internal const int MaxItemBytes = 5 * 256 * 1024;

    /// <summary>The volume directory.</summary>
    public string VolumeDirectory { get; private init; }

    /// <summary>Whether the volume directory exists.</summary>
    public bool VolumeExists { get; private init; }

    /// <summary>The <c>..data</c> target the snapshot was read through (<c>..2026_07_24_10_15_42.1234</c>), or null for a plain folder.</summary>
    public string? Version { get; private init; }

    /// <summary>How many items were requested.</summary>
    public int Count => _contents.Length;

    /// <summary>The UTF-8 content of item <paramref name="index"/>, or <see langword="null"/> when the volume has no such item.</summary>
    public string? this[int index] => _contents[index];

    /// <summary>
    /// Why item <paramref name="index"/> could not be read although it exists (not a regular file, too large, not
    /// UTF-8, unreadable), naming the file; null when it was read or is absent.
    /// </summary>
    public string? ItemError(int index) => _errors?[index];

    /// <summary>The path of item <paramref name="index"/>, relative to the volume.</summary>
    public string ItemPath(int index) => _itemPaths[index];

    /// <summary>Whether both snapshots hold the same items with the same content (the version may differ).</summary>
    public bool HasSameContent(VolumeSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (VolumeExists != other.VolumeExists || Count != other.Count)
        {
            return false;
        }

        for (int i = 0; i < _contents.Length; i++)
        {
            if (!string.Equals(_itemPaths[i], other._itemPaths[i], StringComparison.Ordinal)
                || !string.Equals(_contents[i], other._contents[i], StringComparison.Ordinal)
                || !string.Equals(ItemError(i), other.ItemError(i), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The current <c>..data</c> target (one <c>readlink</c>), or null when there is none: the cheap change check.</summary>
    public static string? ReadVersion(string volumeDirectory) => ReadDataLink(Path.Join(volumeDirectory, DataLinkName));

    /// <summary>
    /// Reads every item the volume holds, as one version: the items are listed inside the version directory that
    /// <c>..data</c> names, then read through it; a swap in between starts the read over.
    /// </summary>
    public static VolumeSnapshot ReadAll(string volumeDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(volumeDirectory);
        string dataLink = Path.Join(volumeDirectory, DataLinkName);
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            string? target = ReadDataLink(dataLink);
            string listed = target is null ? volumeDirectory : Path.IsPathRooted(target) ? target : Path.Join(volumeDirectory, target);
            string[] items;
            try
            {
                items = ListItems(listed);
            }
            catch (DirectoryNotFoundException)
            {
                if (target is null)
                {
                    return new VolumeSnapshot(volumeDirectory, exists: false, version: null, NoContents, NoContents);
                }

                if (string.Equals(ReadDataLink(dataLink), target, StringComparison.Ordinal))
                {
                    throw Dangling(volumeDirectory, target);
                }

                continue; // the version directory went away between readlink and listing: the kubelet swapped
            }

            VolumeSnapshot snapshot = Read(volumeDirectory, items);
            if (string.Equals(snapshot.Version, target, StringComparison.Ordinal))
            {
                return snapshot;
            }
        }

        throw new IOException($"The downward API volume at {volumeDirectory} kept changing while it was listed and read.");
    }

    /// <summary>Every file below <paramref name="directory"/>, relative, in ordinal order; the kubelet's <c>..</c> entries excluded.</summary>
    private static string[] ListItems(string directory)
    {
        var items = new List<string>();
        foreach (string file in Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            string relative = Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!relative.StartsWith("..", StringComparison.Ordinal))
            {
                items.Add(relative);
            }
        }

        items.Sort(StringComparer.Ordinal);
        return items.ToArray();
    }

    /// <summary>Reads <paramref name="itemPaths"/> from the volume at <paramref name="volumeDirectory"/> as one version.</summary>
    /// <exception cref="IOException">The volume could not be read for a reason other than a missing item or a concurrent swap.</exception>
    public static VolumeSnapshot Read(string volumeDirectory, IReadOnlyList<string> itemPaths) =>
        Read(volumeDirectory, itemPaths, beforeItemRead: null);

    /// <summary>
    /// As <see cref="Read(string, IReadOnlyList{string})"/>; <paramref name="beforeItemRead"/> runs before each item is
    /// opened (with the item's index), so tests can let the kubelet swap versions at exactly that point.
    /// </summary>
    internal static VolumeSnapshot Read(string volumeDirectory, IReadOnlyList<string> itemPaths, Action<int>? beforeItemRead)
    {
        ArgumentException.ThrowIfNullOrEmpty(volumeDirectory);
        ArgumentNullException.ThrowIfNull(itemPaths);

        string dataLink = Path.Join(volumeDirectory, DataLinkName);
        string? target = ReadDataLink(dataLink);
        if (target is null)
        {
            return ReadPlainFolder(volumeDirectory, itemPaths);
        }

        string?[] contents = itemPaths.Count == 0 ? NoContents : new string?[itemPaths.Count];
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // The kubelet's link is relative; a hand-made one may be absolute.
            string versionDirectory = Path.IsPathRooted(target) ? target : Path.Join(volumeDirectory, target);
            string?[]? errors = null;
            if (TryReadVersion(dataLink, versionDirectory, target, itemPaths, contents, ref errors, beforeItemRead, out string? newTarget))
            {
                return new VolumeSnapshot(volumeDirectory, exists: true, target, contents, itemPaths, errors);
            }

            if (newTarget is null)
            {
                // ..data vanished: only a hand-made folder can do that, the kubelet always replaces it atomically.
                return ReadPlainFolder(volumeDirectory, itemPaths);
            }

            if (string.Equals(newTarget, target, StringComparison.Ordinal))
            {
                throw Dangling(volumeDirectory, target); // nothing is changing: the link points nowhere
            }

            target = newTarget;
        }

        throw new IOException(
            $"The downward API volume at {volumeDirectory} kept changing while it was read: its ..data link was " +
            $"swapped or its target removed {MaxAttempts} times in a row, so no consistent version could be read.");
    }

    /// <summary>
    /// Reads every item through one version directory. Returns false when an item was missing because the version
    /// went away (the caller retries with <paramref name="newTarget"/>); a missing item in a version that is still
    /// current is genuinely absent and reads as null.
    /// </summary>
    private static bool TryReadVersion(
        string dataLink,
        string versionDirectory,
        string target,
        IReadOnlyList<string> itemPaths,
        string?[] contents,
        ref string?[]? errors,
        Action<int>? beforeItemRead,
        out string? newTarget)
    {
        newTarget = target;
        bool anyMissing = false;
        for (int i = 0; i < itemPaths.Count; i++)
        {
            beforeItemRead?.Invoke(i);
            string? content = TryReadText(Path.Join(versionDirectory, itemPaths[i]), out string? error);
            anyMissing |= content is null && error is null;
            contents[i] = content;
            if (error is not null)
            {
                errors ??= new string?[itemPaths.Count];
                errors[i] = error;
            }
        }

        if (!anyMissing)
        {
            return true;
        }

        // ENOENT means either the item does not exist, or the kubelet swapped ..data and is removing (or removed) this
        // version since our readlink (docs/kubernetes-rules.md). The kubelet never changes a version directory after it becomes
        // current and removes it only after swapping away from it, so if ..data still names it now, every miss in
        // this pass was a genuinely absent item.
        newTarget = ReadDataLink(dataLink);
        return newTarget is not null
            && string.Equals(newTarget, target, StringComparison.Ordinal)
            && Directory.Exists(versionDirectory);
    }

    private static VolumeSnapshot ReadPlainFolder(string volumeDirectory, IReadOnlyList<string> itemPaths)
    {
        if (!Directory.Exists(volumeDirectory))
        {
            return new VolumeSnapshot(volumeDirectory, exists: false, version: null, new string?[itemPaths.Count], itemPaths);
        }

        string?[] contents = itemPaths.Count == 0 ? NoContents : new string?[itemPaths.Count];
        string?[]? errors = null;
        for (int i = 0; i < itemPaths.Count; i++)
        {
            contents[i] = TryReadText(Path.Join(volumeDirectory, itemPaths[i]), out string? error);
            if (error is not null)
            {
                errors ??= new string?[itemPaths.Count];
                errors[i] = error;
            }
        }

        return new VolumeSnapshot(volumeDirectory, exists: true, version: null, contents, itemPaths, errors);
    }

    /// <summary>
    /// The kubelet creates a version directory before it points <c>..data</c> at it and removes it only after pointing
    /// away, so a link whose target stays missing was made or damaged by hand.
    /// </summary>
    private static IOException Dangling(string volumeDirectory, string target) => new(
        $"The downward API volume at {volumeDirectory} is broken: its ..data points to '{target}', which does not exist. " +
        "The kubelet never leaves it so; if this folder was made by hand, point ..data at an existing directory, or remove " +
        "..data to read the folder's files directly.");

    /// <summary>The target of <c>..data</c>, or null when it does not exist or is not a symbolic link.</summary>
    private static string? ReadDataLink(string dataLink) => new FileInfo(dataLink).LinkTarget;

    /// <summary>
    /// The file's content as UTF-8 (byte for byte: no BOM detection), or null when it does not exist or cannot be an
    /// item (<paramref name="error"/> then says why, naming the file).
    /// </summary>
    private static string? TryReadText(string path, out string? error)
    {
        error = null;
        ItemFileCheck.Kind found = ItemFileCheck.Inspect(path, out long size, out string? kind);
        if (found == ItemFileCheck.Kind.Missing)
        {
            return null;
        }

        if (found is ItemFileCheck.Kind.Directory or ItemFileCheck.Kind.Special)
        {
            error = $"{path} is not a regular file ({kind}); the kubelet writes every item as a regular file";
            return null;
        }

        if (found == ItemFileCheck.Kind.RegularFile && size > MaxItemBytes)
        {
            error = TooLarge(path, size);
            return null;
        }

        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{path} could not be read: {e.Message}";
            return null;
        }

        using (handle)
        {
            // Most items are tiny: one read into a stack buffer. On a regular file a short read means end of file, so
            // no fstat and no second read are needed (the syscalls dominate a snapshot's cost).
            Span<byte> first = stackalloc byte[StackLimit];
            int read = RandomAccess.Read(handle, first, 0);
            if (read < first.Length)
            {
                return read == 0 ? "" : Decode(path, first[..read], out error);
            }

            return ReadLarge(handle, path, first, out error);
        }
    }

    private static string TooLarge(string path, long size) =>
        $"{path} holds more than {MaxItemBytes} bytes ({size}), more than any downward API item can: Kubernetes allows " +
        "256 KiB of annotations in total (docs/kubernetes-rules.md, \"Sizes\")";

    /// <summary>Strict UTF-8: the kubelet writes text from the API server, which is always valid UTF-8.</summary>
    private static string? Decode(string path, ReadOnlySpan<byte> bytes, out string? error)
    {
        error = null;
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        int offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out int consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        int lineStart = bytes[..offset].LastIndexOf((byte)'\n') + 1;
        int line = bytes[..offset].Count((byte)'\n') + 1;
        error = $"{path} is not valid UTF-8: byte 0x{bytes[offset]:X2} at line {line}, column {offset - lineStart + 1} (counted in bytes)";
        return null;
    }

    /// <summary>The rest of a file larger than the stack buffer (annotations may reach 256 KiB), up to the item limit.</summary>
    private static string? ReadLarge(SafeFileHandle handle, string path, ReadOnlySpan<byte> first, out string? error)
    {
        error = null;
        long length = RandomAccess.GetLength(handle);
        if (length > MaxItemBytes)
        {
            error = TooLarge(path, length);
            return null;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, first.Length) + 1);
        try
        {
            first.CopyTo(buffer);
            int total = first.Length;
            while (true)
            {
                if (total > MaxItemBytes)
                {
                    error = TooLarge(path, total); // a file that grows while read, or one whose size the system hides
                    return null;
                }

                if (total == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
                if (read == 0)
                {
                    return Decode(path, buffer.AsSpan(0, total), out error);
                }

                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
