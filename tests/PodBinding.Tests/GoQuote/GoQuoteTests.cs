using System.Text;
using PodBinding.Formats;

namespace PodBinding.Tests.Formats;

public class GoQuoteTests
{
    // Worked examples of Go's strconv.Quote (strconv/quote.go), as the kubelet quotes label and annotation values.
    [Theory]
    [InlineData("say \"hi\"\\now", "\"say \\\"hi\\\"\\\\now\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("\a\b\f\r\v", "\"\\a\\b\\f\\r\\v\"")]
    [InlineData("\u001b[0m\u007f", "\"\\x1b[0m\\x7f\"")]
    [InlineData("café 日本 😀", "\"café 日本 😀\"")]
    [InlineData("nb\u00a0sp zw\u200bsp ls\u2028", "\"nb\\u00a0sp zw\\u200bsp ls\\u2028\"")]
    [InlineData("bom\ufeff pua\ue000", "\"bom\\ufeff pua\\ue000\"")]
    [InlineData("plane15 \U000f0000", "\"plane15 \\U000f0000\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("", "\"\"")]
    [InlineData("value\n", "\"value\\n\"")]
    [InlineData("\0", "\"\\x00\"")]
    [InlineData("\u0085", "\"\\u0085\"")]
    [InlineData("\uFFFD", "\"\uFFFD\"")]
    public void Quote_matches_the_spec_examples(string value, string quoted)
    {
        Assert.Equal(quoted, GoQuote.Quote(value));
        Assert.Equal(quoted, GoQuote.Quote(Encoding.UTF8.GetBytes(value)));
        Assert.True(GoQuote.TryUnquote(quoted, out string? back, out string? error), error);
        Assert.Equal(value, back);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, "\"\\xff\"")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "\"\\xed\\xa0\\x80\"")]
    [InlineData(new byte[] { 0xE6, 0x97, (byte)'a' }, "\"\\xe6\\x97a\"")]
    [InlineData(new byte[] { 0xC0, 0x80 }, "\"\\xc0\\x80\"")]
    public void Invalid_utf8_bytes_are_escaped_one_byte_at_a_time(byte[] bytes, string quoted)
    {
        Assert.Equal(quoted, GoQuote.Quote(bytes));
        Assert.True(GoQuote.TryUnquoteToBytes(quoted, out byte[]? back, out _));
        Assert.Equal(bytes, back);
    }

    [Fact]
    public void A_lone_surrogate_quotes_as_the_replacement_character_it_encodes_to()
    {
        Assert.Equal("\"a\uFFFDb\"", GoQuote.Quote("a\uD800b"));
    }

    [Fact]
    public void Hex_byte_escapes_are_gathered_and_decoded_as_utf8()
    {
        Assert.True(GoQuote.TryUnquote("\"caf\\xc3\\xa9\"", out string? value, out _));
        Assert.Equal("café", value);
    }

    [Fact]
    public void Upper_case_hex_digits_are_accepted_when_reading()
    {
        Assert.True(GoQuote.TryUnquote("\"\\u00A0\\x1B\"", out string? value, out _));
        Assert.Equal("\u00a0\u001b", value);
    }

    [Theory]
    [InlineData("\"abc\\q\"", "unknown escape \\q at column 5")]
    [InlineData("\"abc", "missing closing quote")]
    [InlineData("\"abc\\\"", "missing closing quote")]
    [InlineData("\"", "missing closing quote")]
    [InlineData("abc\"", "expected a double-quoted value at column 1 but found 'a'")]
    [InlineData("", "expected a double-quoted value at column 1 but found nothing")]
    [InlineData("\"a\"b\"", "unescaped '\"' at column 3")]
    [InlineData("\"\\x4\"", "\\x at column 2 must be followed by 2 hex digits")]
    [InlineData("\"\\u12G4\"", "\\u at column 2 must be followed by 4 hex digits")]
    [InlineData("\"\\ud800\"", "\\ud800 at column 2 is not a Unicode scalar value")]
    [InlineData("\"\\U00110000\"", "\\U00110000 at column 2 is not a Unicode scalar value")]
    [InlineData("\"\\101\"", "unknown escape \\1 at column 2")]
    [InlineData("\"\\'\"", "unknown escape \\' at column 2")]
    [InlineData("\"a\nb\"", "unexpected a line break at column 3")]
    public void Malformed_input_is_rejected_with_a_precise_message(string quoted, string message)
    {
        Assert.False(GoQuote.TryUnquote(quoted, out string? value, out string? error));
        Assert.Null(value);
        Assert.NotNull(error);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x20, true)]
    [InlineData(0x7E, true)]
    [InlineData(0x7F, false)]
    [InlineData(0xA0, false)]
    [InlineData(0xAD, false)]
    [InlineData(0xA1, true)]
    [InlineData(0x0301, true)]
    [InlineData(0x2028, false)]
    [InlineData(0x3000, false)]
    [InlineData(0xE000, false)]
    [InlineData(0x0378, false)]
    [InlineData(0x1F600, true)]
    [InlineData(0xE0001, false)]
    public void Printable_follows_go(int codePoint, bool printable)
    {
        Assert.Equal(printable, GoQuote.IsPrint(new Rune(codePoint)));
    }
}
