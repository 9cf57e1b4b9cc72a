using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using PodBinding.Testing;
using PodBinding.Tests.Support;

namespace PodBinding.Tests.Volumes;

/// <summary>The writer reproduces the kubelet's on-disk layout and write order (docs/kubernetes-rules.md, "Volume layout"; pkg/volume/util/atomic_writer.go, AtomicWriter.Write).</summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class KubeletVolumeWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly KubeletVolumeWriter _writer;

    public KubeletVolumeWriterTests()
    {
        _writer = new KubeletVolumeWriter(_temp.Combine("podinfo"));
    }

    public void Dispose() => _temp.Dispose();

    [GeneratedRegex(@"^\.\.\d{4}_\d{2}_\d{2}_\d{2}_\d{2}_\d{2}\.\d+$")]
    private static partial Regex VersionName();

    private string In(string name) => Path.Combine(_writer.VolumeDirectory, name);

    private void AssertTopLevelEntries(string[] expected) => Assert.Equal(
        expected.Order(StringComparer.Ordinal),
        Directory.EnumerateFileSystemEntries(_writer.VolumeDirectory).Select(e => Path.GetFileName(e)).Order(StringComparer.Ordinal));

    [Fact]
    public void First_write_lays_out_a_timestamped_directory_the_data_link_and_one_link_per_top_level_entry()
    {
        _writer.Clock = () => new DateTime(2026, 7, 24, 10, 15, 42, DateTimeKind.Utc);

        Assert.True(_writer.Write(new Dictionary<string, string> { ["labels"] = "a=\"1\"", ["conf/app/x"] = "x", ["conf/y"] = "y" }));

        string version = _writer.CurrentVersion!;
        Assert.Matches(VersionName(), version);
        Assert.StartsWith("..2026_07_24_10_15_42.", version, StringComparison.Ordinal);
        AssertTopLevelEntries(["..data", version, "conf", "labels"]);
        Assert.Equal("..data/labels", new FileInfo(In("labels")).LinkTarget);
        Assert.Equal("..data/conf", new FileInfo(In("conf")).LinkTarget);
        Assert.Equal("x", File.ReadAllText(In("conf/app/x")));
        Assert.Equal("a=\"1\"", File.ReadAllText(In("labels")));
        Assert.False(File.Exists(In("..data_tmp")));

        // Directory 0755 whatever the umask, files with the item mode (default 0644).
        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), File.GetUnixFileMode(In(version)));
        Assert.Equal((UnixFileMode)Convert.ToInt32("644", 8), File.GetUnixFileMode(In(version + "/labels")));
    }

    [Fact]
    public void Unchanged_content_writes_no_new_version()
    {
        var payload = new Dictionary<string, string> { ["labels"] = "a=\"1\"", ["name"] = "pod" };
        _writer.Write(payload);
        string version = _writer.CurrentVersion!;
        var steps = new List<KubeletWriteStep>();

        Assert.False(_writer.Write(new Dictionary<string, string>(payload), steps.Add));

        Assert.Equal(version, _writer.CurrentVersion);
        Assert.Equal([KubeletWriteStep.CurrentVersionRead, KubeletWriteStep.ContentUnchanged, KubeletWriteStep.UserVisibleLinksCreated], steps);
        AssertTopLevelEntries(["..data", version, "labels", "name"]);
    }

    [Fact]
    public void Unchanged_content_still_recreates_a_missing_user_visible_link()
    {
        _writer.Write(new Dictionary<string, string> { ["name"] = "pod" });
        File.Delete(In("name"));

        Assert.False(_writer.Write(new Dictionary<string, string> { ["name"] = "pod" }));

        Assert.Equal("pod", File.ReadAllText(In("name")));
    }

    [Fact]
    public void Removing_an_item_alone_writes_a_new_version()
    {
        _writer.Write(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        string first = _writer.CurrentVersion!;

        Assert.True(_writer.Write(new Dictionary<string, string> { ["a"] = "1" }));

        Assert.NotEqual(first, _writer.CurrentVersion);
        AssertTopLevelEntries(["..data", _writer.CurrentVersion!, "a"]);
    }

    [Fact]
    public void Items_added_and_removed_update_the_top_level_links_after_the_switch()
    {
        _writer.Write(new Dictionary<string, string> { ["old"] = "1", ["conf/app/x"] = "x", ["keep"] = "k" });
        string first = _writer.CurrentVersion!;
        var atSwap = new List<string>();

        _writer.Write(
            new Dictionary<string, string> { ["new"] = "2", ["conf/app/z"] = "z", ["keep"] = "k" },
            step =>
            {
                if (step == KubeletWriteStep.DataLinkSwapped)
                {
                    // Between 4.5 and 5 a new item's link does not exist yet; between 4.5 and 6 a removed one dangles.
                    atSwap.Add(File.Exists(In("new")) ? "new visible" : "new missing");
                    atSwap.Add(new FileInfo(In("old")).LinkTarget is not null && !CanOpen(In("old")) ? "old dangling" : "old fine");
                    atSwap.Add(Directory.Exists(In(first)) ? "old version kept" : "old version gone");
                }
            });

        Assert.Equal(["new missing", "old dangling", "old version kept"], atSwap);
        AssertTopLevelEntries(["..data", _writer.CurrentVersion!, "conf", "keep", "new"]);
        Assert.Equal("z", File.ReadAllText(In("conf/app/z")));
        Assert.False(File.Exists(In("conf/app/x")));
        Assert.False(Directory.Exists(In(first)));
    }

    private static bool CanOpen(string path)
    {
        // File.Exists reports a dangling symbolic link as existing; opening it is what a reader does.
        try
        {
            File.OpenHandle(path).Dispose();
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    [Fact]
    public void Distinct_timestamps_separate_writes_within_one_second()
    {
        _writer.Clock = () => new DateTime(2026, 7, 24, 10, 15, 42, DateTimeKind.Utc);
        _writer.DistinctTimestamps = true;

        _writer.Write(new Dictionary<string, string> { ["a"] = "1" });
        string first = _writer.CurrentVersion!;
        _writer.Write(new Dictionary<string, string> { ["a"] = "2" });
        string second = _writer.CurrentVersion!;

        Assert.StartsWith("..2026_07_24_10_15_42.", first, StringComparison.Ordinal);
        Assert.StartsWith("..2026_07_24_10_15_43.", second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    [InlineData("..")]
    [InlineData("..data")]
    [InlineData("..badDir/file")]
    [InlineData(".")]
    [InlineData("./")]
    public void Paths_the_kubelet_rejects_are_rejected(string path)
    {
        Assert.Throws<ArgumentException>(() => _writer.Write(new Dictionary<string, string> { [path] = "x" }));
    }

    [Fact]
    public void Overlong_paths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => _writer.Write(new Dictionary<string, string> { [new string('a', 256)] = "x" }));
        Assert.Throws<ArgumentException>(() => _writer.Write(new Dictionary<string, string> { [string.Join('/', Enumerable.Repeat(new string('a', 200), 21))] = "x" }));
    }

    [Theory]
    [InlineData("./a", "a")]
    [InlineData("a//b", "a/b")]
    [InlineData("a/", "a")]
    [InlineData("a/.", "a")]
    [InlineData("a/..b", "a/..b")]
    [InlineData(".hidden", ".hidden")]
    public void Paths_are_cleaned(string path, string cleaned)
    {
        Assert.Equal(cleaned, KubeletVolumeWriter.ValidateAndClean(path));
    }

    [Fact]
    public void A_file_that_is_also_a_directory_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => _writer.Write(new Dictionary<string, string> { ["a"] = "1", ["a/b"] = "2" }));
    }
}
