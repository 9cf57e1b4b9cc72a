namespace PodBinding.Volumes;

/// <summary>
/// The items of a downward API volume read as one consistent version: <c>..data</c> is resolved once and every item
/// is read through that timestamped directory; if the kubelet removes it mid-read, the read starts over (spec §6.3).
/// A plain directory without <c>..data</c> (a hand-made local folder) is read file by file.
/// </summary>
public sealed class VolumeSnapshot
{
    private VolumeSnapshot()
    {
        VolumeDirectory = "";
    }

    /// <summary>The volume directory.</summary>
    public string VolumeDirectory { get; private init; }

    /// <summary>Whether the volume directory exists.</summary>
    public bool VolumeExists { get; private init; }

    /// <summary>The <c>..data</c> target the snapshot was read through (<c>..2026_07_24_10_15_42.1234</c>), or null for a plain folder.</summary>
    public string? Version { get; private init; }

    /// <summary>How many items were requested.</summary>
    public int Count => throw new NotImplementedException();

    /// <summary>The UTF-8 content of item <paramref name="index"/>, or <see langword="null"/> when the volume has no such item.</summary>
    public string? this[int index] => throw new NotImplementedException();

    /// <summary>Reads <paramref name="itemPaths"/> from the volume at <paramref name="volumeDirectory"/> as one version.</summary>
    /// <exception cref="IOException">The volume could not be read for a reason other than a missing item or a concurrent swap.</exception>
    public static VolumeSnapshot Read(string volumeDirectory, IReadOnlyList<string> itemPaths) => throw new NotImplementedException();
}
