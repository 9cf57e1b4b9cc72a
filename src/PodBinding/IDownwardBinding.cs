using System.ComponentModel;
using PodBinding.Loading;

namespace PodBinding;

/// <summary>
/// Implemented by the generator on every bound class, so generic code (watchers, dependency injection) can load and
/// reload it without reflection: the static members dispatch at compile time and are trimming- and AOT-safe.
/// </summary>
/// <typeparam name="TSelf">The bound class.</typeparam>
public interface IDownwardBinding<TSelf>
    where TSelf : class, IDownwardBinding<TSelf>
{
    /// <summary>Where each member comes from, and where the volume is mounted.</summary>
    static abstract DownwardBindingInfo DownwardApi { get; }

    /// <summary>Loads every member from <paramref name="source"/>.</summary>
    static abstract TSelf Load(PodSource source);

    /// <summary>
    /// Builds an instance from <paramref name="reader"/>. With <paramref name="previous"/>, members that come from env
    /// vars are carried over (env vars never change in a running container) and only the volume is read.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract TSelf ReadDownward(BindingReader reader, TSelf? previous);
}
