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
    /// Builds an instance from one load's converted <paramref name="values"/> (<see cref="BindingReader.ReadAll()"/>).
    /// Generated as an explicit implementation, so it is not part of the class's own members.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract TSelf ReadDownward(DownwardValues values);
}
