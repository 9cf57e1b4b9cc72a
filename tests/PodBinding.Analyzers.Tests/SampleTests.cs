using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PodBinding.Analyzers.Tests.Helpers;

namespace PodBinding.Analyzers.Tests;

/// <summary>The OrdersService sample must stay free of PodBinding warnings; its env-routed resources are Info only.</summary>
public class SampleTests
{
    [Fact]
    public void OrdersService_Sample_Has_Only_The_Expected_Info_Diagnostics()
    {
        string repoRoot = typeof(SampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        string sample = Path.Combine(repoRoot, "samples", "OrdersService");
        var files = Directory.GetFiles(sample, "*.cs").Order(StringComparer.Ordinal)
            .Select(path => (path, "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq;\n" + File.ReadAllText(path)))
            .ToArray();
        Assert.Contains(files, f => f.path.EndsWith("PodInfo.cs", StringComparison.Ordinal));

        Diagnostic[] podBinding = AnalyzerRunner.Run(AnalyzerRunner.Compile(files))
            .Where(d => d.Id.StartsWith("PB", StringComparison.Ordinal))
            .ToArray();

        Assert.DoesNotContain(podBinding, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal(new[] { "PB0201", "PB0201" }, podBinding.Select(d => d.Id));
        Assert.All(podBinding, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
    }
}
