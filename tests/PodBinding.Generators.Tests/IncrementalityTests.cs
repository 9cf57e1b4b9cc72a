using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PodBinding.Generators.Model;
using PodBinding.Generators.Tests.Helpers;

namespace PodBinding.Generators.Tests;

/// <summary>
/// Roslyn's incremental-generator cookbook ("Pipeline model design"): the pipeline's models are cached across edits, hold no Roslyn objects, and compare equal when built
/// from the same source twice. Reasons: Cached = input unchanged; Unchanged = input changed, output equal.
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] ModelSteps = { TrackingNames.Parse, TrackingNames.Plan, TrackingNames.PatchFiles, TrackingNames.WorkloadVolumes, TrackingNames.ApiParse, TrackingNames.ApiRbac };

    /// <summary>Every constant of <see cref="TrackingNames"/>: a step added there is covered here without editing the test.</summary>
    private static readonly string[] AllTrackedNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void UnrelatedEdit_ReusesEveryModelAndOutput()
    {
        // ApiModes adds the per-mode Components, WebDeployment the [FromApi] code and RBAC: all must be reused too.
        CSharpCompilation compilation = TestCompilation.CreateWithKubernetes(Sources.OrdersDeployment, Sources.Unrelated, Sources.ApiModes, ApiFactsSources.WebDeployment);
        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        string[] before = GeneratedTexts(driver);

        driver = driver.RunGenerators(Replace(compilation, 1, Sources.UnrelatedEdited));
        GeneratorRunResult run = driver.GetRunResult().Results.Single();

        AssertModelStepsReused(run);
        AssertAllOutputsCached(run);
        Assert.Equal(before, GeneratedTexts(driver));
    }

    [Fact]
    public void EditInsideBoundClassThatKeepsTheModel_ReusesEveryOutput()
    {
        // Same attributes, types and names; only a comment and a method change: the models compare equal.
        string edited = Sources.OrdersDeployment.Replace(
            "public sealed partial class PodInfo\n{",
            "public sealed partial class PodInfo\n{\n    // A helper the generator does not care about.\n    public override string ToString() => Name;\n");
        Assert.NotEqual(Sources.OrdersDeployment, edited);

        CSharpCompilation compilation = TestCompilation.Create(Sources.OrdersDeployment, Sources.Unrelated);
        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(Replace(compilation, 0, edited));
        GeneratorRunResult run = driver.GetRunResult().Results.Single();

        AssertModelStepsReused(run);
        AssertAllOutputsCached(run);
    }

    [Fact]
    public void EditOfOneBoundClass_RegeneratesOnlyThatClass()
    {
        CSharpCompilation compilation = TestCompilation.Create(Sources.OrdersDeployment, Sources.ReportCronJob, Sources.Unrelated);
        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        Dictionary<string, string> before = Texts(driver);

        string edited = Sources.ReportCronJob.Replace("[FromDownward(\"metadata.name\")]", "[FromDownward(\"metadata.name\", EnvVar = \"REPORT_POD\")]");
        Assert.NotEqual(Sources.ReportCronJob, edited);
        driver = driver.RunGenerators(Replace(compilation, 1, edited));
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Dictionary<string, string> after = Texts(driver);

        // The models: ReportPod's are rebuilt and differ; PodInfo's are not rebuilt, or compare equal.
        foreach (string step in new[] { TrackingNames.Parse, TrackingNames.Plan })
        {
            var outputs = run.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.Contains(outputs, o => TypeNameOf(o.Value) == "ReportPod" && o.Reason == IncrementalStepRunReason.Modified);
            Assert.All(outputs.Where(o => TypeNameOf(o.Value) == "PodInfo"),
                o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} PodInfo: {o.Reason}"));
        }

        // The patch file names did not change, so the kustomization is not rewritten.
        Assert.All(run.TrackedSteps[TrackingNames.PatchFiles].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"PatchFiles: {o.Reason}"));

        // The source outputs: one per plan plus the kustomization. Only ReportPod's is produced again.
        var reasonsByInput = new Dictionary<string, IncrementalStepRunReason>(StringComparer.Ordinal);
        foreach (IncrementalGeneratorRunStep step in run.TrackedOutputSteps.SelectMany(s => s.Value))
        {
            object input = step.Inputs.Single().Source.Outputs[step.Inputs.Single().OutputIndex].Value;
            string key = input is BindingPlan plan ? plan.TypeName : input.GetType().ToString();
            reasonsByInput.Add(key, step.Outputs.Single().Reason);
        }

        Assert.Equal(IncrementalStepRunReason.Modified, reasonsByInput["ReportPod"]);
        Assert.Equal(IncrementalStepRunReason.Cached, reasonsByInput["PodInfo"]);
        Assert.Equal(IncrementalStepRunReason.Cached, reasonsByInput[typeof(EquatableArray<string>).ToString()]);

        // And the text agrees: only ReportPod's loader differs. Its manifest attribute refers to the loader's binding table,
        // so its text stays; the YAML the build task writes from the table is what changes.
        Assert.Equal(before.Keys, after.Keys);
        string[] changed = before.Keys.Where(k => before[k] != after[k]).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "Orders.Reports.ReportPod.PodBinding.g.cs" }, changed);
        Assert.Contains("|env|REPORT_POD|metadata.name", after["Orders.Reports.ReportPod.PodBinding.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void EditOfAFromApiClass_RewritesItsCodeAndRbac_NotTheDownwardOutputs()
    {
        CSharpCompilation compilation = TestCompilation.CreateWithKubernetes(ApiFactsSources.WebDeployment, Sources.Unrelated);
        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        Dictionary<string, string> before = Texts(driver);

        // Dropping the node member drops the ClusterRole: the class's file and the RBAC change, nothing else.
        string edited = ApiFactsSources.WebDeployment.Replace("[FromApi(\"node.zone\")]", "").Replace("[FromApi(\"node.labels['kubernetes.io/arch']\")]", "");
        Assert.NotEqual(ApiFactsSources.WebDeployment, edited);
        driver = driver.RunGenerators(Replace(compilation, 0, edited));
        Dictionary<string, string> after = Texts(driver);
        string[] changed = before.Keys.Where(k => before[k] != after[k]).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "PodBinding.KubernetesApi.Rbac.g.cs", "Shop.Web.WebFacts.PodBindingApi.g.cs" }, changed);
        Assert.DoesNotContain("ClusterRole", after["PodBinding.KubernetesApi.Rbac.g.cs"], StringComparison.Ordinal);

        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { TrackingNames.Parse, TrackingNames.Plan })
        {
            Assert.All(run.TrackedSteps[step].SelectMany(s => s.Outputs),
                o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
    }

    [Fact]
    public void TrackedStepOutputs_ContainNoRoslynObjects()
    {
        CSharpCompilation compilation = TestCompilation.CreateWithKubernetes(Sources.OrdersDeployment, Sources.ReportCronJob, Sources.Overrides, Sources.AllSkipped, Sources.ApiModes, ApiFactsSources.WebDeployment);
        GeneratorRunResult run = GeneratorRunner.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(new[] { "ApiEntries", "ApiParse", "ApiRbac", "ApiReference", "Options", "Parse", "PatchFiles", "Plan", "WorkloadVolumes" }, AllTrackedNames.OrderBy(n => n, StringComparer.Ordinal));
        foreach (string name in AllTrackedNames)
        {
            Assert.True(run.TrackedSteps.ContainsKey(name), $"Step '{name}' did not run");
            int walked = 0;
            foreach (IncrementalGeneratorRunStep step in run.TrackedSteps[name])
            {
                foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                {
                    ObjectGraph.AssertNoRoslynObjects(value, $"{name}[{walked++}]");
                }
            }

            Assert.True(walked > 0, $"Step '{name}' produced nothing to check");
        }
    }

    [Fact]
    public void ObjectGraphWalk_FindsRoslynObjectsHiddenInsideModels()
    {
        // The walk must be able to fail: plant symbols, nodes and trees at depth, behind fields, arrays and lists.
        CSharpCompilation compilation = TestCompilation.Create(Sources.IssueExample);
        SyntaxTree tree = compilation.SyntaxTrees[0];
        INamedTypeSymbol symbol = compilation.GetTypeByMetadataName("Shop.Api.PodInfo")!;
        AttributeData attribute = symbol.GetMembers("Name").Single().GetAttributes().Single();
        var planted = new
        {
            Text = "fine",
            Nested = new object[] { 1, new List<object> { "x", new KeyValuePair<string, object>("k", symbol) } },
            Tuple = (tree.GetRoot(), 3),
            Tree = tree,
            Model = compilation.GetSemanticModel(tree),
            Where = symbol.Locations[0],
            Attribute = attribute,
            Compilation = (object)compilation,
        };

        List<string> found = ObjectGraph.FindRoslynObjects(planted, "planted");
        Assert.Equal(7, found.Count);
        Assert.Contains(found, f => f.Contains("Nested>i__Field[1][1]", StringComparison.Ordinal) && f.Contains("Symbol", StringComparison.Ordinal));
        Assert.Throws<Xunit.Sdk.TrueException>(() => ObjectGraph.AssertNoRoslynObjects(planted, "planted"));
        Assert.Empty(ObjectGraph.FindRoslynObjects(new { A = "x", B = new[] { 1, 2 }, C = EquatableArray<string>.Empty }, "clean"));
    }

    [Fact]
    public void CompilingTheSameSourceTwice_GivesEqualModels()
    {
        string[] sources = { Sources.OrdersDeployment, Sources.ReportCronJob, Sources.Overrides, Sources.Optional, Sources.AllSkipped, Sources.GlobalNamespace, ApiFactsSources.WebDeployment };
        GeneratorRunResult first = GeneratorRunner.CreateDriver().RunGenerators(TestCompilation.CreateWithKubernetes(sources)).GetRunResult().Results.Single();
        GeneratorRunResult second = GeneratorRunner.CreateDriver().RunGenerators(TestCompilation.CreateWithKubernetes(sources)).GetRunResult().Results.Single();

        foreach (string name in AllTrackedNames)
        {
            object[] a = first.TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value).ToArray();
            object[] b = second.TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value).ToArray();
            Assert.NotEmpty(a);
            Assert.Equal(a.Length, b.Length);
            for (int i = 0; i < a.Length; i++)
            {
                Assert.False(ReferenceEquals(a[i], b[i]) && !a[i].GetType().IsValueType, $"{name}[{i}] is the same instance; the comparison would prove nothing");
                Assert.True(a[i].Equals(b[i]), $"{name}[{i}] differs between two compilations of the same source:\n{a[i]}\n{b[i]}");
                Assert.Equal(a[i].GetHashCode(), b[i].GetHashCode());
            }
        }
    }

    [Fact]
    public void ModelsCompareByValue_NotByReference()
    {
        // EquatableArray is what keeps records of arrays equal (trap T2); a changed element must make them differ.
        var a = new EquatableArray<string>(new[] { "a.patch.yaml", "b.patch.yaml" });
        var b = new EquatableArray<string>(new[] { "a.patch.yaml", "b.patch.yaml" });
        var c = new EquatableArray<string>(new[] { "a.patch.yaml", "c.patch.yaml" });
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal(EquatableArray<string>.Empty, default(EquatableArray<string>));
    }

    private static void AssertModelStepsReused(GeneratorRunResult run)
    {
        foreach (string name in ModelSteps)
        {
            if (!run.TrackedSteps.TryGetValue(name, out var steps))
            {
                continue; // not even visited: everything upstream was cached
            }

            Assert.All(steps.SelectMany(s => s.Outputs),
                o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {o.Reason}"));
        }
    }

    private static void AssertAllOutputsCached(GeneratorRunResult run)
    {
        var outputs = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string source)
    {
        SyntaxTree old = compilation.SyntaxTrees[index];
        return compilation.ReplaceSyntaxTree(old, TestCompilation.Parse(source, old.FilePath));
    }

    private static string? TypeNameOf(object value) => value switch
    {
        BindingSpec spec => spec.TypeName,
        ApiFactsSpec api => api.TypeName,
        BindingPlan plan => plan.TypeName,
        _ => null,
    };

    private static string[] GeneratedTexts(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName + "\n" + s.SourceText).ToArray();

    private static Dictionary<string, string> Texts(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
}
