using PodBinding.Testing;

namespace PodBinding.Extensions.Tests;

/// <summary>A simulated pod in a temp folder, updated the way the kubelet updates it.</summary>
internal sealed class PodFolder : IDisposable
{
    public PodFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "podbinding-ext-" + Guid.NewGuid().ToString("N"));
        Writer = new KubeletVolumeWriter(Path.Combine(Root, "podinfo")) { DistinctTimestamps = true };
        Pod.Name = "shop-1";
        Pod.Labels["app"] = "shop";
        Pod.Annotations["team"] = "checkout";
        Sync();
    }

    public string Root { get; }

    public SimulatedPod Pod { get; } = new();

    public KubeletVolumeWriter Writer { get; }

    public PodSource Source => PodSource.FromDirectory(Writer.VolumeDirectory, Pod.Environment(ShopPod.DownwardApi));

    /// <summary>Writes every item a downward API volume can hold for this pod: the class's items plus annotations and name.</summary>
    public bool Sync()
    {
        var payload = new Dictionary<string, string>(Pod.VolumePayload(ShopPod.DownwardApi))
        {
            ["annotations"] = Pod.ResolveField("metadata.annotations"),
            ["name"] = Pod.ResolveField("metadata.name"),
        };
        return Writer.Write(payload);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
