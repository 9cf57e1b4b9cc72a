using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace PodBinding.Volumes;

/// <summary>
/// The items of a downward API volume read as one consistent version: <c>..data</c> is resolved once and every item
/// is read through that timestamped directory; if the kubelet removes it mid-read, the read starts over (spec §6.3).
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

    private VolumeSnapshot(string volumeDirectory, bool exists, string? version, string?[] contents)
    {
        VolumeDirectory = volumeDirectory;
        VolumeExists = exists;
        Version = version;
        _contents = contents;
    }

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
            if (TryReadVersion(dataLink, versionDirectory, target, itemPaths, contents, beforeItemRead, out string? newTarget))
            {
                return new VolumeSnapshot(volumeDirectory, exists: true, target, contents);
            }

            if (newTarget is null)
            {
                // ..data vanished: only a hand-made folder can do that, the kubelet always replaces it atomically.
                return ReadPlainFolder(volumeDirectory, itemPaths);
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
        Action<int>? beforeItemRead,
        out string? newTarget)
    {
        newTarget = target;
        bool anyMissing = false;
        for (int i = 0; i < itemPaths.Count; i++)
        {
            beforeItemRead?.Invoke(i);
            string? content = TryReadText(Path.Join(versionDirectory, itemPaths[i]));
            anyMissing |= content is null;
            contents[i] = content;
        }

        if (!anyMissing)
        {
            return true;
        }

        // ENOENT means either the item does not exist, or the kubelet swapped ..data and is removing (or removed) this
        // version since our readlink (spec §6.3). The kubelet never changes a version directory after it becomes
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
            return new VolumeSnapshot(volumeDirectory, exists: false, version: null, new string?[itemPaths.Count]);
        }

        string?[] contents = itemPaths.Count == 0 ? NoContents : new string?[itemPaths.Count];
        for (int i = 0; i < itemPaths.Count; i++)
        {
            contents[i] = TryReadText(Path.Join(volumeDirectory, itemPaths[i]));
        }

        return new VolumeSnapshot(volumeDirectory, exists: true, version: null, contents);
    }

    /// <summary>The target of <c>..data</c>, or null when it does not exist or is not a symbolic link.</summary>
    private static string? ReadDataLink(string dataLink) => new FileInfo(dataLink).LinkTarget;

    /// <summary>The file's content as UTF-8 (byte for byte: no BOM detection), or null when it does not exist.</summary>
    private static string? TryReadText(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        using (handle)
        {
            long length = RandomAccess.GetLength(handle);
            if (length == 0)
            {
                return "";
            }

            if (length > Array.MaxLength)
            {
                throw new IOException($"{path} is too large to be a downward API item ({length} bytes).");
            }

            // Read one byte past the reported length to notice a file that grew; the kubelet never rewrites in place,
            // but a hand-made folder may.
            int capacity = (int)length + 1;
            byte[]? rented = null;
            Span<byte> buffer = capacity <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(capacity));
            try
            {
                int total = 0;
                while (true)
                {
                    if (total == buffer.Length)
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer[..total].CopyTo(larger);
                        if (rented is not null)
                        {
                            ArrayPool<byte>.Shared.Return(rented);
                        }

                        rented = larger;
                        buffer = larger;
                    }

                    int read = RandomAccess.Read(handle, buffer[total..], total);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }

                return Encoding.UTF8.GetString(buffer[..total]);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }
}
