using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.CodeFixes;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>PB0503: SkipTlsVerify = true on KubernetesClient's configuration, and the fix that removes it (Fix All).</summary>
public sealed class SkipTlsVerifyTests
{
    /// <summary>KubernetesClient's configuration type as the analyzer finds it: by metadata name, its bool property.</summary>
    private const string KubernetesClient = """
        namespace k8s
        {
            public class KubernetesClientConfiguration
            {
                public string? Host { get; set; }
                public bool SkipTlsVerify { get; set; }
            }
        }

        """;

    private const string Message = "SkipTlsVerify = true on KubernetesClientConfiguration accepts any certificate, so anyone on the network path can read the token and forge answers; remove it and trust the cluster's CA (in a pod, PodBinding.Kubernetes' KubernetesConnection checks against the service-account ca.crt and follows its rotation; on a laptop, kubectl proxy or the kubeconfig's certificate-authority-data)";

    private static DiagnosticResult PB0503(int markup) => new DiagnosticResult("PB0503", DiagnosticSeverity.Warning).WithLocation(markup).WithMessage(Message);

    [Fact]
    public Task TrueOrAComputedValue_IsReported_FalseAndOtherTypesAreNot()
    {
        var test = ManifestTestState.Analyzer<SkipTlsVerifyAnalyzer>(KubernetesClient + """
            class Other { public bool SkipTlsVerify { get; set; } }
            class C
            {
                k8s.KubernetesClientConfiguration A() => new() { Host = "https://10.0.0.1", {|#0:SkipTlsVerify = true|} };
                void B(k8s.KubernetesClientConfiguration config, bool insecure)
                {
                    {|#1:config.SkipTlsVerify = insecure|};
                    config.SkipTlsVerify = false;
                    new Other().SkipTlsVerify = true;
                }
            }
            """);
        test.ExpectedDiagnostics.AddRange([PB0503(0), PB0503(1)]);
        return test.RunAsync();
    }

    [Fact]
    public Task NoKubernetesClient_NoAnalysis() =>
        ManifestTestState.Analyzer<SkipTlsVerifyAnalyzer>("class Other { public bool SkipTlsVerify { get; set; } void M() => SkipTlsVerify = true; }").RunAsync();

    [Fact]
    public Task TheFix_RemovesEachAssignment_FixAll()
    {
        var test = ManifestTestState.CodeFix<SkipTlsVerifyAnalyzer, RemoveSkipTlsVerifyCodeFix>(KubernetesClient + """
            class C
            {
                k8s.KubernetesClientConfiguration A() => new() { Host = "https://10.0.0.1", {|#0:SkipTlsVerify = true|} };
                k8s.KubernetesClientConfiguration B() => new k8s.KubernetesClientConfiguration { {|#1:SkipTlsVerify = true|}, Host = "h" };
                void D(k8s.KubernetesClientConfiguration config)
                {
                    {|#2:config.SkipTlsVerify = true|};
                    config.Host = "h";
                }
            }
            """, KubernetesClient + """
            class C
            {
                k8s.KubernetesClientConfiguration A() => new() { Host = "https://10.0.0.1" };
                k8s.KubernetesClientConfiguration B() => new k8s.KubernetesClientConfiguration { Host = "h" };
                void D(k8s.KubernetesClientConfiguration config)
                {
                    config.Host = "h";
                }
            }
            """);
        test.ExpectedDiagnostics.AddRange([PB0503(0), PB0503(1), PB0503(2)]);
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }
}
