using PodBinding.Tests.Support;
using PodBinding.Watching;

namespace PodBinding.Tests.Watching;

/// <summary>Every watch option is checked against what the loop's waits accept, before anything starts.</summary>
public sealed class WatchOptionsTests
{
    public static TheoryData<string> TimedOptions => [nameof(DownwardWatchOptions.PollInterval), nameof(DownwardWatchOptions.DebounceDelay), nameof(DownwardWatchOptions.WatcherRestartDelay)];

    private static DownwardWatchOptions With(string option, TimeSpan value)
    {
        var options = new DownwardWatchOptions();
        switch (option)
        {
            case nameof(DownwardWatchOptions.PollInterval): options.PollInterval = value; break;
            case nameof(DownwardWatchOptions.DebounceDelay): options.DebounceDelay = value; break;
            default: options.WatcherRestartDelay = value; break;
        }

        return options;
    }

    [Theory]
    [MemberData(nameof(TimedOptions))]
    public void A_value_beyond_what_a_timer_accepts_is_rejected_when_watching_starts(string option)
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new VolumeChangeLoop(temp.Path, With(option, TimeSpan.FromDays(60)), static () => { }, static _ => { }));

        Assert.Equal(option, error.ParamName);
        Assert.Contains("24.20:31:23.647", error.Message, StringComparison.Ordinal); // the largest wait a timer takes
    }

    [Theory]
    [MemberData(nameof(TimedOptions))]
    public void The_largest_accepted_value_watches_and_disposes_cleanly(string option)
    {
        using var temp = new TempDirectory();
        int checks = 0;
        var loop = new VolumeChangeLoop(temp.Path, With(option, TimeSpan.FromMilliseconds(int.MaxValue)), () => Interlocked.Increment(ref checks), static _ => { });

        loop.Trigger();
        if (option != nameof(DownwardWatchOptions.DebounceDelay))
        {
            SpinWait.SpinUntil(() => Volatile.Read(ref checks) > 0, TimeSpan.FromSeconds(20));
            Assert.Equal(1, Volatile.Read(ref checks)); // a trigger still runs a check
        }

        loop.Dispose(); // never throws, even while a wait of ~25 days is pending
        Assert.False(loop.IsRunning);
    }
}
