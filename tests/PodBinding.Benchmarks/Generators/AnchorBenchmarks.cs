using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PodBinding.Benchmarks.Generators;

/// <summary>
/// The comparison anchor: Microsoft's ConfigurationBindingGenerator cold on 2,000 plain files plus <see cref="Classes"/>
/// options classes of twelve mixed members (each with its <c>Get&lt;T&gt;()</c> call site), against PodBinding cold
/// on the same plain files plus the same number of bound classes. Divide by <see cref="Classes"/> for cost per class.
/// </summary>
[MemoryDiagnoser]
public class AnchorBenchmarks
{
    [Params(500, 1000)]
    public int Classes { get; set; }

    private CSharpCompilation _options = null!;
    private CSharpCompilation _pods = null!;

    [GlobalSetup]
    public void Setup()
    {
        _options = CompilationFactory.Create(Classes, Synthetic.Options, "Options");
        _pods = CompilationFactory.Create(Classes, i => Synthetic.Pod(i), "Pod");
        Validation.ThrowIfAnchorIdle(_options, Classes);
        _ = Drivers.Anchor().RunGenerators(_options);
        _ = Drivers.PodBinding().RunGenerators(_pods);
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver ConfigurationBinder_Cold() => Drivers.Anchor().RunGenerators(_options.Clone());

    [Benchmark]
    public GeneratorDriver PodBinding_Cold() => Drivers.PodBinding().RunGenerators(_pods.Clone());
}
