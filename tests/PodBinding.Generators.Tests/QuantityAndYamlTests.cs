using PodBinding.Generators.Emit;
using PodBinding.Shared;

namespace PodBinding.Generators.Tests;

/// <summary>The shared <see cref="Quantity"/> (canonical strings as apimachinery's Quantity.String prints them, pkg/api/resource/quantity.go) and YAML scalar quoting.</summary>
public sealed class QuantityAndYamlTests
{
    [Theory]
    [InlineData("1000m", "1")]
    [InlineData("0.001", "1m")]
    [InlineData("1.0", "1")]
    [InlineData("1000", "1k")]
    [InlineData("1024Ki", "1Mi")]
    [InlineData("0.5Ki", "512")]
    [InlineData("1e3", "1e3")]
    [InlineData("1024", "1024")]
    [InlineData("1500m", "1500m")]
    [InlineData("2048Mi", "2Gi")]
    [InlineData("1536Mi", "1536Mi")]
    [InlineData("0.5", "500m")]
    [InlineData("1000000", "1M")]
    [InlineData("12e6", "12e6")]
    [InlineData("250m", "250m")]
    [InlineData("1Ki", "1Ki")]
    [InlineData("1k", "1k")]
    [InlineData("0", "0")]
    [InlineData("0m", "0")]
    [InlineData("100Mi", "100Mi")]
    [InlineData("1.5Gi", "1536Mi")]
    public void Canonical_MatchesApimachinery(string text, string canonical)
    {
        Assert.True(Quantity.TryParse(text, out Quantity q, out string error), error);
        Assert.Equal(canonical, q.Canonical());
        Assert.Equal(canonical, q.KubernetesString());
    }

    [Theory]
    [InlineData("+1")]
    [InlineData("01")]
    [InlineData("+1m")]
    [InlineData("01Mi")]
    public void KubernetesString_KeepsTheSpellingGoCaches(string text)
    {
        Assert.True(Quantity.TryParse(text, out Quantity q, out _));
        Assert.Equal(text, q.KubernetesString());
        Assert.NotEqual(text, q.Canonical());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Mi")]
    [InlineData("abc")]
    [InlineData("1x")]
    [InlineData("1MiB")]
    [InlineData("1.2.3")]
    [InlineData("1 ")]
    [InlineData("١")] // an Arabic-Indic digit is no digit to Go
    public void Malformed_IsRejectedWithAReason(string? text)
    {
        Assert.False(Quantity.TryParse(text, out _, out string error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("250m", 1, 250)]
    [InlineData("0.5m", 1, 1)]
    [InlineData("1500m", 2, 1500)]
    [InlineData("128Mi", 134217728, 134217728000)]
    [InlineData("0", 0, 0)]
    public void CeilValues_RoundUp(string text, long value, long milliValue)
    {
        Assert.True(Quantity.TryParse(text, out Quantity q, out _));
        Assert.Equal(value, q.CeilValue());
        Assert.Equal(milliValue, q.CeilMilliValue());
    }

    [Theory]
    [InlineData("1", "\"1\"")]
    [InlineData("0", "\"0\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("0o17", "\"0o17\"")]
    [InlineData("0b101", "\"0b101\"")]
    [InlineData("012", "\"012\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("False", "\"False\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("No", "\"No\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("OFF", "\"OFF\"")]
    [InlineData("y", "\"y\"")]
    [InlineData("n", "\"n\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("NaN", "\"NaN\"")]
    [InlineData("Infinity", "\"Infinity\"")]
    [InlineData("1_000", "\"1_000\"")] // YAML 1.1 int (go-yaml, so kubectl and kustomize): 1000
    [InlineData("1_0.5", "\"1_0.5\"")] // YAML 1.1 float
    [InlineData("2024-01-02", "\"2024-01-02\"")] // YAML 1.1 timestamp: kustomize rewrites it to 2024-01-02T00:00:00Z
    [InlineData("2024-1-2", "\"2024-1-2\"")]
    [InlineData("metadata.labels['x']", "\"metadata.labels['x']\"")]
    [InlineData("metadata.annotations['a.b/c']", "\"metadata.annotations['a.b/c']\"")]
    [InlineData("", "\"\"")]
    [InlineData("-x", "\"-x\"")]
    [InlineData(".x", "\".x\"")]
    [InlineData("x.", "\"x.\"")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("#x", "\"#x\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("*x", "\"*x\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\there\n", "\"tab\\there\\n\"")]
    [InlineData("\u001b", "\"\\x1b\"")]
    public void ScalarsYamlCouldMisread_AreQuoted(string value, string yaml) => Assert.Equal(yaml, YamlSerializer.Scalar(value));

    [Theory]
    [InlineData("metadata.name")]
    [InlineData("POD_NAME")]
    [InlineData("1Mi")]
    [InlineData("1m")]
    [InlineData("limits.memory")]
    [InlineData("label.app.kubernetes.io_name")]
    [InlineData("/etc/podinfo")]
    [InlineData("apps/v1")]
    [InlineData("orders-api")]
    [InlineData("a_b")]
    [InlineData("2024-01")]
    [InlineData("20240-01-02")]
    [InlineData("v1")]
    public void OrdinaryScalars_StayPlain(string value) => Assert.Equal(value, YamlSerializer.Scalar(value));
}
