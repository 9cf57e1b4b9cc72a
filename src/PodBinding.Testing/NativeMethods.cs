using System.Runtime.InteropServices;

namespace PodBinding.Testing;

internal static class NativeMethods
{
    // .NET has no managed way to rename a symbolic link over another: File.Move follows the link and refuses links to
    // directories, and Directory.Move refuses an existing destination. rename(2) is the kubelet's atomic switch.
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    internal static extern int Rename(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
