using PodBinding.Testing;
using PodBinding.Tests.Support;
using PodBinding.Volumes;

namespace PodBinding.Tests.Volumes;

/// <summary>Volumes the kubelet would never leave behind: each fault is reported at the item it affects, with its cause.</summary>
public sealed class VolumeFaultTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly KubeletVolumeWriter _writer;

    public VolumeFaultTests()
    {
        _writer = new KubeletVolumeWriter(_temp.Combine("podinfo"));
        _writer.Write(new Dictionary<string, string> { ["labels"] = "app=\"orders\"", ["annotations"] = "team=\"checkout\"", ["name"] = "orders-1" });
    }

    public void Dispose() => _temp.Dispose();

    private string InVersion(string item) => Path.Combine(_writer.VolumeDirectory, _writer.CurrentVersion!, item);

    [Fact]
    public void A_dangling_data_link_says_its_target_is_missing()
    {
        Directory.Delete(Path.Combine(_writer.VolumeDirectory, _writer.CurrentVersion!), recursive: true);

        var error = Assert.Throws<IOException>(() => VolumeSnapshot.Read(_writer.VolumeDirectory, ["labels"]));

        Assert.Contains("..data points to", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kept changing", error.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => VolumeSnapshot.ReadAll(_writer.VolumeDirectory));
    }
}
