using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PodBinding.Benchmarks.Generators;

/// <summary>
/// The PodBinding generator against a minimal FAWMN floor generator on the same compilations of
/// 2,000 plain files and <see cref="AnnotatedTypes"/> bound classes. Ratios are per category (scenario).
/// </summary>
/// <remarks>
/// Every run gets a <c>Clone()</c> of its compilation: the same syntax trees (so a warm driver's caches apply) but no
/// bound symbols, like the new Compilation the IDE builds after a keystroke. Warm scenarios start from a driver that
/// has already run on the original compilation (carried forward from setup) and time one edit.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratorBenchmarks
{
    /// <summary>The scaling series (issue: the keystroke at 1,000 classes); the floor runs on the same compilations.</summary>
    [Params(100, 1000, 3000)]
    public int AnnotatedTypes { get; set; }

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _unrelatedEdit = null!;
    private CSharpCompilation _annotatedEdit = null!;
    private GeneratorDriver _warmPodBinding = null!;
    private GeneratorDriver _warmFloor = null!;
    private GeneratorDriver _warmFloorPerClass = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = CompilationFactory.Create(AnnotatedTypes, i => Synthetic.Pod(i), "Pod");
        _unrelatedEdit = CompilationFactory.Replace(_compilation, "Plain0.cs", Synthetic.Plain(0, version: 1));
        _annotatedEdit = CompilationFactory.Replace(_compilation, "Pod0.cs", Synthetic.Pod(0, extraMember: true));

        // Warm the compilation's own semantic caches once, so the first cold iteration is not special.
        _warmPodBinding = Drivers.PodBinding().RunGenerators(_compilation);
        _warmFloor = Drivers.Floor().RunGenerators(_compilation);
        _warmFloorPerClass = Drivers.FloorPerClass().RunGenerators(_compilation);

        // Not timed: refuse to measure a generator that is not incremental on this input (see Validation).
        Validation.ThrowIfNotCached(_compilation, _unrelatedEdit, _annotatedEdit, AnnotatedTypes);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("1 Cold")]
    public GeneratorDriver Floor_Cold() => Drivers.Floor().RunGenerators(_compilation.Clone());

    [Benchmark, BenchmarkCategory("1 Cold")]
    public GeneratorDriver PodBinding_Cold() => Drivers.PodBinding().RunGenerators(_compilation.Clone());

    // No edit at all: a new Compilation with the same trees (what the IDE asks for after, say, a config change).
    [Benchmark(Baseline = true), BenchmarkCategory("2 NoChange")]
    public GeneratorDriver Floor_NoChange() => _warmFloor.RunGenerators(_compilation.Clone());

    [Benchmark, BenchmarkCategory("2 NoChange")]
    public GeneratorDriver PodBinding_NoChange() => _warmPodBinding.RunGenerators(_compilation.Clone());

    /// <summary>The per-class floor (<see cref="FloorPerClassGenerator"/>), for the paired scaling series only.</summary>
    public GeneratorDriver FloorPerClass_NoChange() => _warmFloorPerClass.RunGenerators(_compilation.Clone());

    /// <summary>The per-class floor after an unrelated edit.</summary>
    public GeneratorDriver FloorPerClass_UnrelatedEdit() => _warmFloorPerClass.RunGenerators(_unrelatedEdit.Clone());

    [Benchmark(Baseline = true), BenchmarkCategory("3 UnrelatedEdit")]
    public GeneratorDriver Floor_UnrelatedEdit() => _warmFloor.RunGenerators(_unrelatedEdit.Clone());

    [Benchmark, BenchmarkCategory("3 UnrelatedEdit")]
    public GeneratorDriver PodBinding_UnrelatedEdit() => _warmPodBinding.RunGenerators(_unrelatedEdit.Clone());

    [Benchmark(Baseline = true), BenchmarkCategory("4 AnnotatedEdit")]
    public GeneratorDriver Floor_AnnotatedEdit() => _warmFloor.RunGenerators(_annotatedEdit.Clone());

    [Benchmark, BenchmarkCategory("4 AnnotatedEdit")]
    public GeneratorDriver PodBinding_AnnotatedEdit() => _warmPodBinding.RunGenerators(_annotatedEdit.Clone());
}
