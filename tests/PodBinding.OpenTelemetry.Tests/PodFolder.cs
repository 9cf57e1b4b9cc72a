using PodBinding.Testing;

namespace PodBinding.OpenTelemetry.Tests;

/// <summary>A simulated pod in a temp folder: its volume written the kubelet's way, its env vars as the kubelet sets them.</summary>
internal sealed class PodFolder : IDisposable
{
    private readonly DownwardBindingInfo _info;

    public PodFolder(DownwardBindingInfo info)
    {
        _info = info;
        Writer = new KubeletVolumeWriter(Path.Combine(Path.GetTempPath(), "podbinding-otel-" + Guid.NewGuid().ToString("N"))) { DistinctTimestamps = true };
    }

    public SimulatedPod Pod { get; } = new()
    {
        Name = "checkout-5c9d7f-abcde",
        Namespace = "shop",
        Uid = Guid.Parse("0f8e1c2d-3b4a-4c5d-8e9f-a0b1c2d3e4f5"),
        NodeName = "node-a",
    };

    public KubeletVolumeWriter Writer { get; }

    /// <summary>Env var changes after the kubelet resolved them (a var removed: a broken or hand-written pod spec).</summary>
    public Dictionary<string, string?> EnvironmentOverrides { get; } = new(StringComparer.Ordinal);

    public PodSource Source
    {
        get
        {
            var environment = new Dictionary<string, string>(Pod.Environment(_info), StringComparer.Ordinal);
            foreach (KeyValuePair<string, string?> change in EnvironmentOverrides)
            {
                if (change.Value is null)
                {
                    environment.Remove(change.Key);
                }
                else
                {
                    environment[change.Key] = change.Value;
                }
            }

            return PodSource.FromDirectory(Writer.VolumeDirectory, environment);
        }
    }

    public PodFolder Sync()
    {
        Pod.WriteVolume(Writer, _info);
        return this;
    }

    public void Dispose()
    {
        if (Directory.Exists(Writer.VolumeDirectory))
        {
            Directory.Delete(Writer.VolumeDirectory, recursive: true);
        }
    }
}
