using PodBinding.Generators.Tests.Helpers;

namespace PodBinding.Generators.Tests;

/// <summary>The snapshot helper itself: a snapshot test is only worth something if a missing or different snapshot fails.</summary>
public sealed class SnapshotHelperTests : IDisposable
{
    private readonly string _name = "SnapshotHelperTests.Scratch_" + Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        foreach (string file in Directory.GetFiles(Snapshot.Directory, _name + ".*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ProjectDirectory_ComesFromAssemblyMetadata()
    {
        Assert.True(File.Exists(Path.Combine(Snapshot.ProjectDirectory, "PodBinding.Generators.Tests.csproj")), Snapshot.ProjectDirectory);
        Assert.True(Directory.Exists(Snapshot.Directory));
    }

    [Fact]
    public void MissingSnapshot_FailsAndWritesReceived()
    {
        var e = Assert.Throws<Xunit.Sdk.XunitException>(() => Snapshot.Match("a: 1\n", _name, "yaml", accept: false));
        Assert.Contains("has no committed snapshot", e.Message, StringComparison.Ordinal);
        Assert.Equal("a: 1\n", File.ReadAllText(Path.Combine(Snapshot.Directory, _name + ".received.yaml")));
        Assert.False(File.Exists(Path.Combine(Snapshot.Directory, _name + ".verified.yaml")));
    }

    [Fact]
    public void DifferentText_FailsNamingTheLine_AndAcceptingReplacesIt()
    {
        Snapshot.Match("line1\nline2\n", _name, "cs", accept: true);
        var e = Assert.Throws<Xunit.Sdk.XunitException>(() => Snapshot.Match("line1\nchanged\n", _name, "cs", accept: false));
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Snapshot.Directory, _name + ".received.cs")));

        Snapshot.Match("line1\nchanged\n", _name, "cs", accept: true);
        Snapshot.Match("line1\r\nchanged", _name, "cs", accept: false); // line ends and the final newline are normalised
        Assert.False(File.Exists(Path.Combine(Snapshot.Directory, _name + ".received.cs")));
    }

    [Fact]
    public void GeneratorVersion_IsNormalisedAway() =>
        Assert.Equal(
            Snapshot.Normalize("[GeneratedCode(\"PodBinding\", \"0.1.0\")]"),
            Snapshot.Normalize("[GeneratedCode(\"PodBinding\", \"9.9.9-dev\")]\n\n"));
}
