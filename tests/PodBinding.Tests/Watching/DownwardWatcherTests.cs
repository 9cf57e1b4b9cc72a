using PodBinding.Watching;

namespace PodBinding.Tests.Watching;

/// <summary>The watcher on a real volume that the kubelet-faithful writer swaps (docs/kubernetes-rules.md, "Volume layout").</summary>
public sealed class DownwardWatcherTests
{
    [Fact]
    public async Task A_label_change_is_delivered_once_as_a_new_instance()
    {
        using var fixture = new WatcherFixture();
        WatchedPod before = fixture.Watcher.Current;

        fixture.Pod.Labels["tier"] = "gold";
        Assert.True(fixture.Sync());

        WatchedPod after = await fixture.NextChangeAsync();
        Assert.Equal("gold", after.Labels["tier"]);
        Assert.Same(after, fixture.Watcher.Current);
        Assert.False(before.Labels.ContainsKey("tier")); // the old instance is untouched
        Assert.False(fixture.HasPendingChange());
        Assert.Equal(fixture.Writer.CurrentVersion, fixture.Watcher.Version);
    }

    [Fact]
    public void Nothing_is_delivered_when_the_kubelet_writes_identical_content()
    {
        using var fixture = new WatcherFixture();
        string? version = fixture.Writer.CurrentVersion;

        Assert.False(fixture.Sync()); // the AtomicWriter skips an identical payload (pkg/volume/util/atomic_writer.go, AtomicWriter.Write: no new version when every payload matches)

        Assert.False(fixture.HasPendingChange());
        Assert.Equal(version, fixture.Watcher.Version);
    }

    [Fact]
    public void A_new_version_that_changes_only_unbound_items_delivers_nothing()
    {
        using var fixture = new WatcherFixture();
        var payload = new Dictionary<string, string>(fixture.Pod.VolumePayload(WatchedPod.DownwardApi)) { ["unrelated"] = "x" };

        Assert.True(fixture.Writer.Write(payload)); // items added: a real swap

        Assert.False(fixture.HasPendingChange());
        Assert.Equal(fixture.Writer.CurrentVersion, fixture.Watcher.Version);
    }

    [Fact]
    public async Task An_optional_item_that_disappears_reads_as_null()
    {
        using var fixture = new WatcherFixture();
        var payload = new Dictionary<string, string>(fixture.Pod.VolumePayload(WatchedPod.DownwardApi));
        payload.Remove("team");

        Assert.True(fixture.Writer.Write(payload)); // items removed

        WatchedPod after = await fixture.NextChangeAsync();
        Assert.Null(after.Team);
        Assert.False(File.Exists(Path.Combine(fixture.Writer.VolumeDirectory, "team"))); // its top-level link is gone too
    }

    [Fact]
    public async Task A_broken_reload_keeps_the_previous_value_and_reports_why()
    {
        using var fixture = new WatcherFixture();
        WatchedPod before = fixture.Watcher.Current;
        var payload = new Dictionary<string, string>(fixture.Pod.VolumePayload(WatchedPod.DownwardApi)) { ["labels"] = "app=orders" };

        fixture.Writer.Write(payload); // not Go-quoted: the kubelet would never write this

        DownwardWatchError error = await fixture.NextErrorAsync();
        Assert.Equal(DownwardWatchErrorKind.Reload, error.Kind);
        DownwardApiLoadException load = Assert.IsType<DownwardApiLoadException>(error.Exception);
        Assert.Contains("labels line 1", load.Message);
        Assert.Same(before, fixture.Watcher.Current);

        fixture.Pod.Labels["app"] = "orders-v2";
        fixture.Sync(); // the next good version recovers
        Assert.Equal("orders-v2", (await fixture.NextChangeAsync()).Labels["app"]);
    }

    [Fact]
    public async Task Env_members_are_carried_over_because_env_vars_never_change_in_a_running_container()
    {
        using var fixture = new WatcherFixture();
        fixture.Environment["POD_NAME"] = "something-else"; // would show if a reload re-read the environment

        fixture.Pod.Labels["tier"] = "gold";
        fixture.Sync();

        WatchedPod after = await fixture.NextChangeAsync();
        Assert.Equal("orders-1", after.Name);
        Assert.Equal("gold", after.Labels["tier"]);
    }

    [Fact]
    public async Task Polling_alone_notices_the_swap()
    {
        using var fixture = new WatcherFixture(new DownwardWatchOptions { UseFileSystemEvents = false, PollInterval = TimeSpan.FromMilliseconds(50) });
        Assert.False(fixture.Watcher.UsesFileSystemEvents);

        fixture.Pod.Labels["tier"] = "gold";
        fixture.Sync();

        Assert.Equal("gold", (await fixture.NextChangeAsync()).Labels["tier"]);
    }

    [Fact]
    public async Task When_events_fail_polling_takes_over_and_the_event_watcher_comes_back()
    {
        var options = new DownwardWatchOptions { PollInterval = TimeSpan.FromMilliseconds(50), WatcherRestartDelay = TimeSpan.FromMilliseconds(100) };
        using var fixture = new WatcherFixture(options);
        Assert.True(fixture.Watcher.UsesFileSystemEvents);

        fixture.Watcher.Loop.SimulateEventsError(new InternalBufferOverflowException("simulated overflow"));

        DownwardWatchError error = await fixture.NextErrorAsync();
        Assert.Equal(DownwardWatchErrorKind.Events, error.Kind);
        fixture.Pod.Labels["tier"] = "gold";
        fixture.Sync();
        Assert.Equal("gold", (await fixture.NextChangeAsync()).Labels["tier"]);
        await fixture.WaitUntilAsync(() => fixture.Watcher.UsesFileSystemEvents);
    }

    [Fact]
    public async Task A_throwing_callback_neither_stops_other_callbacks_nor_the_watcher()
    {
        using var fixture = new WatcherFixture();
        fixture.Watcher.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));

        fixture.Pod.Labels["tier"] = "gold";
        fixture.Sync();

        Assert.Equal("gold", (await fixture.NextChangeAsync()).Labels["tier"]);
        DownwardWatchError error = await fixture.NextErrorAsync();
        Assert.Equal(DownwardWatchErrorKind.Callback, error.Kind);
        Assert.Equal("subscriber bug", error.Exception.Message);

        fixture.Pod.Labels["tier"] = "platinum";
        fixture.Sync();
        Assert.Equal("platinum", (await fixture.NextChangeAsync()).Labels["tier"]);
    }

    [Fact]
    public async Task Unsubscribed_callbacks_are_not_called()
    {
        using var fixture = new WatcherFixture();
        int calls = 0;
        IDisposable subscription = fixture.Watcher.Subscribe(_ => Interlocked.Increment(ref calls));
        subscription.Dispose();

        fixture.Pod.Labels["tier"] = "gold";
        fixture.Sync();
        await fixture.NextChangeAsync();

        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact]
    public void Dispose_stops_the_loop_and_later_swaps_deliver_nothing()
    {
        using var fixture = new WatcherFixture();

        fixture.Watcher.Dispose();

        Assert.False(fixture.Watcher.Loop.IsRunning);
        Assert.False(fixture.Watcher.UsesFileSystemEvents);
        fixture.Pod.Labels["tier"] = "gold";
        fixture.Sync();
        Assert.Throws<ObjectDisposedException>(fixture.Watcher.CheckNow);
        Assert.False(fixture.Watcher.Current.Labels.ContainsKey("tier"));
    }

    [Fact]
    public async Task Dispose_from_inside_a_callback_does_not_deadlock()
    {
        using var fixture = new WatcherFixture();
        var disposed = new TaskCompletionSource();
        fixture.Watcher.Subscribe(_ =>
        {
            fixture.Watcher.Dispose();
            disposed.SetResult();
        });

        fixture.Pod.Labels["tier"] = "gold";
        fixture.Sync();

        await disposed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await fixture.WaitUntilAsync(() => !fixture.Watcher.Loop.IsRunning);
    }

    [Fact]
    public void A_misconfigured_pod_fails_at_start_with_the_loaders_errors()
    {
        var options = new DownwardWatchOptions();
        DownwardApiLoadException error = Assert.Throws<DownwardApiLoadException>(() =>
            WatchedPod.Watch(PodSource.FromDirectory("/nonexistent/podinfo", new Dictionary<string, string>()), options));

        Assert.Contains("POD_NAME", error.Message);
        Assert.Contains("no downward API volume is mounted at /nonexistent/podinfo", error.Message);
    }

    [Fact]
    public async Task A_broken_version_is_reported_once_not_on_every_poll()
    {
        using var fixture = new WatcherFixture();
        var payload = new Dictionary<string, string>(fixture.Pod.VolumePayload(WatchedPod.DownwardApi)) { ["labels"] = "app=orders" };
        fixture.Writer.Write(payload);
        Assert.Equal(DownwardWatchErrorKind.Reload, (await fixture.NextErrorAsync()).Kind);

        for (int i = 0; i < 5; i++)
        {
            fixture.Watcher.CheckNow(); // as five polls would
        }

        Assert.False(fixture.HasPendingError());

        fixture.Pod.Labels["app"] = "orders-v2";
        fixture.Sync(); // a good version clears the failure
        Assert.Equal("orders-v2", (await fixture.NextChangeAsync()).Labels["app"]);
    }

    [Fact]
    public async Task After_the_volume_directory_is_removed_and_created_again_changes_arrive_by_events_again()
    {
        var options = new DownwardWatchOptions { PollInterval = TimeSpan.FromMilliseconds(50), WatcherRestartDelay = TimeSpan.Zero };
        using var fixture = new WatcherFixture(options);
        Assert.True(fixture.Watcher.UsesFileSystemEvents);

        // What a remount (or the sample's make-volume.sh) does: the directory goes, a new one takes its path.
        Directory.Delete(fixture.Writer.VolumeDirectory, recursive: true);
        Assert.True(fixture.Sync());

        // A poll that lands while the directory is gone reports the missing volume first (a Reload error): that is
        // true too; the event watcher's own report must follow.
        DownwardWatchError error = await fixture.NextErrorAsync();
        while (error.Kind == DownwardWatchErrorKind.Reload)
        {
            error = await fixture.NextErrorAsync();
        }

        Assert.Equal(DownwardWatchErrorKind.Events, error.Kind);
        Assert.Contains(fixture.Writer.VolumeDirectory, error.Exception.Message);
        await fixture.WaitUntilAsync(() => fixture.Watcher.UsesFileSystemEvents && !fixture.HasPendingChange());
        while (fixture.HasPendingError())
        {
            await fixture.NextErrorAsync(); // "removed" may come before "exists again"
        }

        long eventsBefore = fixture.Watcher.Loop.EventSignals;
        fixture.Pod.Labels["tier"] = "gold";
        fixture.Sync();

        Assert.Equal("gold", (await fixture.NextChangeAsync()).Labels["tier"]);

        // The kubelet's rename raised events on the new directory: the change did not have to wait for the poll.
        Assert.True(fixture.Watcher.Loop.EventSignals > eventsBefore, "no file-system event arrived from the new directory");
        Assert.True(fixture.Watcher.UsesFileSystemEvents);
    }
}
