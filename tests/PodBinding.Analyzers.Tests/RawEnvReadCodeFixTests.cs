using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.CodeFixes;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>PB0202's fix: read the live value through a bound class instead of the environment.</summary>
public sealed class RawEnvReadCodeFixTests
{
    private const string Deployment = "deploy/base/deployment.yaml";

    // Stands in for the generator's output (these tests run the analyzer and the fix, not the generator).
    private const string GeneratedLoad = """
        namespace Shop
        {
            partial class PodInfo { public static PodInfo Load() => new PodInfo(); }
        }
        """;

    private static Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<RawEnvReadAnalyzer, RawEnvReadCodeFix, DefaultVerifier> Create(string source, string fixedSource, string podInfo, string? fixedPodInfo = null)
    {
        var test = ManifestTestState.CodeFix<RawEnvReadAnalyzer, RawEnvReadCodeFix>(source, fixedSource, (Deployment, ManifestYaml.Deployment));
        test.TestState.Sources.Add(("/src/Orders/PodInfo.cs", podInfo));
        test.TestState.Sources.Add(("/src/Orders/PodInfo.g.cs", GeneratedLoad));
        test.FixedState.Sources.Add(("/src/Orders/PodInfo.cs", fixedPodInfo ?? podInfo));
        test.FixedState.Sources.Add(("/src/Orders/PodInfo.g.cs", GeneratedLoad));
        return test;
    }

    [Fact]
    public Task The_read_becomes_the_volume_member_that_reads_the_same_label()
    {
        const string podInfo = """
            namespace Shop
            {
                public partial class PodInfo
                {
                    [PodBinding.FromDownward("metadata.labels['tier']")]
                    public string? Tier { get; init; }
                }
            }
            """;
        var test = Create(
            """
            using Shop;
            class C
            {
                string? M() => {|PB0202:System.Environment.GetEnvironmentVariable("POD_TIER")|};
            }
            """,
            """
            using Shop;
            class C
            {
                string? M() => PodInfo.Load().Tier;
            }
            """,
            podInfo);
        return test.RunAsync();
    }

    [Fact]
    public Task Without_such_a_member_one_is_added_to_a_bound_class_and_read()
    {
        var test = Create(
            """
            class C
            {
                string? M() => {|PB0202:System.Environment.GetEnvironmentVariable("POD_TIER")|};
            }
            """,
            """
            class C
            {
                string? M() => Shop.PodInfo.Load().PodTier;
            }
            """,
            """
            namespace Shop
            {
                public partial class PodInfo
                {
                    [PodBinding.FromDownward("metadata.name")]
                    public string? Name { get; init; }
                }
            }
            """,
            """
            namespace Shop
            {
                public partial class PodInfo
                {
                    [PodBinding.FromDownward("metadata.name")]
                    public string? Name { get; init; }

                    [PodBinding.FromDownward("metadata.labels['tier']")]
                    public string? PodTier { get; init; }
                }
            }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task A_GetValue_of_a_resource_becomes_the_volume_member_of_the_same_type_and_divisor()
    {
        const string podInfo = """
            namespace Shop
            {
                [PodBinding.DownwardBinding(ContainerName = "orders")]
                public partial class PodInfo
                {
                    [PodBinding.FromDownward("limits.memory", Divisor = "1Mi", Source = PodBinding.DownwardSource.Volume)]
                    public long MemoryLimitMi { get; init; }
                }
            }
            """;
        var test = Create(
            """
            using Microsoft.Extensions.Configuration;
            class C
            {
                long M(IConfiguration configuration) => {|PB0202:configuration.GetValue<long>("MEMORY_LIMIT_MI")|};
            }
            """,
            """
            using Microsoft.Extensions.Configuration;
            class C
            {
                long M(IConfiguration configuration) => Shop.PodInfo.Load().MemoryLimitMi;
            }
            """,
            podInfo);
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_without_a_bound_class()
    {
        const string source = """
            class C
            {
                string? M() => {|PB0202:System.Environment.GetEnvironmentVariable("POD_TIER")|};
            }
            """;
        var test = ManifestTestState.CodeFix<RawEnvReadAnalyzer, RawEnvReadCodeFix>(source, source, (Deployment, ManifestYaml.Deployment));
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_for_a_string_read_of_a_resource_when_only_a_numeric_member_exists()
    {
        const string podInfo = """
            namespace Shop
            {
                [PodBinding.DownwardBinding(ContainerName = "orders")]
                public partial class PodInfo
                {
                    [PodBinding.FromDownward("limits.memory", Divisor = "1Mi", Source = PodBinding.DownwardSource.Volume)]
                    public long MemoryLimitMi { get; init; }
                }
            }
            """;
        const string source = """
            class C
            {
                string? M() => {|PB0202:System.Environment.GetEnvironmentVariable("MEMORY_LIMIT_MI")|};
            }
            """;
        return Create(source, source, podInfo).RunAsync();
    }
}
