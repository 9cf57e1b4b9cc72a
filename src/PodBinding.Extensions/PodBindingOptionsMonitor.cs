using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace PodBinding.Extensions;

/// <summary><see cref="IOptionsMonitor{TOptions}"/> over the live value: every name maps to the one pod.</summary>
internal sealed class PodBindingOptionsMonitor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(PodBindingState<T> state) : IOptionsMonitor<T>
    where T : class, IDownwardBinding<T>
{
    public T CurrentValue => state.Current;

    public T Get(string? name) => state.Current;

    public IDisposable? OnChange(Action<T, string?> listener)
    {
        Action<T> handler = value => listener(value, Options.DefaultName);
        state.Changed += handler;
        return new Unsubscribe(() => state.Changed -= handler);
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        private Action? _action = action;

        public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
    }
}

/// <summary>Lets <c>ChangeToken.OnChange</c> and options consumers see reloads as change tokens.</summary>
internal sealed class PodBindingChangeTokenSource<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(PodBindingState<T> state) : IOptionsChangeTokenSource<T>
    where T : class, IDownwardBinding<T>
{
    public string? Name => Options.DefaultName;

    public Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => state.GetChangeToken();
}
