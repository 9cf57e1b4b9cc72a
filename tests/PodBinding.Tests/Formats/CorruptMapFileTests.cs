using PodBinding.Formats;

namespace PodBinding.Tests.Formats;

/// <summary>Bytes the kubelet never writes in a labels or annotations file are rejected at their line and column.</summary>
public sealed class CorruptMapFileTests
{
    [Theory]
    [InlineData("\ufeffapp=\"orders\"", 1, "column 1")]                 // a UTF-8 BOM from an editor
    [InlineData("app=\"orders\"\ntier =\"gold\"", 2, "column 5")]       // a stray space before '='
    [InlineData("app=\"orders\"\n tier=\"gold\"", 2, "column 1")]       // leading indentation
    [InlineData("app=\"ord\0ers\"", 1, "column 9")]                      // a raw NUL inside the quotes
    [InlineData("app=\"a\tb\"", 1, "column 7")]                          // a raw tab: Go quoting writes \t
    [InlineData("a\0pp=\"orders\"", 1, "column 2")]                      // NUL in a key
    public void A_byte_the_kubelet_never_writes_is_rejected_with_its_line_and_column(string content, int line, string column)
    {
        Assert.False(KubeletMapFormat.TryParse(content, out _, out int errorLine, out string? error));

        Assert.Equal(line, errorLine);
        Assert.Contains(column, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_character_of_a_qualified_key_is_accepted()
    {
        Assert.True(KubeletMapFormat.TryParse("app.kubernetes.io/name-x_Y.1=\"v\"", out MetadataMap? map, out _, out string? error), error);
        Assert.Equal("v", map["app.kubernetes.io/name-x_Y.1"]);
    }
}
