using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PodBinding.Analyzers.Tests.Helpers;

namespace PodBinding.Analyzers.Tests;

/// <summary>Each diagnostic of <c>BindingAnalyzer</c> at its exact span, and the clean cases next to it.</summary>
public class AnalyzerDiagnosticTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Net; using PodBinding;\nnamespace App;\n";

    private static Task Verify(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest(Usings + source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task ValidClass_HasNoDiagnostics() => Verify("""
        [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
        public sealed partial class PodInfo
        {
            [FromDownward("metadata.name")] public required string Name { get; init; }
            [FromDownward("metadata.uid")] public Guid Uid { get; init; }
            [FromDownward("metadata.labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }
            [FromDownward("metadata.labels['app.kubernetes.io/version']")] public string? Version { get; init; }
            [FromDownward("status.podIPs")] public IReadOnlyList<IPAddress>? PodIPs { get; private set; }
            [FromDownward("limits.ephemeral-storage", Divisor = "1Mi", Source = DownwardSource.Volume)] public long Disk { get; init; }
            [FromDownward("limits.hugepages-2Mi", Divisor = "1Mi")] public long HugePages { get; init; }
            [FromDownward("metadata.name", EnvVar = "MY_POD")] public string? Again { get; init; }
        }
        """);

    [Fact]
    public Task ClassWithoutBoundProperties_IsIgnored() => Verify("""
        public class Plain { public string? Name { get; } }
        public struct Point { public int X { get; } }
        public static class Helpers { public static string? Name { get; set; } }
        public class NoCtor { public NoCtor(int x) { } public string? Name { get; } }
        """);

    [Fact]
    public Task PB0001_UnknownFieldPath_OnThePathArgument() => Verify("""
        public partial class Info
        {
            [FromDownward({|PB0001:"status.phase"|})] public string? Phase { get; init; }
            [FromDownward({|PB0001:path: "spec.host"|})] public string? Host { get; init; }
            [FromDownward({|PB0001:""|})] public string? Empty { get; init; }
            [FromDownward({|PB0001:"limits.CPU"|})] public long Cpu { get; init; }
        }
        """);

    [Fact]
    public Task PB0002_WrongChannel_OnTheArgumentThatChoseIt() => Verify("""
        public partial class Info
        {
            [FromDownward("spec.nodeName", {|PB0002:Source = DownwardSource.Volume|})] public string? Node { get; init; }
            [FromDownward("status.podIP", {|PB0002:File = "ip"|})] public string? Ip { get; init; }
            [FromDownward("metadata.labels", {|PB0002:EnvVar = "LABELS"|})] public IReadOnlyDictionary<string, string>? Labels { get; init; }
            [FromDownward("metadata.annotations", {|PB0002:Source = DownwardSource.Environment|}, File = "x")] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
        }
        """);

    [Fact]
    public Task PB0002_Message_NamesTheLegalChannel() => Verify("""
        public partial class Info
        {
            [FromDownward("spec.nodeName", {|#0:Source = DownwardSource.Volume|})] public string? Node { get; init; }
        }
        """,
        new DiagnosticResult("PB0002", DiagnosticSeverity.Error).WithLocation(0)
            .WithMessage("'spec.nodeName' can only come from an env var (the API server rejects it in a downwardAPI volume); use Source = DownwardSource.Environment or Auto"));

    [Fact]
    public Task PB0003_InvalidSubscript() => Verify("""
        public partial class Info
        {
            [FromDownward({|PB0003:"metadata.labels['Www.k8s.io/test']"|})] public string? A { get; init; }
            [FromDownward({|PB0003:"metadata.name['x']"|})] public string? B { get; init; }
            [FromDownward("metadata.annotations['TEST.EXAMPLE.COM/key']")] public string? C { get; init; }
        }
        """);

    [Fact]
    public Task PB0004_HugePagesWithoutSize() => Verify("""
        public partial class Info
        {
            [FromDownward({|PB0004:"limits.hugepages-"|})] public long A { get; init; }
            [FromDownward({|PB0004:"requests.hugepages-foo"|})] public long B { get; init; }
        }
        """);

    [Fact]
    public Task PB0005_InvalidDivisor_And_PB0006_NonCanonical() => Verify("""
        public partial class Info
        {
            [FromDownward("limits.ephemeral-storage", {|PB0005:Divisor = "1m"|})] public long A { get; init; }
            [FromDownward("limits.ephemeral-storage", {|PB0006:Divisor = "1024Ki"|})] public long B { get; init; }
            [FromDownward("limits.ephemeral-storage", {|PB0005:Divisor = "lots"|})] public long C { get; init; }
        }
        """);

    [Fact]
    public Task PB0006_Message_GivesTheCanonicalSpelling() => Verify("""
        public partial class Info
        {
            [FromDownward("limits.ephemeral-storage", {|#0:Divisor = "1000"|})] public long A { get; init; }
        }
        """,
        new DiagnosticResult("PB0006", DiagnosticSeverity.Warning).WithLocation(0)
            .WithMessage("Divisor '1000' means '1k' for limits.ephemeral-storage; write it as \"1k\", the spelling the API server compares"));

    [Fact]
    public Task PB0007_ResourceOptionOnField() => Verify("""
        public partial class Info
        {
            [FromDownward("metadata.name", {|PB0007:Divisor = "1"|})] public string? A { get; init; }
            [FromDownward("metadata.namespace", {|PB0007:ContainerName = "sidecar"|})] public string? B { get; init; }
        }
        """);

    [Fact]
    public Task PB0008_InvalidContainerName_OnClassAndMember() => Verify("""
        [DownwardBinding({|PB0008:ContainerName = "Orders_Api"|})]
        public partial class Info
        {
            [FromDownward("metadata.name")] public string? A { get; init; }
        }

        public partial class Other
        {
            [FromDownward("limits.ephemeral-storage", {|PB0008:ContainerName = "Side_Car"|})] public long B { get; init; }
        }
        """);

    [Fact]
    public Task PB0009_GuessedContainerName_OnlyWithoutAnyContainerSetting() => Verify("""
        public partial class Info
        {
            [FromDownward("limits.ephemeral-storage", Source = DownwardSource.Volume)] public long {|PB0009:Disk|} { get; init; }
            [FromDownward("limits.ephemeral-storage", Source = DownwardSource.Volume, ContainerName = "app", File = "disk2")] public long Disk2 { get; init; }
        }

        [DownwardBinding(ContainerName = "app", VolumeName = "other")]
        public partial class Named
        {
            [FromDownward("limits.ephemeral-storage", Source = DownwardSource.Volume)] public long Disk { get; init; }
        }
        """);

    /// <summary>At the default target (1.30) a relaxed name is rejected by the API server: PB0010, not a warning.</summary>
    [Fact]
    public Task PB0010_InvalidEnvVarName_AndRelaxed_AtTheDefaultTarget() => Verify("""
        public partial class Info
        {
            [FromDownward("metadata.name", {|PB0010:EnvVar = "A=B"|})] public string? A { get; init; }
            [FromDownward("metadata.name", {|#0:EnvVar = "1abc"|})] public string? B { get; init; }
            [FromDownward("metadata.name", EnvVar = "a.b-c")] public string? C { get; init; }
        }
        """,
        new DiagnosticResult("PB0010", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(0).WithMessage(
            "'1abc' is not a valid env var name: it is a relaxed env var name, accepted from Kubernetes 1.32 (on by default; GA 1.34), but the project targets 1.30 (PodBindingKubernetesVersion), whose API server rejects it; use letters, digits and '_'"));

    [Theory]
    [InlineData("1.32")]
    [InlineData("1.34")]
    public Task PB0011_Relaxed_FromTheTargetThatAcceptsIt(string target)
    {
        var test = new AnalyzerTest(Usings + """
            public partial class Info
            {
                [FromDownward("metadata.name", {|#0:EnvVar = "1abc"|})] public string? B { get; init; }
            }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.PodBindingKubernetesVersion = " + target + "\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0011", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            $"'1abc' is a relaxed env var name (Kubernetes 1.32+; the project targets {target}) that cannot be read from a POSIX shell; prefer letters, digits and '_'"));
        return test.RunAsync();
    }

    [Fact]
    public Task PB0012_DuplicateEnvVar_InOneClass() => Verify("""
        public partial class Info
        {
            [FromDownward("metadata.name", EnvVar = "X")] public string? A { get; init; }
            [FromDownward("metadata.namespace", {|PB0012:EnvVar = "X"|})] public string? B { get; init; }
            [FromDownward("metadata.uid")] public string? C { get; init; }
            [FromDownward("metadata.uid", EnvVar = "POD_UID2")] public string? D { get; init; }
        }
        """);

    [Fact]
    public Task PB0012_DuplicateEnvVar_AcrossClasses_OnTheLaterDeclaration()
    {
        var test = new AnalyzerTest("");
        test.TestState.Sources.Clear();
        test.TestState.Sources.Add(("/0/A.cs", Usings + """
            [DownwardBinding(ContainerName = "app")]
            public partial class First
            {
                [FromDownward("metadata.name", EnvVar = "SHARED")] public string? Name { get; init; }
                [FromDownward("metadata.namespace")] public string? Namespace { get; init; }
            }
            """));
        test.TestState.Sources.Add(("/0/B.cs", Usings + """
            [DownwardBinding(ContainerName = "app")]
            public partial class Second
            {
                [FromDownward("metadata.uid", {|#0:EnvVar = "SHARED"|})] public string? Uid { get; init; }
                [FromDownward("metadata.namespace")] public string? SameValueSameName { get; init; }
            }

            [DownwardBinding(ContainerName = "other")]
            public partial class OtherContainer
            {
                [FromDownward("metadata.uid", EnvVar = "SHARED")] public string? Uid { get; init; }
            }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0012", DiagnosticSeverity.Error).WithLocation(0)
            .WithMessage("Env var 'SHARED' in container 'app' is already claimed by 'App.First.Name' for a different value, and the later entry would replace it; set a different EnvVar"));
        return test.RunAsync();
    }

    [Fact]
    public Task PB0107_TwoClassesOfOneName_WriteOneFile_OnTheLaterDeclaration()
    {
        var test = new AnalyzerTest("");
        test.TestState.Sources.Clear();
        test.TestState.Sources.Add(("/0/A.cs", """
            using PodBinding;
            namespace Orders;
            public partial class PodInfo
            {
                [FromDownward("metadata.name")] public string? Name { get; init; }
            }
            """));
        test.TestState.Sources.Add(("/0/B.cs", """
            using PodBinding;
            namespace Billing;
            public partial class {|#0:PodInfo|}
            {
                [FromDownward("metadata.name")] public string? Name { get; init; }
            }

            [DownwardBinding({|#1:ManifestName = "pod-info"|})]
            public partial class Renamed
            {
                [FromDownward("metadata.name")] public string? Name { get; init; }
            }

            [DownwardBinding(ManifestName = "billing-pod-info")]
            public partial class Other
            {
                [FromDownward("metadata.name")] public string? Name { get; init; }
            }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0107", DiagnosticSeverity.Error).WithLocation(0)
            .WithMessage("'Billing.PodInfo' writes deploy/podbinding/pod-info.yaml, which 'Orders.PodInfo' writes too, and only one of them can be on disk; set [DownwardBinding(ManifestName = \"...\")] on one of them"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0107", DiagnosticSeverity.Error).WithLocation(1)
            .WithMessage("'Billing.Renamed' writes deploy/podbinding/pod-info.yaml, which 'Orders.PodInfo' writes too, and only one of them can be on disk; set [DownwardBinding(ManifestName = \"...\")] on one of them"));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("0888")]
    [InlineData("01000")]
    public Task PB0019_DefaultMode_MustBeAnOctalModeUpTo0777(string mode) => Verify($$"""
        [DownwardBinding({|#0:DefaultMode = "{{mode}}"|})]
        public partial class PodInfo
        {
            [FromDownward("metadata.labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }
        }
        """,
        new DiagnosticResult("PB0019", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(mode));

    [Theory]
    [InlineData("Billing/PodInfo")]
    [InlineData("PodInfo")]
    [InlineData("-pod")]
    public Task PB0108_ManifestName_MustBeALowerCaseFileName(string name) => Verify($$"""
        [DownwardBinding({|#0:ManifestName = "{{name}}"|})]
        public partial class PodInfo
        {
            [FromDownward("metadata.name")] public string? Name { get; init; }
        }
        """,
        new DiagnosticResult("PB0108", DiagnosticSeverity.Error).WithLocation(0).WithArguments(name));

    [Fact]
    public Task PB0013_DuplicateItemPath_InOneClassAndAcrossClasses()
    {
        var test = new AnalyzerTest("");
        test.TestState.Sources.Clear();
        test.TestState.Sources.Add(("/0/A.cs", Usings + """
            public partial class First
            {
                [FromDownward("metadata.name", File = "a")] public string? A { get; init; }
                [FromDownward("metadata.namespace", {|PB0013:File = "a/b"|})] public string? B { get; init; }
                [FromDownward("metadata.labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }
            }
            """));
        test.TestState.Sources.Add(("/0/B.cs", Usings + """
            public partial class Second
            {
                [FromDownward("metadata.uid", {|PB0013:File = "a"|})] public string? Uid { get; init; }
                [FromDownward("metadata.name", {|PB0013:File = "a/c"|})] public string? Clash { get; init; }
                [FromDownward("metadata.labels")] public IReadOnlyDictionary<string, string>? SameLabels { get; init; }
            }

            [DownwardBinding(MountPath = "/etc/other")]
            public partial class OtherMount
            {
                [FromDownward("metadata.uid", File = "a")] public string? Uid { get; init; }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task PB0014_InvalidItemPath() => Verify("""
        public partial class Info
        {
            [FromDownward("metadata.name", {|PB0014:File = "../x"|})] public string? A { get; init; }
            [FromDownward("metadata.name", {|PB0014:File = "..data"|})] public string? B { get; init; }
            [FromDownward("metadata.name", {|PB0014:File = "."|})] public string? C { get; init; }
            [FromDownward("metadata.name", File = "./ok")] public string? D { get; init; }
        }
        """);

    [Fact]
    public Task PB0015_PB0016_ClassSettings() => Verify("""
        [DownwardBinding({|PB0016:VolumeName = "Pod_Info"|}, {|PB0015:MountPath = "etc/podinfo"|})]
        public partial class Info
        {
            [FromDownward("metadata.name")] public string? A { get; init; }
        }
        """);

    [Fact]
    public Task PB0017_Workload_OnTheArgumentOrTheClass() => Verify("""
        [DownwardBinding(ContainerName = "app", WorkloadKind = WorkloadKind.Deployment)]
        public partial class {|PB0017:Info|}
        {
            [FromDownward("metadata.name")] public string? A { get; init; }
        }

        [DownwardBinding(WorkloadKind = WorkloadKind.Job, {|PB0017:WorkloadName = "Bad_Name"|}, ContainerName = "app")]
        public partial class Other
        {
            [FromDownward("metadata.name")] public string? A { get; init; }
        }
        """);

    [Fact]
    public Task PB0100_NotPartial_OnTheIdentifier_AndThePlannerWaits() => Verify("""
        public class {|PB0100:Info|}
        {
            // The generator skips the class, so its findings would be noise until it is partial.
            [FromDownward("nonsense")] public string? A { get; init; }
        }
        """);

    [Fact]
    public Task PB0101_WrongType() => Verify("""
        public partial class Info
        {
            [FromDownward("metadata.name")] public int {|PB0101:Name|} { get; init; }
            [FromDownward("metadata.name", EnvVar = "N2")] public DateTime {|PB0101:When|} { get; init; }
            [FromDownward("limits.ephemeral-storage")] public string? {|PB0101:Disk|} { get; init; }
        }
        """);

    [Fact]
    public Task PB0102_UnsupportedShapes_SayWhichAndHowToFix() => Verify("""
        public partial class Outer
        {
            public partial class {|#0:Nested|}
            {
                [FromDownward("metadata.name")] public string? A { get; init; }
            }
        }

        public abstract partial class {|#1:Generic|}<T>
        {
            [FromDownward("metadata.name")] public string? A { get; init; }
        }

        public partial record {|#2:Rec|}
        {
            [FromDownward("metadata.name")] public string? A { get; init; }
        }

        public partial struct {|#3:Str|}
        {
            [FromDownward("metadata.name")] public string? A { get; init; }
        }

        public partial class {|#4:NoCtor|}
        {
            public NoCtor(int x) { }
            [FromDownward("metadata.name")] public string? A { get; init; }
        }

        public static partial class {|#5:Holder|}
        {
            [FromDownward("metadata.name")] public static string? {|PB0104:A|} { get; set; }
        }

        public partial interface {|#6:IShape|}
        {
            [FromDownward("metadata.name")] string? A { get; init; }
        }
        """,
        Result(0, "PodBinding cannot generate a loader for 'Nested': it is nested in 'Outer' (move it to namespace level)"),
        Result(1, "PodBinding cannot generate a loader for 'Generic': it is abstract (remove 'abstract'; the generated Load() creates an instance) and is generic (remove the type parameters)"),
        Result(2, "PodBinding cannot generate a loader for 'Rec': it is a record (declare it as a 'partial class')"),
        Result(3, "PodBinding cannot generate a loader for 'Str': it is a struct (declare it as a 'partial class')"),
        Result(4, "PodBinding cannot generate a loader for 'NoCtor': it has no parameterless constructor (add one; the generated Load() calls it)"),
        Result(5, "PodBinding cannot generate a loader for 'Holder': it is static (remove 'static'; the generated Load() creates an instance)"),
        Result(6, "PodBinding cannot generate a loader for 'IShape': it is an interface (move the properties to a 'partial class')"));

    private static DiagnosticResult Result(int location, string message) =>
        new DiagnosticResult("PB0102", DiagnosticSeverity.Error).WithLocation(location).WithMessage(message);

    [Fact]
    public Task PB0100_And_PB0102_Together_AndNoPlannerFindings() => Verify("""
        public class Outer
        {
            public class {|PB0100:{|PB0102:Nested|}|}
            {
                [FromDownward("status.phase")] public string? A { get; init; }
            }
        }
        """);

    [Fact]
    public Task PB0100_PartialSplitAcrossFiles_OnlyTheBareDeclaration()
    {
        var test = new AnalyzerTest("");
        test.TestState.Sources.Clear();
        test.TestState.Sources.Add(("/0/A.cs", Usings + """
            public partial class Info
            {
                [FromDownward("metadata.name")] public string? A { get; init; }
            }
            """));
        test.TestState.Sources.Add(("/0/B.cs", Usings + """
            public class {|PB0100:Info|}
            {
                public string? Other { get; init; }
            }
            """));
        test.CompilerDiagnostics = CompilerDiagnostics.None; // CS0260 is the compiler's; ours names the fix
        return test.RunAsync();
    }

    [Fact]
    public Task PB0103_NoSetter() => Verify("""
        public partial class Info
        {
            [FromDownward("metadata.name")] public string? {|PB0103:A|} { get; }
            [FromDownward("metadata.namespace")] public string? B { get; private set; }
            [FromDownward("metadata.uid")] public string? {|PB0103:C|} => null;
        }
        """);

    [Fact]
    public Task PB0104_StaticProperty_StillBindsTheRest() => Verify("""
        public partial class Info
        {
            [FromDownward("metadata.name")] public static string? {|PB0104:A|} { get; set; }
            [FromDownward({|PB0001:"status.phase"|})] public string? B { get; init; }
        }
        """);

    [Fact]
    public Task PB0200_StaleMetadataInEnv_AndAutoPicksTheVolume() => Verify("""
        public partial class Info
        {
            [FromDownward("metadata.labels['app']", {|PB0200:Source = DownwardSource.Environment|})] public string? A { get; init; }
            [FromDownward("metadata.annotations['a']", {|PB0200:EnvVar = "ANN"|})] public string? B { get; init; }
            [FromDownward("metadata.labels['b']")] public string? C { get; init; }
        }
        """);

    [Fact]
    public Task PB0201_ResizableResourceInEnv_IsInfo() => Verify("""
        [DownwardBinding(ContainerName = "app")]
        public partial class Info
        {
            [FromDownward({|PB0201:"requests.cpu"|}, Divisor = "1m")] public int Cpu { get; init; }
            [FromDownward("limits.memory", Divisor = "1Mi", Source = DownwardSource.Volume)] public long Memory { get; init; }
            [FromDownward("limits.ephemeral-storage")] public long Disk { get; init; }
        }
        """);

    [Fact]
    public Task PB0201_SeverityFromEditorConfig()
    {
        var test = new AnalyzerTest(Usings + """
            [DownwardBinding(ContainerName = "app")]
            public partial class Info
            {
                [FromDownward({|#0:"requests.cpu"|})] public int Cpu { get; init; }
                [FromDownward("metadata.labels['a']", {|#1:Source = DownwardSource.Environment|})] public string? A { get; init; }
            }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.PB0201.severity = warning
            dotnet_diagnostic.PB0200.severity = none
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0201", DiagnosticSeverity.Warning).WithLocation(0));
        return test.RunAsync();
    }

    [Fact]
    public Task PragmaSuppression_Works() => Verify("""
        public partial class Info
        {
        #pragma warning disable PB0001
            [FromDownward("status.phase")] public string? A { get; init; }
        #pragma warning restore PB0001
        }
        """);

    [Fact]
    public Task ContainerNameFromMsBuild_IsValidated()
    {
        var test = new AnalyzerTest(Usings + """
            public partial class {|#0:Info|}
            {
                [FromDownward("metadata.name")] public string? A { get; init; }
            }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", """
            is_global = true
            build_property.PodBindingContainerName = Not_A_Label
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PB0008", DiagnosticSeverity.Error).WithLocation(0)
            .WithMessage("Container name 'Not_A_Label' is not a valid Kubernetes container name (a DNS-1123 label: lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit); set ContainerName on [DownwardBinding] to the container's name"));
        return test.RunAsync();
    }
}
