using PodBinding.Generators.Tests.Helpers;

namespace PodBinding.Generators.Tests;

/// <summary>A skipped <c>required</c> member: the user sees the PodBinding diagnostic, never a compiler error in generated code.</summary>
public sealed class RequiredMemberTests
{
    private const string Source = """
        using PodBinding;

        namespace Shop;

        [DownwardBinding(ContainerName = "api")]
        public sealed partial class M2
        {
            [FromDownward("metadata.name")]
            public required object Name { get; init; }

            [FromDownward("metadata.namespace")]
            public required string Namespace { get; init; }
        }
        """;

    [Fact]
    public void A_skipped_required_member_adds_no_CS9035_to_the_generated_file()
    {
        // Run() fails on any error or warning in the output compilation, generated trees included.
        GeneratorOutput output = GeneratorRunner.Run(Source);
        string loader = output.Source("Shop.M2.PodBinding.g.cs");

        Assert.Contains("// PodBinding skipped 'Name' (PB", loader, StringComparison.Ordinal);
        Assert.Contains("throw new global::System.InvalidOperationException(\"Shop.M2 cannot be loaded: PodBinding skipped its required member(s) Name;", loader, StringComparison.Ordinal);
        Assert.DoesNotContain("=> new()", loader, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skipped_optional_member_keeps_the_loader()
    {
        GeneratorOutput output = GeneratorRunner.Run(Source.Replace("public required object Name", "public object? Name", StringComparison.Ordinal));
        string loader = output.Source("Shop.M2.PodBinding.g.cs");

        Assert.Contains("ReadDownward(global::PodBinding.Loading.DownwardValues v) => new()", loader, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", loader, StringComparison.Ordinal);
    }
}
