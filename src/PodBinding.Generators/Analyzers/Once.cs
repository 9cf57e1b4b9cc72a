using System;
using System.Threading;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// A value computed at most once, on first use, by whichever thread asks first. Unlike <c>Lazy&lt;T&gt;</c> it does not
/// remember an exception, so a cancelled computation is simply redone by the next caller.
/// </summary>
internal sealed class Once<T>
    where T : class
{
    private readonly Func<CancellationToken, T> _factory;
    private readonly object _gate = new();
    private T? _value;

    public Once(Func<CancellationToken, T> factory) => _factory = factory;

    public T Get(CancellationToken ct)
    {
        if (Volatile.Read(ref _value) is { } value)
        {
            return value;
        }

        lock (_gate)
        {
            return _value ??= _factory(ct);
        }
    }
}
