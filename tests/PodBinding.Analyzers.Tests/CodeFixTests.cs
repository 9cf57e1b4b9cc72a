using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Helpers;
using PodBinding.CodeFixes;

namespace PodBinding.Analyzers.Tests;

/// <summary>Every code fix: the fixed code, and FixAll over several diagnostics where it applies.</summary>
public class CodeFixTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Net; using PodBinding;\nnamespace App;\n";

    private static Task Fix<TFix>(string source, string fixedSource, Action<FixTest<TFix>>? configure = null)
        where TFix : CodeFixProvider, new()
    {
        var test = new FixTest<TFix>(Usings + source, Usings + fixedSource);
        configure?.Invoke(test);
        return test.RunAsync();
    }

    [Fact]
    public Task PB0100_AddsPartial() => Fix<MakePartialCodeFix>("""
        [DownwardBinding(ContainerName = "app")]
        public sealed class {|PB0100:Info|}
        {
            [FromDownward("metadata.name")] public string? Name { get; init; }
        }

        class {|PB0100:Bare|}
        {
            [FromDownward("metadata.name")] public string? Name { get; init; }
        }
        """, """
        [DownwardBinding(ContainerName = "app")]
        public sealed partial class Info
        {
            [FromDownward("metadata.name")] public string? Name { get; init; }
        }

        partial class Bare
        {
            [FromDownward("metadata.name")] public string? Name { get; init; }
        }
        """);

    [Fact]
    public Task PB0100_AddsPartialToEveryDeclaration_AcrossFiles()
    {
        var test = new FixTest<MakePartialCodeFix>("", "");
        test.TestState.Sources.Clear();
        test.FixedState.Sources.Clear();
        test.TestState.Sources.Add(("/0/A.cs", Usings + """
            public class {|PB0100:Info|}
            {
                [FromDownward("metadata.name")] public string? Name { get; init; }
            }
            """));
        test.TestState.Sources.Add(("/0/B.cs", Usings + """
            public partial class Info
            {
                public string? Other { get; init; }
            }

            internal class Second
            {
            }
            """));
        test.FixedState.Sources.Add(("/0/A.cs", Usings + """
            public partial class Info
            {
                [FromDownward("metadata.name")] public string? Name { get; init; }
            }
            """));
        test.FixedState.Sources.Add(("/0/B.cs", Usings + """
            public partial class Info
            {
                public string? Other { get; init; }
            }

            internal class Second
            {
            }
            """));
        test.CompilerDiagnostics = CompilerDiagnostics.None; // CS0260 before the fix
        return test.RunAsync();
    }

    [Fact]
    public Task PB0002_SetsTheLegalSource_AndDropsTheContradictingName() => Fix<SetSourceCodeFix>("""
        public partial class Info
        {
            [FromDownward("spec.nodeName", {|PB0002:Source = DownwardSource.Volume|})] public string? Node { get; init; }
            [FromDownward("status.podIP", {|PB0002:Source = DownwardSource.Volume|}, File = "ip")] public string? Ip { get; init; }
            [FromDownward("metadata.annotations", {|PB0002:Source = DownwardSource.Environment|}, EnvVar = "ANNOTATIONS")] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
        }
        """, """
        public partial class Info
        {
            [FromDownward("spec.nodeName", Source = DownwardSource.Environment)] public string? Node { get; init; }
            [FromDownward("status.podIP", Source = DownwardSource.Environment)] public string? Ip { get; init; }
            [FromDownward("metadata.annotations", Source = DownwardSource.Volume)] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
        }
        """, test => test.NumberOfFixAllIterations = 1); // one Fix All applies each diagnostic's own channel (it took two with the batch fixer)

    /// <summary>
    /// Under Auto an EnvVar or File chose the illegal channel: the fix removes that name, so Auto routes to the legal
    /// channel, instead of adding "Source = …" to a member that was already Auto (issue 12 item 15).
    /// </summary>
    [Fact]
    public Task PB0002_UnderAuto_RemovesTheNameThatChoseTheChannel() => Fix<SetSourceCodeFix>("""
        public partial class Info
        {
            [FromDownward("status.podIP", {|PB0002:File = "ip"|})] public string? Ip { get; init; }
            [FromDownward("metadata.annotations", {|PB0002:EnvVar = "ANNOTATIONS"|})] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
        }
        """, """
        public partial class Info
        {
            [FromDownward("status.podIP")] public string? Ip { get; init; }
            [FromDownward("metadata.annotations")] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
        }
        """, test => test.NumberOfFixAllIterations = 1); // one Fix All removes both names (it took two with the batch fixer)

    [Fact]
    public Task PB0105_RemovesTheIgnoredName() => Fix<RemoveArgumentCodeFix>("""
        public partial class Info
        {
            [FromDownward("metadata.labels['tier']", Source = DownwardSource.Volume, {|PB0105:EnvVar = "POD_TIER"|})] public string? Tier { get; init; }
            [FromDownward("metadata.name", EnvVar = "POD_NAME", {|PB0105:File = "name"|})] public string? Name { get; init; }
            [FromDownward("metadata.uid", Source = DownwardSource.Environment, {|PB0105:File = "uid"|})] public string? Uid { get; init; }
        }
        """, """
        public partial class Info
        {
            [FromDownward("metadata.labels['tier']", Source = DownwardSource.Volume)] public string? Tier { get; init; }
            [FromDownward("metadata.name", EnvVar = "POD_NAME")] public string? Name { get; init; }
            [FromDownward("metadata.uid", Source = DownwardSource.Environment)] public string? Uid { get; init; }
        }
        """);

    [Fact]
    public Task PB0200_MovesLabelsToTheVolume() => Fix<SetSourceCodeFix>("""
        public partial class Info
        {
            [FromDownward("metadata.labels['app']", {|PB0200:Source = DownwardSource.Environment|}, EnvVar = "APP")] public string? App { get; init; }
            [FromDownward("metadata.annotations['a']", {|PB0200:EnvVar = "A"|})] public string? A { get; init; }
        }
        """, """
        public partial class Info
        {
            [FromDownward("metadata.labels['app']", Source = DownwardSource.Volume)] public string? App { get; init; }
            [FromDownward("metadata.annotations['a']", Source = DownwardSource.Volume)] public string? A { get; init; }
        }
        """);

    [Fact]
    public Task PB0201_MovesResourcesToTheVolume_WithoutAUsingDirective()
    {
        // Fully qualified attribute use: the fix writes the enum fully qualified too.
        const string Header = "namespace App;\n";
        var test = new FixTest<SetSourceCodeFix>(Header + """
            [PodBinding.DownwardBinding(ContainerName = "app")]
            public partial class Info
            {
                [PodBinding.FromDownward({|PB0201:"requests.cpu"|}, Divisor = "1m")] public int Cpu { get; init; }
            }
            """, Header + """
            [PodBinding.DownwardBinding(ContainerName = "app")]
            public partial class Info
            {
                [PodBinding.FromDownward("requests.cpu", Divisor = "1m", Source = PodBinding.DownwardSource.Volume)] public int Cpu { get; init; }
            }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task PB0006_WritesTheCanonicalDivisor() => Fix<CanonicalDivisorCodeFix>("""
        [DownwardBinding(ContainerName = "app")]
        public partial class Info
        {
            [FromDownward("limits.ephemeral-storage", {|PB0006:Divisor = "1024Ki"|})] public long A { get; init; }
            [FromDownward("limits.ephemeral-storage", {|PB0006:Divisor = "1000"|})] public long B { get; init; }
            [FromDownward("limits.cpu", {|PB0006:Divisor = "0.001"|}, Source = DownwardSource.Volume)] public long C { get; init; }
        }
        """, """
        [DownwardBinding(ContainerName = "app")]
        public partial class Info
        {
            [FromDownward("limits.ephemeral-storage", Divisor = "1Mi")] public long A { get; init; }
            [FromDownward("limits.ephemeral-storage", Divisor = "1k")] public long B { get; init; }
            [FromDownward("limits.cpu", Divisor = "1m", Source = DownwardSource.Volume)] public long C { get; init; }
        }
        """);

    [Fact]
    public Task PB0007_RemovesTheResourceOnlyArgument() => Fix<RemoveArgumentCodeFix>("""
        public partial class Info
        {
            [FromDownward("metadata.name", {|PB0007:Divisor = "1Mi"|})] public string? A { get; init; }
            [FromDownward("metadata.namespace", {|PB0007:ContainerName = "app"|}, EnvVar = "NS")] public string? B { get; init; }
        }
        """, """
        public partial class Info
        {
            [FromDownward("metadata.name")] public string? A { get; init; }
            [FromDownward("metadata.namespace", EnvVar = "NS")] public string? B { get; init; }
        }
        """);

    [Fact]
    public Task PB0101_DeclaresTheSuggestedType() => Fix<ChangeTypeCodeFix>("""
        [DownwardBinding(ContainerName = "app")]
        public partial class Info
        {
            [FromDownward("metadata.labels")] public string {|PB0101:Labels|} { get; init; } = "";
            [FromDownward("status.podIPs")] public int? {|PB0101:PodIPs|} { get; init; }
            [FromDownward("limits.ephemeral-storage")] public string {|PB0101:Disk|} { get; init; } = "";
            [FromDownward("metadata.name")] public DateTime {|PB0101:Name|} { get; init; }
        }
        """, """
        [DownwardBinding(ContainerName = "app")]
        public partial class Info
        {
            [FromDownward("metadata.labels")] public IReadOnlyDictionary<string, string> Labels { get; init; } = "";
            [FromDownward("status.podIPs")] public IReadOnlyList<IPAddress>? PodIPs { get; init; }
            [FromDownward("limits.ephemeral-storage")] public long Disk { get; init; } = "";
            [FromDownward("metadata.name")] public string Name { get; init; }
        }
        """, test =>
        {
            // The initializers no longer fit the new types: the fix changes the declaration, the user the value.
            test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS0029").WithSpan(6, 106, 6, 108).WithArguments("string", "System.Collections.Generic.IReadOnlyDictionary<string, string>"));
            test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS0029").WithSpan(8, 82, 8, 84).WithArguments("string", "long"));
        });

    [Fact]
    public Task PB0101_AddsTheUsingDirective()
    {
        var test = new FixTest<ChangeTypeCodeFix>("""
            using PodBinding;

            namespace App;

            public partial class Info
            {
                [FromDownward("status.podIP")] public int {|PB0101:Ip|} { get; init; }
            }
            """, """
            using System.Net;
            using PodBinding;

            namespace App;

            public partial class Info
            {
                [FromDownward("status.podIP")] public IPAddress Ip { get; init; }
            }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task PB0103_AddsInit() => Fix<AddInitAccessorCodeFix>("""
        public partial class Info
        {
            [FromDownward("metadata.name")] public string? {|PB0103:A|} { get; }
            [FromDownward("metadata.namespace")]
            public string? {|PB0103:B|}
            {
                get;
            }
            [FromDownward("metadata.uid")] public string? {|PB0103:C|} => null;
        }
        """, """
        public partial class Info
        {
            [FromDownward("metadata.name")] public string? A { get; init; }
            [FromDownward("metadata.namespace")]
            public string? B
            {
                get;
                init;
            }
            [FromDownward("metadata.uid")] public string? C => null;
        }
        """, test =>
        {
            // A computed property has nothing to store the value in: no fix is offered, the diagnostic stays.
            test.FixedState.ExpectedDiagnostics.Add(new DiagnosticResult("PB0103", DiagnosticSeverity.Error).WithSpan(12, 51, 12, 52));
        });

    [Fact]
    public Task PB0103_AddsPrivateSet_BeforeCSharp9()
    {
        var test = new FixTest<AddInitAccessorCodeFix>("""
            using PodBinding;

            namespace App
            {
                public partial class Info
                {
                    [FromDownward("metadata.name")] public string? {|PB0103:A|} { get; }
                }
            }
            """, """
            using PodBinding;

            namespace App
            {
                public partial class Info
                {
                    [FromDownward("metadata.name")] public string? A { get; private set; }
                }
            }
            """);
        test.LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp8;
        return test.RunAsync();
    }

    [Fact]
    public void EveryMechanicalFix_HasItsOwnEquivalenceKeys_AndAPerDiagnosticFixAll()
    {
        CodeFixProvider[] providers = typeof(MakePartialCodeFix).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToArray();
        Assert.Equal(11, providers.Length);

        // The mechanical fixes apply each diagnostic's own edit (the batch fixer keeps only the trigger's equivalence
        // key, which dotnet format takes from another ID's diagnostic). PB0202 and PB0300 stay one at a time: see
        // docs/diagnostics/README.md, "Fixing from the command line".
        string[] oneAtATime = ["PB0202", "PB0300"];
        Assert.All(providers, p =>
        {
            if (p.FixableDiagnosticIds.All(oneAtATime.Contains))
            {
                Assert.Null(p.GetFixAllProvider());
            }
            else
            {
                Assert.IsType<PerDiagnosticFixAllProvider>(p.GetFixAllProvider());
            }
        });

        string[] keys =
        {
            MakePartialCodeFix.EquivalenceKey, SetSourceCodeFix.EquivalenceKeyPrefix + "Volume", SetSourceCodeFix.EquivalenceKeyPrefix + "Environment",
            SetSourceCodeFix.EquivalenceKeyPrefix + "RemoveEnvVar", SetSourceCodeFix.EquivalenceKeyPrefix + "RemoveFile",
            CanonicalDivisorCodeFix.EquivalenceKey, RemoveArgumentCodeFix.EquivalenceKey, ChangeTypeCodeFix.EquivalenceKey, AddInitAccessorCodeFix.EquivalenceKey,
            RemoveSkipTlsVerifyCodeFix.EquivalenceKey, FromDownwardInsteadCodeFix.EquivalenceKey,
        };
        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());

        // Every fixable ID is fixed by exactly one provider.
        string[] ids = providers.SelectMany(p => p.FixableDiagnosticIds).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(new[] { "PB0002", "PB0006", "PB0007", "PB0023", "PB0100", "PB0101", "PB0103", "PB0105", "PB0200", "PB0201", "PB0202", "PB0300", "PB0400", "PB0503", "PB0504" }, ids.Order(StringComparer.Ordinal));
    }
}
