using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace PodBinding.Extensions.Tests;

/// <summary>One failing listener must not cost the others their change.</summary>
public sealed class ChangeListenerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20); // liveness bound, not a speed assertion

    [Fact]
    public async Task A_throwing_listener_stops_neither_the_other_listeners_nor_the_change_token()
    {
        using var folder = new PodFolder();
        using ServiceProvider services = new ServiceCollection().AddPodBinding<ShopPod>(r => r.Source = folder.Source).BuildServiceProvider();
        var monitor = services.GetRequiredService<IOptionsMonitor<ShopPod>>();
        _ = monitor.CurrentValue;

        using IDisposable? bad = monitor.OnChange((_, _) => throw new InvalidOperationException("listener bug"));
        var changes = Channel.CreateUnbounded<ShopPod>();
        using IDisposable? good = monitor.OnChange((pod, _) => changes.Writer.TryWrite(pod));
        var tokenFired = new TaskCompletionSource();
        var tokenSource = services.GetRequiredService<IOptionsChangeTokenSource<ShopPod>>();
        using IDisposable registration = ChangeToken.OnChange(tokenSource.GetChangeToken, () => tokenFired.TrySetResult());

        folder.Pod.Labels["tier"] = "gold";
        Assert.True(folder.Sync());

        using var timeout = new CancellationTokenSource(Patience);
        Assert.Equal("gold", (await changes.Reader.ReadAsync(timeout.Token)).Labels["tier"]);
        await tokenFired.Task.WaitAsync(Patience);
    }
}
