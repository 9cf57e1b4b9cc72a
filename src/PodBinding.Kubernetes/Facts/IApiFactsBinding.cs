namespace PodBinding.Kubernetes.Facts;

/// <summary>
/// Implemented by the generated part of a class with <c>[FromApi]</c> members: what it asks the API server for, and how
/// one consistent <see cref="ApiFacts"/> snapshot becomes an instance. No reflection: the reader calls these statics.
/// </summary>
/// <typeparam name="TSelf">The binding class.</typeparam>
public interface IApiFactsBinding<TSelf>
    where TSelf : IApiFactsBinding<TSelf>
{
    /// <summary>The facts this class needs.</summary>
    static abstract ApiFactsRequest ApiRequest { get; }

    /// <summary>Builds an instance from one snapshot; facts a kind did not ask for are null in <paramref name="facts"/>.</summary>
    static abstract TSelf FromApiFacts(ApiFacts facts);
}
