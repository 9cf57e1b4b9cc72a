using CsCheck;
using PodBinding.Formats;

namespace PodBinding.Tests.Formats;

public class KubeletMapFormatTests
{
    // FormatMap (pkg/fieldpath/fieldpath.go) with strconv.Quote: value → line for key k.
    public static TheoryData<string, string> WorkedExamples => new()
    {
        { "say \"hi\"\\now", "k=\"say \\\"hi\\\"\\\\now\"" },
        { "tab\there", "k=\"tab\\there\"" },
        { "\a\b\f\r\v", "k=\"\\a\\b\\f\\r\\v\"" },
        { "\u001b[0m\u007f", "k=\"\\x1b[0m\\x7f\"" },
        { "café 日本 😀", "k=\"café 日本 😀\"" },
        { "nb\u00a0sp zw\u200bsp ls\u2028", "k=\"nb\\u00a0sp zw\\u200bsp ls\\u2028\"" },
        { "bom\ufeff pua\ue000", "k=\"bom\\ufeff pua\\ue000\"" },
        { "plane15 \U000f0000", "k=\"plane15 \\U000f0000\"" },
        { "it's", "k=\"it's\"" },
        { "", "k=\"\"" },
    };

    [Theory]
    [MemberData(nameof(WorkedExamples))]
    public void Formats_and_parses_the_spec_worked_examples(string value, string line)
    {
        Assert.Equal(line, KubeletMapFormat.Format([new("k", value)]));
        Assert.True(KubeletMapFormat.TryParse(line, out MetadataMap? map, out _, out string? error), error);
        Assert.Equal(value, Assert.Single(map).Value);
    }

    [Fact]
    public void Upstream_label_example_with_a_newline()
    {
        Assert.Equal("key=\"value\\n\"", KubeletMapFormat.Format([new("key", "value\n")]));
    }

    [Fact]
    public void Keys_are_sorted_ordinally_and_lines_joined_by_lf_without_a_trailing_newline()
    {
        Assert.Equal("a=\"1\"\nb=\"2\"", KubeletMapFormat.Format([new("b", "2"), new("a", "1")]));
        Assert.Equal("A=\"0\"\na=\"1\"\na.b=\"2\"\nb=\"3\"", KubeletMapFormat.Format([new("b", "3"), new("a.b", "2"), new("a", "1"), new("A", "0")]));
    }

    [Fact]
    public void An_empty_map_is_an_empty_file_and_back()
    {
        Assert.Equal("", KubeletMapFormat.Format([]));
        Assert.True(KubeletMapFormat.TryParse("", out MetadataMap? map, out _, out _));
        Assert.Empty(map);
        Assert.Same(MetadataMap.Empty, map);
    }

    [Theory]
    [InlineData("a=\"1\"\nb=\"2\"\n")]
    [InlineData("a=\"1\"\r\nb=\"2\"\r\n")]
    [InlineData("a=\"1\"\r\nb=\"2\"")]
    public void A_final_newline_and_crlf_line_endings_are_accepted(string content)
    {
        Assert.True(KubeletMapFormat.TryParse(content, out MetadataMap? map, out _, out string? error), error);
        Assert.Equal(MetadataMap.From([new("a", "1"), new("b", "2")]), map);
    }

    [Fact]
    public void Kubelet_local_annotations_parse_as_ordinary_entries()
    {
        const string content = "app.kubernetes.io/owner=\"team \\\"orders\\\"\"\nkubernetes.io/config.seen=\"2026-07-24T10:15:42.123456789Z\"\nkubernetes.io/config.source=\"api\"";
        Assert.True(KubeletMapFormat.TryParse(content, out MetadataMap? map, out _, out string? error), error);
        Assert.Equal("api", map["kubernetes.io/config.source"]);
        Assert.Equal("2026-07-24T10:15:42.123456789Z", map["kubernetes.io/config.seen"]);
        Assert.Equal("team \"orders\"", map["app.kubernetes.io/owner"]);
    }

    [Fact]
    public void Keys_out_of_order_are_accepted_and_sorted()
    {
        Assert.True(KubeletMapFormat.TryParse("b=\"2\"\nc=\"3\"\na=\"1\"", out MetadataMap? map, out _, out string? error), error);
        Assert.Equal(["a", "b", "c"], map.Keys);
        Assert.Equal(["1", "2", "3"], map.Values);
        Assert.Equal("2", map["b"]);
    }

    [Fact]
    public void The_value_is_everything_after_the_first_equals_sign()
    {
        Assert.True(KubeletMapFormat.TryParse("k=\"a=b\"", out MetadataMap? map, out _, out _));
        Assert.Equal("a=b", map["k"]);
    }

    [Theory]
    [InlineData("a=\"1\"\nb=\"2\"\na=\"3\"", 3, "duplicate key 'a' (already on line 1)")]
    [InlineData("a=\"1\"\na=\"2\"", 2, "duplicate key 'a' (already on line 1)")]
    [InlineData("a=\"1\"\nnoequals", 2, "expected key=\"value\" but found no '='")]
    [InlineData("a=\"1\"\n\nb=\"2\"", 2, "expected key=\"value\" but the line is empty")]
    [InlineData("a=\"1\"\n\n", 2, "expected key=\"value\" but the line is empty")]
    [InlineData("=\"1\"", 1, "the key before '=' is empty")]
    [InlineData("a=1", 1, "expected a double-quoted value at column 3 but found '1'")]
    [InlineData("a=\"1\"\nb=\"2", 2, "missing closing quote")]
    [InlineData("a=\"1\"\nb=\"2\"\nkey=\"ab\\q\"", 3, "unknown escape \\q at column 8")]
    [InlineData("abc=\"\\q\"", 1, "unknown escape \\q at column 6")]
    [InlineData("k=\"abc\\q\"", 1, "unknown escape \\q at column 7")]
    public void Malformed_files_report_the_line_and_what_was_expected(string content, int line, string message)
    {
        Assert.False(KubeletMapFormat.TryParse(content, out MetadataMap? map, out int errorLine, out string? error));
        Assert.Null(map);
        Assert.Equal(line, errorLine);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_then_parse_gives_back_any_map()
    {
        Gen<string> key = Gen.String[Gen.Char["abcxyzABC019._-/"], 1, 20];
        Gen.Select(key, GoQuotePropertyTests.Text).Array[0, 12].Sample(entries =>
        {
            MetadataMap expected = MetadataMap.From(entries.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2)));
            string content = KubeletMapFormat.Format(expected);
            return KubeletMapFormat.TryParse(content, out MetadataMap? parsed, out _, out _) && parsed.Equals(expected);
        });
    }
}
