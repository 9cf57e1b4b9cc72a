using System.Text.RegularExpressions;
using PodBinding.Package.Tests.Infrastructure;

namespace PodBinding.Package.Tests;

/// <summary>The manifest analyzers as users get them: YamlDotNet loads from the package and the project's YAML arrives.</summary>
public sealed partial class PackageTests
{
    /// <summary>A Deployment that sets POD_TIER from a label (line 13 names it), as users keep it under deploy/.</summary>
    internal const string LabelDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            metadata:
              labels: {tier: backend}
            spec:
              containers:
              - name: orders
                env:
                - name: POD_TIER
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.labels['tier']

        """;

    internal const string RawRead = "\npublic static class TierReader\n{\n    public static string? Tier() => System.Environment.GetEnvironmentVariable(\"POD_TIER\");\n}\n";

    [Fact]
    public void A_consumer_with_a_manifest_gets_PB0202_from_the_packed_analyzers()
    {
        string project = ScratchProject.Create("Consumer", Path.Combine(package.Root, "ConsumerWithManifest"), new Dictionary<string, string>
        {
            ["__PODBINDING_VERSION__"] = package.Version,
            ["__FEED__"] = package.Feed,
            ["__PACKAGES__"] = package.Packages,
        });
        Directory.CreateDirectory(Path.Combine(project, "deploy", "base"));
        File.WriteAllText(Path.Combine(project, "deploy", "base", "deployment.yaml"), LabelDeployment);
        File.AppendAllText(Path.Combine(project, "Program.cs"), RawRead);

        CommandResult build = DotNet.Build(project, "build");

        Assert.True(build.Succeeded, build.ToString());
        Assert.Matches(RawEnvReadWarning(), build.Output);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8784", build.Output, StringComparison.Ordinal); // an analyzer dependency that failed to load
    }

    [GeneratedRegex(@"Program\.cs\(\d+,\d+\): warning PB0202: POD_TIER is set from metadata\.labels\['tier'\] by container 'orders' of Deployment/orders at deploy/base/deployment\.yaml:13 ")]
    internal static partial Regex RawEnvReadWarning();
}
