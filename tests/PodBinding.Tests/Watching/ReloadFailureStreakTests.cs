using PodBinding.Tests.Support;
using PodBinding.Watching;

namespace PodBinding.Tests.Watching;

/// <summary>A failure that persists is raised once through Error, and its end once through Recovered with the count.</summary>
public sealed class ReloadFailureStreakTests
{
    [Fact]
    public void A_plain_folder_that_stays_broken_raises_one_error_and_its_recovery_counts_the_failed_reloads()
    {
        // A hand-made folder has no ..data version to remember, so every poll re-reads it.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("labels"), "app=\"orders\"");
        var environment = new Dictionary<string, string> { ["POD_NAME"] = "orders-1" };
        using DownwardWatcher<WatchedPod> watcher = WatchedPod.Watch(
            PodSource.FromDirectory(temp.Path, environment),
            new DownwardWatchOptions { UseFileSystemEvents = false, PollInterval = TimeSpan.FromHours(1) });
        var errors = new List<DownwardWatchError>();
        var recoveries = new List<int>();
        watcher.Error += errors.Add;
        watcher.Recovered += recoveries.Add;

        File.WriteAllText(temp.Combine("labels"), "app=orders"); // not Go-quoted
        for (int poll = 0; poll < 4; poll++)
        {
            watcher.CheckNow();
        }

        DownwardWatchError error = Assert.Single(errors);
        Assert.Equal(DownwardWatchErrorKind.Reload, error.Kind);
        Assert.Empty(recoveries);

        File.WriteAllText(temp.Combine("labels"), "app=\"orders-v2\"");
        watcher.CheckNow();

        Assert.Equal([4], recoveries);
        Assert.Equal("orders-v2", watcher.Current.Labels["app"]);
        Assert.Single(errors);
    }
}
