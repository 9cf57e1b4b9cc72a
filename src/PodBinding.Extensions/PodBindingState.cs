using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using PodBinding.Watching;

namespace PodBinding.Extensions;

/// <summary>
/// The one live value of <typeparamref name="T"/> in a service provider: loaded on first use (or at host start),
/// watched, logged, and exposed as a change token.
/// </summary>
/// <typeparam name="T">The bound class.</typeparam>
public sealed class PodBindingState<T> : IDisposable
    where T : class, IDownwardBinding<T>
{
    private readonly ILogger _logger;
    private readonly DownwardWatcher<T>? _watcher;
    private readonly T _fixed = null!;
    private CancellationTokenSource _changed = new();
    private int _failedReloads;

    /// <summary>Loads <typeparamref name="T"/> (throwing <see cref="DownwardApiLoadException"/> when the pod is misconfigured) and starts watching.</summary>
    public PodBindingState(PodBindingRegistration<T> registration, ILogger logger)
        : this(registration, logger, host: null)
    {
    }

    /// <summary>As the other constructor; <paramref name="host"/> lets the Development environment read a simulated pod outside a cluster.</summary>
    public PodBindingState(PodBindingRegistration<T> registration, ILogger logger, IHostEnvironment? host)
    {
        ArgumentNullException.ThrowIfNull(registration);
        _logger = logger;
        PodSource source;
        try
        {
            source = registration.ResolveSource(host);
        }
        catch (FormatException e)
        {
            registration.LoadFailure = e; // a simulated pod's pod.env that is not KEY=VALUE: reported like a load failure
            Log.LoadFailed(_logger, e.Message);
            throw;
        }

        if (source.SimulatedPodFolder is { } simulated)
        {
            Log.UsingSimulatedPod(_logger, T.DownwardApi.TypeName, simulated, source.SimulatedPodReason ?? "it was chosen as the source");
        }

        try
        {
            if (registration.Watch)
            {
                _watcher = DownwardWatcher.Start<T>(source, registration.WatchOptions);
                _watcher.Subscribe(OnChanged);
                _watcher.Error += OnError;
                _watcher.Recovered += OnRecovered;
            }
            else
            {
                _fixed = T.Load(source);
            }
        }
        catch (DownwardApiLoadException e)
        {
            registration.LoadFailure = e;
            Log.LoadFailed(_logger, e.Message);
            throw;
        }

        Log.Loaded(_logger, T.DownwardApi.TypeName, T.DownwardApi.References.Count, source.VolumeDirectory, registration.Watch);
    }

    /// <summary>The current value.</summary>
    public T Current => _watcher?.Current ?? _fixed;

    /// <summary>A token that fires at the next change of the value.</summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>Raised after each change, with the new value.</summary>
    public event Action<T>? Changed;

    internal DownwardWatcher<T>? Watcher => _watcher;

    /// <inheritdoc/>
    public void Dispose() => _watcher?.Dispose();

    private void OnChanged(T value)
    {
        Log.Reloaded(_logger, T.DownwardApi.TypeName, _watcher?.Version);
        CancellationTokenSource previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        try
        {
            previous.Cancel(); // first: a throwing listener below must not keep change-token consumers waiting
        }
        catch (AggregateException e)
        {
            Log.CallbackFailed(_logger, T.DownwardApi.TypeName, e);
        }

        previous.Dispose();
        if (Changed is not { } changed)
        {
            return;
        }

        // Each listener on its own: one that throws is logged and the rest still run.
        foreach (Delegate listener in changed.GetInvocationList())
        {
            try
            {
                ((Action<T>)listener)(value);
            }
            catch (Exception e)
            {
                Log.CallbackFailed(_logger, T.DownwardApi.TypeName, e);
            }
        }
    }

    private void OnRecovered(int failedReloads)
    {
        Interlocked.Exchange(ref _failedReloads, 0);
        Log.ReloadRecovered(_logger, T.DownwardApi.TypeName, failedReloads);
    }

    private void OnError(DownwardWatchError error)
    {
        switch (error.Kind)
        {
            case DownwardWatchErrorKind.Reload:
                // Once when the failure starts, once when it clears (OnRecovered): a volume that stays broken must
                // not flood the log. The load exception's message is the whole report; attaching it would print the
                // problem list (and its fix YAML) a second time.
                int failed = Interlocked.Increment(ref _failedReloads);
                if (failed == 1)
                {
                    Log.ReloadFailed(_logger, T.DownwardApi.TypeName, error.Exception.Message, error.Exception is DownwardApiLoadException ? null : error.Exception);
                }
                else
                {
                    Log.ReloadStillFailing(_logger, T.DownwardApi.TypeName, failed, error.Exception.Message);
                }

                break;
            case DownwardWatchErrorKind.Callback:
                Log.CallbackFailed(_logger, T.DownwardApi.TypeName, error.Exception);
                break;
            default:
                Log.EventsFailed(_logger, T.DownwardApi.TypeName, error.Exception.Message, error.Exception);
                break;
        }
    }
}
