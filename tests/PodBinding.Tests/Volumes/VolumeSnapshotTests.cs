using PodBinding.Testing;
using PodBinding.Tests.Support;
using PodBinding.Volumes;

namespace PodBinding.Tests.Volumes;

/// <summary>VolumeSnapshot on real directories laid out step by step by the kubelet-faithful writer (docs/kubernetes-rules.md, "Volume layout").</summary>
public sealed class VolumeSnapshotTests : IDisposable
{
    private static readonly string[] Items = ["stamp", "conf/app/stamp", "labels"];

    private readonly TempDirectory _temp = new();
    private readonly KubeletVolumeWriter _writer;

    public VolumeSnapshotTests()
    {
        _writer = new KubeletVolumeWriter(_temp.Combine("podinfo"));
    }

    public void Dispose() => _temp.Dispose();

    private static Dictionary<string, string> Version(string stamp) => new()
    {
        ["stamp"] = stamp,
        ["conf/app/stamp"] = stamp,
        ["labels"] = $"app=\"orders\"\nversion=\"{stamp}\"",
    };

    private static void AssertConsistent(VolumeSnapshot snapshot, params string[] allowed)
    {
        Assert.True(snapshot.VolumeExists);
        Assert.Equal(Items.Length, snapshot.Count);
        string? stamp = snapshot[0];
        Assert.Contains(stamp, allowed);
        Assert.Equal(stamp, snapshot[1]);
        Assert.Equal($"app=\"orders\"\nversion=\"{stamp}\"", snapshot[2]);
    }

    [Fact]
    public void First_write_is_read_through_the_data_link()
    {
        Assert.True(_writer.Write(Version("v1")));

        VolumeSnapshot snapshot = VolumeSnapshot.Read(_writer.VolumeDirectory, Items);

        AssertConsistent(snapshot, "v1");
        Assert.Equal(_writer.CurrentVersion, snapshot.Version);
        Assert.Equal(_writer.VolumeDirectory, snapshot.VolumeDirectory);
    }

    [Fact]
    public void A_second_write_swaps_to_the_new_version()
    {
        _writer.Write(Version("v1"));
        string first = VolumeSnapshot.Read(_writer.VolumeDirectory, Items).Version!;

        Assert.True(_writer.Write(Version("v2")));
        VolumeSnapshot snapshot = VolumeSnapshot.Read(_writer.VolumeDirectory, Items);

        AssertConsistent(snapshot, "v2");
        Assert.NotEqual(first, snapshot.Version);
        Assert.False(Directory.Exists(Path.Combine(_writer.VolumeDirectory, first)));
    }

    [Fact]
    public void A_read_at_every_writer_step_sees_one_whole_version()
    {
        _writer.Write(Version("v1"));
        var seen = new List<(KubeletWriteStep Step, string Stamp)>();

        _writer.Write(Version("v2"), step =>
        {
            VolumeSnapshot snapshot = VolumeSnapshot.Read(_writer.VolumeDirectory, Items);
            AssertConsistent(snapshot, "v1", "v2");
            seen.Add((step, snapshot[0]!));
        });

        // The switch point is the rename of ..data (AtomicWriter.Write renames ..data_tmp over ..data, pkg/volume/util/atomic_writer.go): the old version before it, the new one after.
        Assert.Equal(
            [
                (KubeletWriteStep.CurrentVersionRead, "v1"),
                (KubeletWriteStep.NewVersionDirectoryCreated, "v1"),
                (KubeletWriteStep.FilesWritten, "v1"),
                (KubeletWriteStep.TemporaryLinkCreated, "v1"),
                (KubeletWriteStep.DataLinkSwapped, "v2"),
                (KubeletWriteStep.UserVisibleLinksCreated, "v2"),
                (KubeletWriteStep.StaleLinksRemoved, "v2"),
                (KubeletWriteStep.OldVersionRemoved, "v2"),
            ],
            seen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_version_removed_between_readlink_and_read_is_retried_with_the_new_version(int swapBeforeItem)
    {
        _writer.Write(Version("v1"));
        string oldVersion = _writer.CurrentVersion!;
        bool swapped = false;
        int reads = 0;

        VolumeSnapshot snapshot = VolumeSnapshot.Read(_writer.VolumeDirectory, Items, item =>
        {
            reads++;
            if (item == swapBeforeItem && !swapped)
            {
                // The whole update, including removing the directory this read resolved, happens mid-read.
                swapped = true;
                _writer.Write(Version("v2"));
                Assert.False(Directory.Exists(Path.Combine(_writer.VolumeDirectory, oldVersion)));
            }
        });

        AssertConsistent(snapshot, "v2");
        Assert.Equal(_writer.CurrentVersion, snapshot.Version);
        Assert.Equal(2 * Items.Length, reads);
    }

    [Fact]
    public void A_read_that_resolved_the_old_version_before_the_swap_finishes_on_it_while_it_still_exists()
    {
        _writer.Write(Version("v1"));
        string oldVersion = _writer.CurrentVersion!;
        bool swapped = false;

        VolumeSnapshot snapshot = VolumeSnapshot.Read(_writer.VolumeDirectory, Items, item =>
        {
            if (item == 1 && !swapped)
            {
                swapped = true;

                // Stop the kubelet right after the switch (AtomicWriter.Write removes the old version directory only after the switch).
                Assert.Throws<WriterPaused>(() => _writer.Write(Version("v2"), step =>
                {
                    if (step == KubeletWriteStep.DataLinkSwapped)
                    {
                        throw new WriterPaused();
                    }
                }));
                Assert.NotEqual(oldVersion, _writer.CurrentVersion);
            }
        });

        // Every item came from the version resolved at the start, even though ..data moved on mid-read.
        AssertConsistent(snapshot, "v1");
        Assert.Equal(oldVersion, snapshot.Version);
        AssertConsistent(VolumeSnapshot.Read(_writer.VolumeDirectory, Items), "v2");
    }

    private sealed class WriterPaused : Exception;

    [Fact]
    public void A_volume_that_keeps_changing_gives_up_with_an_explanation()
    {
        _writer.Write(Version("v0"));
        int writes = 0;

        IOException error = Assert.Throws<IOException>(() => VolumeSnapshot.Read(_writer.VolumeDirectory, Items, item =>
        {
            if (item == 0)
            {
                _writer.Write(Version("v" + ++writes));
            }
        }));

        Assert.Contains("kept changing", error.Message, StringComparison.Ordinal);
        Assert.Contains(_writer.VolumeDirectory, error.Message, StringComparison.Ordinal);
        Assert.Equal(VolumeSnapshot.MaxAttempts, writes);
    }

    [Fact]
    public void A_missing_item_in_the_current_version_is_null_without_retrying()
    {
        _writer.Write(new Dictionary<string, string> { ["stamp"] = "v1" });
        int reads = 0;

        VolumeSnapshot snapshot = VolumeSnapshot.Read(_writer.VolumeDirectory, ["stamp", "missing", "conf/missing"], _ => reads++);

        Assert.Equal("v1", snapshot[0]);
        Assert.Null(snapshot[1]);
        Assert.Null(snapshot[2]);
        Assert.Equal(3, reads);
    }

    [Fact]
    public void A_plain_folder_without_a_data_link_is_read_file_by_file()
    {
        string folder = _temp.Combine("plain");
        Directory.CreateDirectory(Path.Combine(folder, "conf", "app"));
        File.WriteAllText(Path.Combine(folder, "stamp"), "local");
        File.WriteAllText(Path.Combine(folder, "conf", "app", "stamp"), "local");

        VolumeSnapshot snapshot = VolumeSnapshot.Read(folder, Items);

        Assert.True(snapshot.VolumeExists);
        Assert.Null(snapshot.Version);
        Assert.Equal("local", snapshot[0]);
        Assert.Equal("local", snapshot[1]);
        Assert.Null(snapshot[2]);
    }

    [Fact]
    public void A_hand_made_absolute_data_link_is_followed()
    {
        string folder = _temp.Combine("hand");
        string data = _temp.Combine("elsewhere");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "stamp"), "abs");
        File.CreateSymbolicLink(Path.Combine(folder, "..data"), data);

        VolumeSnapshot snapshot = VolumeSnapshot.Read(folder, ["stamp", "missing"]);

        Assert.Equal(data, snapshot.Version);
        Assert.Equal("abs", snapshot[0]);
        Assert.Null(snapshot[1]);
    }

    [Fact]
    public void A_missing_volume_directory_is_reported_as_absent()
    {
        VolumeSnapshot snapshot = VolumeSnapshot.Read(_temp.Combine("nowhere"), Items);

        Assert.False(snapshot.VolumeExists);
        Assert.Null(snapshot.Version);
        Assert.Equal(Items.Length, snapshot.Count);
        Assert.All(Enumerable.Range(0, Items.Length), i => Assert.Null(snapshot[i]));
    }

    [Fact]
    public void Content_is_decoded_as_utf8_byte_for_byte()
    {
        // A leading U+FEFF is content (an annotation value), not a byte-order mark to strip (docs/kubernetes-rules.md, "File contents": a single value is the raw UTF-8 value).
        string value = "\uFEFFbom café 😀 " + new string('x', 5000);
        _writer.Write(new Dictionary<string, string> { ["a"] = value, ["empty"] = "" });

        VolumeSnapshot snapshot = VolumeSnapshot.Read(_writer.VolumeDirectory, ["a", "empty"]);

        Assert.Equal(value, snapshot[0]);
        Assert.Equal("", snapshot[1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1023)]
    [InlineData(1024)] // fills the first read exactly: the rest is read until end of file
    [InlineData(1025)]
    [InlineData(4097)]
    [InlineData(256 * 1024)] // the API's limit on all annotations together
    public void Items_of_any_size_are_read_whole(int size)
    {
        string value = string.Create(size, 0, static (chars, _) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('a' + (i % 26));
            }
        });
        _writer.Write(new Dictionary<string, string> { ["annotations"] = value });

        Assert.Equal(value, VolumeSnapshot.Read(_writer.VolumeDirectory, ["annotations"])[0]);
    }

    [Fact]
    public void Invalid_utf8_in_a_hand_made_file_is_rejected_not_replaced()
    {
        string folder = _temp.Combine("plain");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "a"), [(byte)'o', 0xFF, (byte)'k']);

        VolumeSnapshot snapshot = VolumeSnapshot.Read(folder, ["a"]);

        Assert.Null(snapshot[0]);
        Assert.Equal($"{Path.Combine(folder, "a")} is not valid UTF-8: byte 0xFF at line 1, column 2 (counted in bytes)", snapshot.ItemError(0));
    }
}
