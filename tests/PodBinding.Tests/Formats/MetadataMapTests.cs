using PodBinding.Formats;

namespace PodBinding.Tests.Formats;

public class MetadataMapTests
{
    [Fact]
    public void From_sorts_ordinally_and_a_later_duplicate_wins()
    {
        MetadataMap map = MetadataMap.From([new("b", "1"), new("a", "2"), new("B", "3"), new("b", "4")]);
        Assert.Equal(["B", "a", "b"], map.Keys);
        Assert.Equal("4", map["b"]);
        Assert.True(map.ContainsKey("B"));
        Assert.False(map.ContainsKey("c"));
        Assert.False(map.TryGetValue("c", out _));
        Assert.Throws<KeyNotFoundException>(() => map["c"]);
    }

    [Fact]
    public void Equality_is_by_value_and_ordinal()
    {
        MetadataMap a = MetadataMap.From([new("x", "1"), new("y", "2")]);
        MetadataMap b = MetadataMap.From([new("y", "2"), new("x", "1")]);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(MetadataMap.From([new("x", "1"), new("y", "3")])));
        Assert.False(a.Equals(MetadataMap.From([new("x", "1"), new("Y", "2")])));
        Assert.False(a.Equals(MetadataMap.From([new("x", "1")])));
        Assert.False(a.Equals(null));
        Assert.True(MetadataMap.Empty.Equals(MetadataMap.From([])));
    }

    [Fact]
    public void From_rejects_null_values()
    {
        Assert.Throws<ArgumentException>(() => MetadataMap.From([new("x", null!)]));
    }
}
