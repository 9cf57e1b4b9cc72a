namespace PodBinding.Tests.Support;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
        : this(System.IO.Path.GetTempPath())
    {
    }

    private TempDirectory(string parent)
    {
        Path = System.IO.Path.Combine(parent, "podbinding-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>
    /// A directory on tmpfs (<c>/dev/shm</c>) where the machine has one: downward API volumes are memory-backed
    /// (pkg/volume/downwardapi/downwardapi.go wraps a memory-medium emptyDir), and on a disk the kubelet's create-and-remove per version costs several times more.
    /// </summary>
    public static TempDirectory OnTmpfs() => new(Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath());

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // A test may remove it itself.
        }
    }
}
