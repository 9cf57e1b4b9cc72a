using OrdersService;
using System.Diagnostics;
using System.Globalization;
using PodBinding.Benchmarks.Loading;
using PodBinding.Testing;

namespace PodBinding.Benchmarks.Live;

/// <summary>
/// A downward API volume the simulated kubelet keeps updating: the sample pod's items (labels, annotations, the
/// version label) written by <see cref="KubeletVolumeWriter"/> on tmpfs (<c>/dev/shm</c>, as real downward API volumes
/// are), each revision a new <c>revision</c> label and, optionally, a <c>config.json</c> item for the JSON anchor.
/// </summary>
internal sealed class LiveVolume : IDisposable
{
    private readonly bool _withConfigJson;

    public LiveVolume(bool withConfigJson = false)
    {
        _withConfigJson = withConfigJson;
        Directory = Path.Combine(Root, "podbinding-live-" + Guid.NewGuid().ToString("N"));
        Pod = LoaderBenchmarks.SamplePod();
        Writer = new KubeletVolumeWriter(Directory);
        Environment = Pod.Environment(PodInfo.DownwardApi);
        Source = PodSource.FromDirectory(Directory, Environment);
    }

    /// <summary>tmpfs when there is one (downward API volumes are tmpfs; a disk adds ~4 ms per version's mkdir/rmdir).</summary>
    public static string Root => System.IO.Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    public string Directory { get; }

    public SimulatedPod Pod { get; }

    public KubeletVolumeWriter Writer { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public PodSource Source { get; }

    public Dictionary<string, string> Payload(int revision)
    {
        string text = revision.ToString(CultureInfo.InvariantCulture);
        Pod.Labels["revision"] = text;
        var payload = new Dictionary<string, string>(Pod.VolumePayload(PodInfo.DownwardApi), StringComparer.Ordinal);
        if (_withConfigJson)
        {
            payload["config.json"] = "{ \"Revision\": " + text + " }";
        }

        return payload;
    }

    /// <summary>
    /// Writes <paramref name="revision"/>; returns the <see cref="Stopwatch"/> timestamps taken right before
    /// (<c>..data_tmp</c> created) and right after (<c>rename(2)</c> returned) the <c>..data</c> rename.
    /// </summary>
    public (long Before, long After) Write(int revision)
    {
        long before = 0, after = 0;
        Writer.Write(Payload(revision), step =>
        {
            if (step == KubeletWriteStep.TemporaryLinkCreated)
            {
                before = Stopwatch.GetTimestamp();
            }
            else if (step == KubeletWriteStep.DataLinkSwapped)
            {
                after = Stopwatch.GetTimestamp();
            }
        });
        if (after == 0)
        {
            throw new InvalidOperationException($"revision {revision} swapped nothing");
        }

        return (before, after);
    }

    /// <summary>The <c>revision</c> label in a labels file (<c>revision="12"</c>), or -1.</summary>
    public static int RevisionInLabels(string? labels)
    {
        const string Key = "revision=\"";
        int start = labels?.IndexOf(Key, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return -1;
        }

        start += Key.Length;
        int end = labels!.IndexOf('"', start);
        return end > start && int.TryParse(labels.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out int revision) ? revision : -1;
    }

    public static int Parse(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int revision) ? revision : -1;

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A watcher still holding the directory; the next run uses a new name.
        }
    }
}
