using System.Text;
using PodBinding.Formats;

namespace PodBinding.Tests.Formats;

/// <summary>
/// GoQuote against vectors printed by the real Go <c>strconv.Quote</c> (GoQuote/generate-vectors.sh, Go 1.19).
/// </summary>
public class GoQuoteVectorTests
{
    private static readonly Lazy<(byte[] Input, string Quoted)[]> Vectors = new(Load);

    [Fact]
    public void Vectors_file_is_present_and_broad()
    {
        // Guards against a vacuous pass if the file were missing or truncated.
        Assert.True(Vectors.Value.Length > 5000, $"only {Vectors.Value.Length} vectors");
        Assert.Contains(Vectors.Value, v => v.Quoted == "\"say \\\"hi\\\"\\\\now\"");
    }

    [Fact]
    public void Quote_of_bytes_matches_go_for_every_vector()
    {
        var failures = new List<string>();
        foreach ((byte[] input, string quoted) in Vectors.Value)
        {
            string actual = GoQuote.Quote(input);
            if (actual != quoted)
            {
                failures.Add($"{Convert.ToHexString(input)}: expected {quoted} but got {actual}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} mismatches:\n" + string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void Quote_of_string_matches_go_for_every_valid_utf8_vector()
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var failures = new List<string>();
        int checkedCount = 0;
        foreach ((byte[] input, string quoted) in Vectors.Value)
        {
            string text;
            try
            {
                text = strict.GetString(input);
            }
            catch (DecoderFallbackException)
            {
                continue;
            }

            checkedCount++;
            string actual = GoQuote.Quote(text);
            if (actual != quoted)
            {
                failures.Add($"{Convert.ToHexString(input)}: expected {quoted} but got {actual}");
            }
        }

        Assert.True(checkedCount > 2000, $"only {checkedCount} valid vectors");
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches:\n" + string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void Unquote_of_go_output_gives_back_the_bytes_and_their_utf8_decoding()
    {
        var failures = new List<string>();
        foreach ((byte[] input, string quoted) in Vectors.Value)
        {
            if (!GoQuote.TryUnquoteToBytes(quoted, out byte[]? bytes, out string? error) || !bytes.AsSpan().SequenceEqual(input))
            {
                failures.Add($"{quoted}: bytes {(bytes is null ? error : Convert.ToHexString(bytes))}, expected {Convert.ToHexString(input)}");
                continue;
            }

            // The string form decodes the same bytes as UTF-8 (invalid sequences become U+FFFD, as .NET decodes UTF-8).
            string expected = Encoding.UTF8.GetString(input);
            if (!GoQuote.TryUnquote(quoted, out string? text, out error) || text != expected)
            {
                failures.Add($"{quoted}: text {text ?? error}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} mismatches:\n" + string.Join('\n', failures.Take(20)));
    }

    private static (byte[] Input, string Quoted)[] Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "GoQuote", "vectors.txt");
        return File.ReadAllLines(path, Encoding.UTF8)
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                int tab = line.IndexOf('\t', StringComparison.Ordinal);
                return (Convert.FromHexString(line.AsSpan(0, tab)), line[(tab + 1)..]);
            })
            .ToArray();
    }
}
