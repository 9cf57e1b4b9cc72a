using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Helpers;
using PodBinding.CodeFixes;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>PB0400 (fields the detector needs), its code fix, and PB0401 (a live label fixed at start-up).</summary>
public sealed class OpenTelemetryDetectorTests
{
    // Stands in for PodBinding.OpenTelemetry's public surface (the real one constrains TPod to the generated interface,
    // and these tests run the analyzer, not the generator).
    private const string Package = """
        namespace PodBinding.OpenTelemetry
        {
            public sealed class PodBindingResourceOptions
            {
                public System.Collections.Generic.ICollection<string> LabelKeys { get; } = new System.Collections.Generic.List<string>();
                public System.Collections.Generic.ICollection<string> AnnotationKeys { get; } = new System.Collections.Generic.List<string>();
            }

            public sealed class ResourceBuilder { }

            public static class PodBindingResourceBuilderExtensions
            {
                public static ResourceBuilder AddPodBindingDetector<TPod>(this ResourceBuilder builder, System.Action<PodBindingResourceOptions>? configure = null)
                    where TPod : class => builder;
            }
        }
        """;

    private const string PartialPod = """
        namespace Shop
        {
            [PodBinding.DownwardBinding(ContainerName = "shop")]
            public partial class PodInfo
            {
                [PodBinding.FromDownward("metadata.name")]
                public required string Name { get; init; }

                [PodBinding.FromDownward("metadata.labels")]
                public required System.Collections.Generic.IReadOnlyDictionary<string, string> Labels { get; init; }
            }
        }
        """;

    private const string FullPod = """
        namespace Shop
        {
            public partial class PodInfo
            {
                [PodBinding.FromDownward("metadata.name")]
                public required string Name { get; init; }

                [PodBinding.FromDownward("metadata.namespace")]
                public required string Namespace { get; init; }

                [PodBinding.FromDownward("metadata.uid")]
                public required System.Guid Uid { get; init; }

                [PodBinding.FromDownward("spec.nodeName")]
                public required string NodeName { get; init; }

                [PodBinding.FromDownward("metadata.labels['tier']", Source = PodBinding.DownwardSource.Environment)]
                public string? Tier { get; init; }

                [PodBinding.FromDownward("metadata.annotations['team']")]
                public string? Team { get; init; }
            }
        }
        """;

    [Fact]
    public Task A_class_missing_fields_is_told_which_and_what_the_detector_then_leaves_out()
    {
        var test = Analyzer("""
            using PodBinding.OpenTelemetry;
            class Startup
            {
                void M(ResourceBuilder builder) => builder.AddPodBindingDetector<{|#0:Shop.PodInfo|}>();
            }
            """, PartialPod);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0400", DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("PodInfo", "metadata.namespace, metadata.uid, spec.nodeName", "k8s.namespace.name, k8s.pod.uid, k8s.node.name"));
        return test.RunAsync();
    }

    [Fact]
    public Task A_class_with_every_field_and_labels_read_once_at_start_up_gets_nothing()
    {
        // Tier travels through an env var (fixed at start-up like the resource): nothing to point out.
        return Analyzer("""
            using PodBinding.OpenTelemetry;
            class Startup
            {
                void M(ResourceBuilder builder) => builder.AddPodBindingDetector<Shop.PodInfo>(o => o.LabelKeys.Add("tier"));
            }
            """, FullPod).RunAsync();
    }

    [Fact]
    public Task Opting_in_to_a_label_or_annotation_read_from_the_volume_notes_that_the_attribute_is_fixed()
    {
        var test = Analyzer("""
            using PodBinding.OpenTelemetry;
            class Startup
            {
                void M(ResourceBuilder builder) => builder.AddPodBindingDetector<{|PB0400:Shop.PodInfo|}>(o =>
                {
                    o.LabelKeys.Add({|#0:"app"|});
                    o.LabelKeys.Add({|#1:"tier"|});
                    o.AnnotationKeys.Add("team");
                });
            }
            """, PartialPod);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0401", DiagnosticSeverity.Info).WithLocation(0)
            .WithArguments("PodInfo.Labels", "label", "app"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0401", DiagnosticSeverity.Info).WithLocation(1)
            .WithArguments("PodInfo.Labels", "label", "tier"));
        return test.RunAsync();
    }

    [Fact]
    public Task An_annotation_bound_by_key_from_the_volume_is_noted_too()
    {
        var test = Analyzer("""
            using PodBinding.OpenTelemetry;
            class Startup
            {
                void M(ResourceBuilder builder) => builder.AddPodBindingDetector<Shop.PodInfo>(o => o.AnnotationKeys.Add({|#0:"team"|}));
            }
            """, FullPod);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0401", DiagnosticSeverity.Info).WithLocation(0)
            .WithArguments("PodInfo.Team", "annotation", "team"));
        return test.RunAsync();
    }

    [Fact]
    public Task Without_the_package_a_method_of_the_same_name_is_ignored()
    {
        var test = new CSharpAnalyzerTest<OpenTelemetryDetectorAnalyzer, DefaultVerifier>
        {
            TestCode = """
                static class Other { public static int AddPodBindingDetector<T>(this int x) => x; }
                class Startup { int M() => 1.AddPodBindingDetector<Shop.PodInfo>(); }
                """,
            ReferenceAssemblies = References.Net10,
        };
        test.TestState.Sources.Add(PartialPod);
        test.TestState.AdditionalReferences.AddRange(References.All);
        test.SolutionTransforms.Add(Configure.Project);
        return test.RunAsync();
    }

    [Fact]
    public Task The_fix_adds_the_missing_members_to_the_class()
    {
        var test = new CSharpCodeFixTest<OpenTelemetryDetectorAnalyzer, AddDetectorMembersCodeFix, DefaultVerifier>
        {
            TestCode = """
                using PodBinding.OpenTelemetry;
                class Startup
                {
                    void M(ResourceBuilder builder) => builder.AddPodBindingDetector<{|PB0400:Shop.PodInfo|}>();
                }
                """,
            FixedCode = """
                using PodBinding.OpenTelemetry;
                class Startup
                {
                    void M(ResourceBuilder builder) => builder.AddPodBindingDetector<Shop.PodInfo>();
                }
                """,
            ReferenceAssemblies = References.Net10,
        };
        const string Fixed = """
            namespace Shop
            {
                [PodBinding.DownwardBinding(ContainerName = "shop")]
                public partial class PodInfo
                {
                    [PodBinding.FromDownward("metadata.name")]
                    public required string Name { get; init; }

                    [PodBinding.FromDownward("metadata.labels")]
                    public required System.Collections.Generic.IReadOnlyDictionary<string, string> Labels { get; init; }

                    [PodBinding.FromDownward("metadata.namespace")]
                    public required string Namespace { get; init; }

                    [PodBinding.FromDownward("metadata.uid")]
                    public required System.Guid Uid { get; init; }

                    [PodBinding.FromDownward("spec.nodeName")]
                    public required string NodeName { get; init; }
                }
            }
            """;
        test.TestState.Sources.Add(("/0/PodInfo.cs", PartialPod));
        test.TestState.Sources.Add(("/0/Package.cs", Package));
        test.FixedState.Sources.Add(("/0/PodInfo.cs", Fixed));
        test.FixedState.Sources.Add(("/0/Package.cs", Package));
        test.TestState.AdditionalReferences.AddRange(References.All);
        test.FixedState.AdditionalReferences.AddRange(References.All);
        test.SolutionTransforms.Add(Configure.Project);
        return test.RunAsync();
    }

    /// <summary>
    /// Two detector calls for one class: Fix All (dotnet format) adds each missing member once, where the batch fixer
    /// would have merged two copies of each.
    /// </summary>
    [Fact]
    public Task Fix_all_adds_the_members_once_for_two_calls_naming_one_class()
    {
        var test = new CSharpCodeFixTest<OpenTelemetryDetectorAnalyzer, AddDetectorMembersCodeFix, DefaultVerifier>
        {
            TestCode = """
                using PodBinding.OpenTelemetry;
                class Startup
                {
                    void M(ResourceBuilder builder) => builder.AddPodBindingDetector<{|PB0400:Shop.PodInfo|}>();
                    void N(ResourceBuilder builder) => builder.AddPodBindingDetector<{|PB0400:Shop.PodInfo|}>();
                }
                """,
            FixedCode = """
                using PodBinding.OpenTelemetry;
                class Startup
                {
                    void M(ResourceBuilder builder) => builder.AddPodBindingDetector<Shop.PodInfo>();
                    void N(ResourceBuilder builder) => builder.AddPodBindingDetector<Shop.PodInfo>();
                }
                """,
            ReferenceAssemblies = References.Net10,
            NumberOfFixAllIterations = 1,
        };
        const string Fixed = """
            namespace Shop
            {
                [PodBinding.DownwardBinding(ContainerName = "shop")]
                public partial class PodInfo
                {
                    [PodBinding.FromDownward("metadata.name")]
                    public required string Name { get; init; }

                    [PodBinding.FromDownward("metadata.labels")]
                    public required System.Collections.Generic.IReadOnlyDictionary<string, string> Labels { get; init; }

                    [PodBinding.FromDownward("metadata.namespace")]
                    public required string Namespace { get; init; }

                    [PodBinding.FromDownward("metadata.uid")]
                    public required System.Guid Uid { get; init; }

                    [PodBinding.FromDownward("spec.nodeName")]
                    public required string NodeName { get; init; }
                }
            }
            """;
        test.TestState.Sources.Add(("/0/PodInfo.cs", PartialPod));
        test.TestState.Sources.Add(("/0/Package.cs", Package));
        test.FixedState.Sources.Add(("/0/PodInfo.cs", Fixed));
        test.FixedState.Sources.Add(("/0/Package.cs", Package));
        test.TestState.AdditionalReferences.AddRange(References.All);
        test.FixedState.AdditionalReferences.AddRange(References.All);
        test.SolutionTransforms.Add(Configure.Project);
        return test.RunAsync();
    }

    private static CSharpAnalyzerTest<OpenTelemetryDetectorAnalyzer, DefaultVerifier> Analyzer(string source, string pod)
    {
        var test = new CSharpAnalyzerTest<OpenTelemetryDetectorAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = References.Net10,
        };
        test.TestState.Sources.Add(pod);
        test.TestState.Sources.Add(Package);
        test.TestState.AdditionalReferences.AddRange(References.All);
        test.SolutionTransforms.Add(Configure.Project);
        return test;
    }
}
