namespace PodBinding.Testing;

/// <summary>
/// The points in the kubelet's AtomicWriter algorithm (docs/kubernetes-rules.md) at which <see cref="KubeletVolumeWriter"/> reports
/// progress, in the order they happen. Each is reported after the step completes.
/// </summary>
public enum KubeletWriteStep
{
    /// <summary>Payload paths validated and cleaned, and <c>..data</c> read (docs/kubernetes-rules.md steps 1–2).</summary>
    CurrentVersionRead,

    /// <summary>Every file matched the current version and nothing was removed: no new version will be written (step 3).</summary>
    ContentUnchanged,

    /// <summary>The new timestamped directory exists, still empty (step 4.1).</summary>
    NewVersionDirectoryCreated,

    /// <summary>Every file of the new version is written and chmod'ed (step 4.2).</summary>
    FilesWritten,

    /// <summary><c>..data_tmp</c> points at the new version (step 4.4).</summary>
    TemporaryLinkCreated,

    /// <summary><c>..data</c> now points at the new version; the old version still exists (step 4.5, the atomic switch).</summary>
    DataLinkSwapped,

    /// <summary>Missing top-level user-visible symbolic links are created (step 5).</summary>
    UserVisibleLinksCreated,

    /// <summary>Top-level entries no longer in the payload are removed (step 6).</summary>
    StaleLinksRemoved,

    /// <summary>The previous timestamped directory is removed (step 7).</summary>
    OldVersionRemoved,
}
