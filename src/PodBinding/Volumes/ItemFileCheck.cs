using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace PodBinding.Volumes;

/// <summary>
/// What an item path names, checked before it is opened: the kubelet writes only regular files, and opening a FIFO
/// blocks until a writer appears, so a device or FIFO must be refused without opening it. Linux only (statx has one
/// layout on every architecture); elsewhere the open itself is the check.
/// </summary>
internal static class ItemFileCheck
{
    internal const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const uint StatxInode = 0x100;
    private const int ModeOffset = 28;
    private const int InodeOffset = 32;
    private const int SizeOffset = 40;
    private const int DeviceMajorOffset = 136;
    private const int DeviceMinorOffset = 140;
    private const int NoEntry = 2;
    private const int NotDirectory = 20;
    private const int AtEmptyPath = 0x1000;
    private const int OpenNonBlocking = 0x800;   // O_NONBLOCK, the same on x86-64 and arm64
    private const int OpenCloseOnExec = 0x80000; // O_CLOEXEC, the same on x86-64 and arm64

    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>What a path names.</summary>
    internal enum Kind
    {
        /// <summary>Not known here (not Linux, or statx unavailable): open it and let the open decide.</summary>
        Unknown,

        /// <summary>Nothing at that path.</summary>
        Missing,

        /// <summary>A regular file of <c>size</c> bytes.</summary>
        RegularFile,

        /// <summary>A directory.</summary>
        Directory,

        /// <summary>A FIFO, socket or device: never a kubelet item.</summary>
        Special,
    }

    /// <summary>Follows symbolic links (the kubelet's item links) and reports what the final target is.</summary>
    internal static Kind Inspect(string path, out long size, out string? description)
    {
        size = 0;
        description = null;
        if (!OperatingSystem.IsLinux())
        {
            return Kind.Unknown;
        }

        byte[] buffer = t_buffer ??= new byte[256];
        if (NativeMethods.Statx(AtFdCwd, path, 0, StatxType | StatxSize, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is NoEntry or NotDirectory ? Kind.Missing : Kind.Unknown;
        }

        int type = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)) & 0xF000;
        size = (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(SizeOffset));
        description = type switch
        {
            0x8000 => null,
            0x4000 => "a directory",
            0x1000 => "a FIFO",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a file",
        };
        return type == 0x8000 ? Kind.RegularFile : type == 0x4000 ? Kind.Directory : Kind.Special;
    }

    /// <summary>
    /// The device and inode of what <paramref name="path"/> names (or, with <paramref name="path"/> empty, of the open
    /// <paramref name="fd"/>): null when nothing is there, <see cref="DirectoryIdentity.Unknown"/> when it cannot be told.
    /// </summary>
    internal static DirectoryIdentity? Identify(string path, int fd = AtFdCwd)
    {
        if (!OperatingSystem.IsLinux())
        {
            return DirectoryIdentity.Unknown;
        }

        byte[] buffer = t_buffer ??= new byte[256];
        int flags = path.Length == 0 ? AtEmptyPath : 0;
        if (NativeMethods.Statx(fd, path, flags, StatxType | StatxInode, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is NoEntry or NotDirectory ? null : DirectoryIdentity.Unknown;
        }

        ulong device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(DeviceMajorOffset)) << 32)
            | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(DeviceMinorOffset));
        return new DirectoryIdentity(device, BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(InodeOffset)));
    }

    /// <summary>Opens <paramref name="path"/> read-only without following it into a FIFO wait; -1 on failure.</summary>
    internal static int OpenForIdentity(string path) =>
        OperatingSystem.IsLinux() ? NativeMethods.Open(path, OpenCloseOnExec | OpenNonBlocking) : -1;

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        internal static extern int Statx(
            int directoryFd,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string path,
            int flags,
            uint mask,
            byte[] buffer);

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        internal static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
    }
}
