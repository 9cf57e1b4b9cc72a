using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Tests.Helpers;

namespace PodBinding.Generators.Tests;

/// <summary>
/// The descriptor table is total: every ID has exactly one descriptor, with its own title, description and help page,
/// and an ID without one fails loudly instead of being reported as another rule (it used to fall back to PB0300).
/// </summary>
public sealed class DiagnosticTableTests
{
    private static readonly string[] Ids = typeof(DiagnosticIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void EveryId_HasItsOwnDescriptor()
    {
        Assert.Equal(Ids.Order(StringComparer.Ordinal), DiagnosticDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal));
        foreach (string id in Ids)
        {
            Assert.Equal(id, DiagnosticDescriptors.ForId(id).Id);
        }
    }

    /// <summary>
    /// A message format of its own, not a bare "{0}" hole: the fixed words say what the rule is (tools group and filter by
    /// the format), the arguments carry what differs (the path, the name, the fix that fits).
    /// </summary>
    [Fact]
    public void EveryDescriptor_HasAMessageFormatOfItsOwn()
    {
        var formats = new HashSet<string>(StringComparer.Ordinal);
        foreach (DiagnosticDescriptor descriptor in DiagnosticDescriptors.All)
        {
            string format = descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string words = System.Text.RegularExpressions.Regex.Replace(format, @"\{\d+\}", "");
            Assert.True(words.Count(char.IsLetter) >= 10, $"{descriptor.Id}'s message format '{format}' has no words of its own");
            Assert.True(formats.Add(format), $"{descriptor.Id} shares its message format with another rule");
        }
    }

    [Fact]
    public void UnknownId_IsABug_NotAnotherRule()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => DiagnosticDescriptors.ForId("PB0999"));
        Assert.Contains("PB0999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryDescriptor_HasAnOwnDescriptionAndAHelpPageInTheRepository()
    {
        string docs = Path.GetFullPath(Path.Combine(Snapshot.ProjectDirectory, "..", "..", "docs", "diagnostics"));
        var descriptions = new HashSet<string>(StringComparer.Ordinal);
        foreach (DiagnosticDescriptor descriptor in DiagnosticDescriptors.All)
        {
            string description = descriptor.Description.ToString();
            Assert.True(description.Length > 40, $"{descriptor.Id} has no real description: '{description}'");
            Assert.True(descriptions.Add(description), $"{descriptor.Id} shares its description with another rule");
            Assert.DoesNotContain(descriptor.Title.ToString(), description, StringComparison.Ordinal);
            Assert.EndsWith("/docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(docs, descriptor.Id + ".md")), $"no help page docs/diagnostics/{descriptor.Id}.md");
        }
    }

    /// <summary>
    /// Each help link is the page's address in the repository Directory.Build.props names (PodBindingRepositoryUrl, the
    /// packages' RepositoryUrl too), so a link in the IDE opens the page this repository keeps for the ID.
    /// </summary>
    [Fact]
    public void EveryHelpLink_IsTheRepositorysOwnPageForTheId()
    {
        string props = Path.GetFullPath(Path.Combine(Snapshot.ProjectDirectory, "..", "..", "Directory.Build.props"));
        string repository = System.Xml.Linq.XDocument.Load(props).Descendants("PodBindingRepositoryUrl").Single().Value;
        Assert.StartsWith("https://", repository, StringComparison.Ordinal);
        foreach (DiagnosticDescriptor descriptor in DiagnosticDescriptors.All)
        {
            Assert.Equal($"{repository}/blob/main/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
        }
    }

    /// <summary>Help pages cite Kubernetes' own sources, never notes a user of the package does not have.</summary>
    [Fact]
    public void HelpPages_CiteNoDocumentOutsideTheRepository()
    {
        string docs = Path.GetFullPath(Path.Combine(Snapshot.ProjectDirectory, "..", "..", "docs", "diagnostics"));
        foreach (string page in Directory.GetFiles(docs, "*.md"))
        {
            string text = File.ReadAllText(page);
            Assert.False(text.Contains('§'), $"{Path.GetFileName(page)} cites a section (§) of a document that is not in the repository");
            Assert.DoesNotContain("kubernetes-downward-api", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheAnalyzers_ReportEveryRule()
    {
        IEnumerable<string> supported = typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .Select(d => d.Id)
            .Distinct();
        Assert.Equal(Ids.Order(StringComparer.Ordinal), supported.Order(StringComparer.Ordinal));
    }
}
