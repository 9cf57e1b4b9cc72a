using System.Text.RegularExpressions;
using PodBinding.Package.Tests.Infrastructure;

namespace PodBinding.Package.Tests;

/// <summary>Opting out of the compiler extensions: none of PodBinding's dlls reaches the compiler's command line.</summary>
public sealed partial class PackageTests
{
    private const string NoLoaderProgram = """
        System.Console.WriteLine("no generated code used");

        public partial class PodInfo
        {
            [PodBinding.FromDownward("metadata.name")] public string Name { get; private set; } = "";
        }
        """;

    [Theory]
    [InlineData("ExcludeAssets", """ExcludeAssets="analyzers" """, "")]
    [InlineData("IncludeAssets", """IncludeAssets="compile;runtime;build;buildtransitive" """, "")]
    [InlineData("Property", "", "-p:PodBindingAnalyzers=false")]
    [InlineData("On", "", "")]
    public void Excluding_the_analyzers_takes_generator_analyzers_and_fixes_off_the_command_line(string name, string referenceMetadata, string property)
    {
        string project = ScratchProject.Create("Consumer", Path.Combine(package.Root, "OptOut" + name), new Dictionary<string, string>
        {
            ["__PODBINDING_VERSION__"] = package.Version,
            ["__FEED__"] = package.Feed,
            ["__PACKAGES__"] = package.Packages,
        });
        string csproj = Path.Combine(project, "Consumer.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace($"Version=\"{package.Version}\"", $"Version=\"{package.Version}\" {referenceMetadata}", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(project, "Program.cs"), NoLoaderProgram);

        CommandResult build = property.Length == 0 ? DotNet.Build(project, "build", "-v:n") : DotNet.Build(project, "build", "-v:n", property);

        Assert.True(build.Succeeded, build.ToString());
        string[] analyzers = AnalyzerArgument().Matches(build.Output).Select(m => Path.GetFileName(m.Groups[1].Value)).Distinct().ToArray();
        Assert.Contains("Microsoft.CodeAnalysis.NetAnalyzers.dll", analyzers); // the command line was seen
        string[] ours = ["PodBinding.Generators.dll", "PodBinding.CodeFixes.dll", "YamlDotNet.dll"];
        if (name == "On")
        {
            Assert.All(ours, dll => Assert.Contains(dll, analyzers));
            Assert.True(File.Exists(Path.Combine(project, "deploy", "podbinding", "pod-info.yaml")));
        }
        else
        {
            Assert.All(ours, dll => Assert.DoesNotContain(dll, analyzers));
            Assert.False(Directory.Exists(Path.Combine(project, "deploy")), "no generator, so no YAML is written");
        }
    }

    [GeneratedRegex(@"/analyzer:(\S+\.dll)")]
    private static partial Regex AnalyzerArgument();
}
