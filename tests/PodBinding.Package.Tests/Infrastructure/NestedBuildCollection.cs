namespace PodBinding.Package.Tests.Infrastructure;

/// <summary>
/// Tests that run nested <c>dotnet</c> builds over the repository's projects run one at a time: a pack (Release) and
/// an in-repo build (Debug) of the same projects would otherwise restore into the same obj/ folders concurrently.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NestedBuildCollection
{
    public const string Name = "Nested dotnet builds";
}
