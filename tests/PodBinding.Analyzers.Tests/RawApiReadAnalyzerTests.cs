using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Support;
using PodBinding.Generators.Analyzers;

namespace PodBinding.Analyzers.Tests;

/// <summary>PB0502: the API server's address or the service-account files read by hand.</summary>
public sealed class RawApiReadAnalyzerTests
{
    private const string Advice = "Use PodBinding.Kubernetes instead: KubernetesConnection.Connect() (or services.AddPodBindingKubernetes()) finds the API server in every mode and follows token and CA rotation.";
    private const string EnvReason = "the address alone reaches the API server only with the service-account token and CA, which such code must then load and reload itself";
    private const string FileReason = "the kubelet rewrites token, ca.crt and namespace together on rotation (the token about every 48 minutes), so a copy read once goes stale";

    private static DiagnosticResult PB0502(int markup, string what, string reason) =>
        new DiagnosticResult("PB0502", DiagnosticSeverity.Warning).WithLocation(markup).WithMessage($"{what} is read by hand; {reason}. {Advice}");

    private static Task Verify(string source, params DiagnosticResult[] expected)
    {
        var test = ManifestTestState.Analyzer<RawApiReadAnalyzer>(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task HostAndPortReads_AreReported_ThroughConstantsToo() => Verify("""
        using System;
        class C
        {
            const string Port = "KUBERNETES_SERVICE_" + "PORT";
            string Url() => "https://" + {|#0:Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")|} + ":" + {|#1:System.Environment.GetEnvironmentVariable(Port)|};
        }
        """,
        PB0502(0, "KUBERNETES_SERVICE_HOST", EnvReason),
        PB0502(1, "KUBERNETES_SERVICE_PORT", EnvReason));

    [Fact]
    public Task PresenceChecks_OtherVariables_AndOtherMethods_AreNot() => Verify("""
        using System;
        class C
        {
            bool A() => Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null;
            bool B() => (Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")) == null;
            bool D() => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT"));
            string? E() => Environment.GetEnvironmentVariable("POD_NAME");
            string? F() => GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
            static string? GetEnvironmentVariable(string name) => name;
        }
        """);

    [Fact]
    public Task ServiceAccountFiles_OpenedThroughSystemIO_AreReported() => Verify("""
        using System.IO;
        class C
        {
            const string Folder = "/var/run/secrets/kubernetes.io/serviceaccount";
            string Token() => {|#0:File.ReadAllText("/var/run/secrets/kubernetes.io/serviceaccount/token")|};
            string Ca() => {|#1:Path.Combine("/var/run/secrets/kubernetes.io/serviceaccount", "ca.crt")|};
            StreamReader Ns() => {|#2:new StreamReader($"/var/run/secrets/kubernetes.io/serviceaccount/namespace")|};
            string Concat() => {|#3:File.ReadAllText("/var/run/secrets/kubernetes.io/serviceaccount" + "/token")|};
        }
        """,
        PB0502(0, "The service-account file /var/run/secrets/kubernetes.io/serviceaccount/token", FileReason),
        PB0502(1, "The service-account file /var/run/secrets/kubernetes.io/serviceaccount", FileReason),
        PB0502(2, "The service-account file /var/run/secrets/kubernetes.io/serviceaccount/namespace", FileReason),
        PB0502(3, "The service-account file /var/run/secrets/kubernetes.io/serviceaccount/token", FileReason));

    [Fact]
    public Task TheFolderInConfigurationOrAnExistsCheck_IsNot() => Verify("""
        using System.IO;
        class Options { public string Folder { get; set; } = ""; }
        class C
        {
            bool Mounted() => File.Exists("/var/run/secrets/kubernetes.io/serviceaccount/token") || Directory.Exists("/var/run/secrets/kubernetes.io/serviceaccount");
            Options O() => new Options { Folder = "/var/run/secrets/kubernetes.io/serviceaccount" };
            void Log() => System.Console.WriteLine("/var/run/secrets/kubernetes.io/serviceaccount is not mounted");
            string Other() => File.ReadAllText("/etc/podinfo/labels");
        }
        """);
}
