using Microsoft.Win32.SafeHandles;

namespace PodBinding.Volumes;

/// <summary>A directory's device and inode; <see cref="Unknown"/> (not Linux, statx unavailable) is never taken as a change.</summary>
internal readonly record struct DirectoryIdentity(ulong Device, ulong Inode)
{
    public static DirectoryIdentity Unknown { get; } = new(ulong.MaxValue, ulong.MaxValue);

    public bool IsKnown => this != Unknown;
}

/// <summary>
/// Holds a watched directory open so that its identity stays its own: a file system reuses the inode number of a
/// removed directory at once (ext4 gives a directory removed and created again the same number), but not while a
/// descriptor keeps the old inode alive. Comparing <see cref="Identity"/> with what the path names now tells
/// whether the directory is still the one an inotify watch is on.
/// </summary>
internal sealed class PinnedDirectory : IDisposable
{
    private readonly SafeFileHandle? _handle;

    private PinnedDirectory(SafeFileHandle? handle, DirectoryIdentity? identity)
    {
        _handle = handle;
        Identity = identity;
    }

    /// <summary>The pinned directory's identity; null when it did not exist, Unknown when it cannot be told.</summary>
    public DirectoryIdentity? Identity { get; }

    public static PinnedDirectory Open(string path)
    {
        int fd = ItemFileCheck.OpenForIdentity(path);
        if (fd < 0)
        {
            DirectoryIdentity? now = ItemFileCheck.Identify(path);
            return new PinnedDirectory(null, now is null ? null : DirectoryIdentity.Unknown);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        return new PinnedDirectory(handle, ItemFileCheck.Identify("", fd));
    }

    /// <summary>Whether <paramref name="path"/> now names something else (another directory, or nothing); false when unknown.</summary>
    public bool IsReplacedAt(string path, out bool gone)
    {
        gone = false;
        if (Identity is not { IsKnown: true } pinned)
        {
            return false;
        }

        DirectoryIdentity? now = ItemFileCheck.Identify(path);
        gone = now is null;
        return now != pinned && now is not { IsKnown: false };
    }

    public void Dispose() => _handle?.Dispose();
}
