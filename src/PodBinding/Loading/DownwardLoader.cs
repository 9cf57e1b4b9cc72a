using System.ComponentModel;

namespace PodBinding.Loading;

/// <summary>
/// What every generated <c>Load()</c> does, written once: read the class's members with a <see cref="BindingReader"/>
/// (one volume snapshot, every problem in one exception) and let the generated code build the instance.
/// </summary>
/// <remarks>Called by generated code; call <c>YourClass.Load()</c> instead.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DownwardLoader
{
    /// <summary>Loads <typeparamref name="T"/> from the running pod: its env vars and the volume at the class's mount path.</summary>
    /// <exception cref="DownwardApiLoadException">Values are missing or malformed.</exception>
    public static T Load<T>()
        where T : class, IDownwardBinding<T>
        => Load<T>(PodSource.FromProcess(T.DownwardApi.MountPath));

    /// <summary>Loads <typeparamref name="T"/> from <paramref name="source"/>.</summary>
    /// <exception cref="DownwardApiLoadException">Values are missing or malformed.</exception>
    public static T Load<T>(PodSource source)
        where T : class, IDownwardBinding<T>
        => T.ReadDownward(new BindingReader(source, T.DownwardApi).ReadAll());
}
