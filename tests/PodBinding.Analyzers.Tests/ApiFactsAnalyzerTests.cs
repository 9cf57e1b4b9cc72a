using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.CodeFixes;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>PB0504–PB0508: [FromApi] paths, types, the peers selector and the PodBinding.Kubernetes reference; the PB0504 fix.</summary>
public sealed class ApiFactsAnalyzerTests
{
    /// <summary>The analyzer finds PodBinding.Kubernetes by its interface's metadata name.</summary>
    private const string Kubernetes = """

        namespace PodBinding.Kubernetes.Facts { public interface IApiFactsBinding<T> { } public sealed record PeerPod(string Name); }
        """;

    [Fact]
    public Task GoodDeclaration_IsQuiet() =>
        ManifestTestState.Analyzer<ApiFactsAnalyzer>("""
            using System.Collections.Generic;
            using PodBinding;
            [ApiPeers(Selector = "app=shop,tier in (web,api),!canary")]
            public partial class Facts
            {
                [FromApi("node.zone")] public string? Zone { get; init; }
                [FromApi("node.labels['kubernetes.io/arch']")] public string? Arch { get; init; }
                [FromApi("owner.name")] public string? Owner { get; init; }
                [FromApi("pod.containers['app'].restartCount")] public int Restarts { get; init; }
                [FromApi("peers.ready")] public IReadOnlyList<PodBinding.Kubernetes.Facts.PeerPod> Ready { get; init; } = [];
                [FromApi("peers.ready.ips")] public IReadOnlyList<string>? Ips { get; init; }
            }
            """ + Kubernetes).RunAsync();

    [Fact]
    public Task EachProblem_IsReportedWhereItIs()
    {
        var test = ManifestTestState.Analyzer<ApiFactsAnalyzer>("""
            using PodBinding;
            [{|#3:ApiPeers(Selector = "tier in web")|}]
            public partial class Facts
            {
                [FromApi({|#0:"pod.name"|})] public string? Name { get; init; }
                [FromApi({|#1:"node.zon"|})] public string? Zone { get; init; }
                [FromApi("node.zone")] public {|#2:string|} Zone2 { get; init; } = "";
                [FromApi("peers.count")] public int Peers { get; init; }
            }
            """ + Kubernetes);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0504", DiagnosticSeverity.Warning).WithLocation(0)
            .WithMessage("'Name' asks the API server for 'pod.name', which costs a request and RBAC; the Downward API gives it, so bind it with [FromDownward(\"metadata.name\")]"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0505", DiagnosticSeverity.Error).WithLocation(1)
            .WithMessage("'Zone' cannot be read from the API server: 'node.zon' is not an API fact PodBinding knows; use one of " + PodBinding.Generators.Catalog.ApiFieldCatalog.KnownPaths()));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0506", DiagnosticSeverity.Error).WithLocation(2)
            .WithMessage("'Zone2' has the wrong type: 'node.zone' (the node's topology.kubernetes.io/zone label) cannot be held by string; declare it as string?"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0507", DiagnosticSeverity.Error).WithLocation(3)
            .WithMessage("[ApiPeers] selector \"tier in web\" on 'Facts' is not a label selector the API server accepts: 'tier in web' needs its values in parentheses, such as tier in (web,api)"));
        return test.RunAsync();
    }

    [Fact]
    public Task WithoutPodBindingKubernetes_TheClassIsReported()
    {
        var test = ManifestTestState.Analyzer<ApiFactsAnalyzer>("""
            using PodBinding;
            public partial class {|#0:Facts|}
            {
                [FromApi("node.zone")] public string? Zone { get; init; }
            }
            public partial class Plain { public string? Zone { get; init; } }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0508", DiagnosticSeverity.Error).WithLocation(0)
            .WithMessage("'Facts' declares [FromApi] members, but the project does not reference PodBinding.Kubernetes, which reads them; add a reference to the PodBinding.Kubernetes package"));
        return test.RunAsync();
    }

    [Fact]
    public Task AnApiOnlyClassTheGeneratorCannotExtend_IsReported_NotSkippedQuietly()
    {
        var test = ManifestTestState.Analyzer<ApiFactsAnalyzer>("""
            using PodBinding;
            public class {|#0:NotPartial|}
            {
                [FromApi("node.zone")] public string? Zone { get; init; }
            }
            public static partial class Outer
            {
                public partial class {|#2:Nested|} { [FromApi("node.zone")] public string? Zone { get; init; } }
            }
            public partial class {|#3:Generic|}<T> { [FromApi("node.zone")] public string? Zone { get; init; } }
            """ + Kubernetes);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0100", DiagnosticSeverity.Error).WithLocation(0)
            .WithMessage("'NotPartial' must be declared partial so PodBinding can add the generated FromApiFacts() and ApiRequest; add 'partial' to every declaration of it"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0102", DiagnosticSeverity.Error).WithLocation(2));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0102", DiagnosticSeverity.Error).WithLocation(3));
        return test.RunAsync();
    }

    [Fact]
    public Task PB0100_OnAnApiOnlyClass_TheMakePartialFixApplies()
    {
        var test = ManifestTestState.CodeFix<ApiFactsAnalyzer, MakePartialCodeFix>("""
            using PodBinding;
            public class {|#0:Facts|}
            {
                [FromApi("node.zone")] public string? Zone { get; init; }
            }
            """ + Kubernetes, """
            using PodBinding;
            public partial class Facts
            {
                [FromApi("node.zone")] public string? Zone { get; init; }
            }
            """ + Kubernetes);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0100", DiagnosticSeverity.Error).WithLocation(0));
        return test.RunAsync();
    }

    [Fact]
    public Task PB0504_Fix_RewritesToFromDownward_FixAll()
    {
        var test = ManifestTestState.CodeFix<ApiFactsAnalyzer, FromDownwardInsteadCodeFix>("""
            using PodBinding;
            public partial class Facts
            {
                [FromApi({|PB0504:"pod.labels['app']"|})] public string? App { get; init; }
                [PodBinding.FromApi({|PB0504:"node.name"|})] public string? Node { get; init; }
            }
            """ + Kubernetes, """
            using PodBinding;
            public partial class Facts
            {
                [FromDownward("metadata.labels['app']")] public string? App { get; init; }
                [PodBinding.FromDownward("spec.nodeName")] public string? Node { get; init; }
            }
            """ + Kubernetes);
        return test.RunAsync();
    }
}
