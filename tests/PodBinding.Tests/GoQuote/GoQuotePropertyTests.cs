using CsCheck;
using PodBinding.Formats;

namespace PodBinding.Tests.Formats;

public class GoQuotePropertyTests
{
    /// <summary>Code points weighted towards the ones that need escaping or are easy to get wrong.</summary>
    internal static readonly Gen<int> CodePoint = Gen.Frequency(
        (4, (IGen<int>)Gen.Int[0x20, 0x7E]),
        (2, Gen.Int[0x00, 0x1F]),
        (3, Gen.OneOf(
            Gen.Const(0x7F), Gen.Const(0x85), Gen.Const(0xA0), Gen.Const(0xAD), Gen.Const((int)'"'), Gen.Const((int)'\\'),
            Gen.Const((int)'\''), Gen.Const(0x2028), Gen.Const(0x2029), Gen.Const(0x200B), Gen.Const(0xFEFF), Gen.Const(0xFFFD),
            Gen.Const(0xFFFE), Gen.Const(0xFFFF), Gen.Const(0xE000), Gen.Const(0x0301), Gen.Const(0x1F600), Gen.Const(0xF0000),
            Gen.Const(0x10FFFF), Gen.Const(0xE0001), Gen.Const(0x0378))),
        (2, Gen.Int[0x80, 0xFFFF].Where(c => c is < 0xD800 or > 0xDFFF)),
        (1, Gen.Int[0x10000, 0x10FFFF]));

    internal static readonly Gen<string> Text =
        CodePoint.Array[0, 40].Select(codePoints => string.Concat(codePoints.Select(char.ConvertFromUtf32)));

    [Fact]
    public void Unquote_inverts_quote_for_any_string()
    {
        Text.Sample(value =>
        {
            string quoted = GoQuote.Quote(value);
            return GoQuote.TryUnquote(quoted, out string? back, out _) && back == value;
        });
    }

    [Fact]
    public void Quoted_text_never_contains_raw_line_breaks_or_control_characters()
    {
        // The map format splits lines on LF (pkg/fieldpath/fieldpath.go, FormatMap: one line per entry): that is only safe if quoting never emits one.
        Text.Sample(value => !GoQuote.Quote(value).Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'));
    }

    [Fact]
    public void Quoting_a_string_and_its_utf8_bytes_agree()
    {
        Text.Sample(value => GoQuote.Quote(value) == GoQuote.Quote(System.Text.Encoding.UTF8.GetBytes(value)));
    }

    [Fact]
    public void Unquote_inverts_quote_for_any_bytes()
    {
        Gen.Byte.Array[0, 40].Sample(bytes =>
            GoQuote.TryUnquoteToBytes(GoQuote.Quote(bytes), out byte[]? back, out _) && back.AsSpan().SequenceEqual(bytes));
    }
}
