using PodBinding.Shared;
using Xunit;

namespace PodBinding.Generators.Tests;

/// <summary>The binding table is read back by the runtime and the build task: every text must survive the round trip.</summary>
public sealed class BindingTableTests
{
    [Fact]
    public void Separators_backslashes_and_line_breaks_in_values_survive_the_round_trip()
    {
        var table = new BindingTable(
            "Shop.Pod", "app", "podinfo", "/etc/pod info|x", "deploy/podbinding", "pod", "Deployment", "shop", 420,
            new[]
            {
                new BindingTableRow("Name", "String", isOptional: false, isVolume: true, "dir\\name|with\nbreak", "metadata.name", null, null, null),
                new BindingTableRow("Memory", "Int64", isOptional: true, isVolume: false, "MEMORY", null, "limits.memory", "app", "1Mi"),
            },
            new[] { new BindingTableSkip("", "PB0100", "the class says 'a|b'\nand \\ more"), new BindingTableSkip("Bad", "PB0001", "x") });

        string text = table.ToString();
        BindingTable read = BindingTable.Parse(text);

        Assert.Equal(text, read.ToString());
        Assert.Equal("/etc/pod info|x", read.MountPath);
        Assert.Equal(420, read.DefaultMode);
        Assert.Equal("dir\\name|with\nbreak", read.Members[0].Name);
        Assert.True(read.Members[0].IsVolume);
        Assert.Equal(("limits.memory", "app", "1Mi", true), (read.Members[1].Resource, read.Members[1].ContainerName, read.Members[1].Divisor, read.Members[1].IsOptional));
        Assert.Null(read.Members[1].FieldPath);
        Assert.Equal("the class says 'a|b'\nand \\ more", read.Skipped[0].Message);
        Assert.True(read.HasClassError);
    }

    [Fact]
    public void A_class_without_workload_or_mode_reads_back_as_none()
    {
        BindingTable read = BindingTable.Parse("Shop.Pod|app|podinfo|/etc/podinfo|deploy/podbinding|pod|||\nName|String|env|POD_NAME|metadata.name\n");

        Assert.Null(read.WorkloadKind);
        Assert.Null(read.WorkloadName);
        Assert.Null(read.DefaultMode);
        Assert.Equal("deploy/podbinding/pod.yaml", read.ManifestFile);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Shop.Pod|app\n")]
    [InlineData("Shop.Pod|app|podinfo|/etc/podinfo|deploy/podbinding|pod|||\nName|String|volume|x|metadata.name\n")]
    [InlineData("Shop.Pod|app|podinfo|/etc/podinfo|deploy/podbinding|pod|||\nName|String|env|POD_NAME|metadata.name")]
    public void Malformed_text_is_a_format_error(string text) =>
        Assert.Throws<System.FormatException>(() => BindingTable.Parse(text));
}
