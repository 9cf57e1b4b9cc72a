using System.Diagnostics;
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

    [Fact]
    public void An_unreadable_item_fails_only_that_item_with_its_own_cause()
    {
        string labels = InVersion("labels");
        File.Delete(labels);
        Directory.CreateDirectory(labels); // not a file: opening it fails even for root

        VolumeSnapshot snapshot = VolumeSnapshot.Read(_writer.VolumeDirectory, ["annotations", "labels", "name"]);

        Assert.Equal("team=\"checkout\"", snapshot[0]);
        Assert.Null(snapshot.ItemError(0));
        Assert.Null(snapshot[1]);
        Assert.Contains("labels", snapshot.ItemError(1), StringComparison.Ordinal);
        Assert.Contains("not a regular file", snapshot.ItemError(1), StringComparison.Ordinal);
        Assert.Equal("orders-1", snapshot[2]);
    }

    [Fact]
    public void A_device_is_rejected_instead_of_read_forever()
    {
        string labels = InVersion("labels");
        File.Delete(labels);
        File.CreateSymbolicLink(labels, "/dev/zero");

        VolumeSnapshot snapshot = VolumeSnapshot.Read(_writer.VolumeDirectory, ["labels", "name"]);

        Assert.Null(snapshot[0]);
        Assert.Contains("not a regular file", snapshot.ItemError(0), StringComparison.Ordinal);
        Assert.Equal("orders-1", snapshot[1]);
    }

    [Fact]
    public async Task A_fifo_is_rejected_without_blocking()
    {
        string labels = InVersion("labels");
        File.Delete(labels);
        using (Process mkfifo = Process.Start("mkfifo", labels))
        {
            await mkfifo.WaitForExitAsync();
        }

        // A liveness bound (open(2) on a FIFO without a writer blocks forever), not a speed assertion.
        VolumeSnapshot snapshot = await Task.Run(() => VolumeSnapshot.Read(_writer.VolumeDirectory, ["labels"])).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains("not a regular file", snapshot.ItemError(0), StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_larger_than_kubernetes_allows_is_rejected_with_the_limit()
    {
        string annotations = InVersion("annotations");
        File.WriteAllText(annotations, "big=\"" + new string('x', 2 * 1024 * 1024) + "\"");

        VolumeSnapshot snapshot = VolumeSnapshot.Read(_writer.VolumeDirectory, ["annotations"]);

        Assert.Null(snapshot[0]);
        Assert.Contains("256 KiB", snapshot.ItemError(0), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_with_its_line_and_column()
    {
        File.WriteAllBytes(InVersion("labels"), [.. "app=\"orders\"\ntier=\""u8, 0xC3, 0x28, .. "\""u8]);

        VolumeSnapshot snapshot = VolumeSnapshot.Read(_writer.VolumeDirectory, ["labels"]);

        Assert.Null(snapshot[0]);
        Assert.Contains("not valid UTF-8", snapshot.ItemError(0), StringComparison.Ordinal);
        Assert.Contains("line 2, column 7", snapshot.ItemError(0), StringComparison.Ordinal);
    }
}
