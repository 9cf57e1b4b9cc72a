using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PodBinding.Generators;

namespace PodBinding.Benchmarks.Generators;

/// <summary>Fresh drivers for the three generators, as the IDE would create them (no step tracking when timing).</summary>
internal static class Drivers
{
    public static GeneratorDriver PodBinding(bool track = false) => Create(new PodBindingGenerator(), track);

    public static GeneratorDriver Floor(bool track = false) => Create(new FloorGenerator(), track);

    public static GeneratorDriver FloorPerClass(bool track = false) => Create(new FloorPerClassGenerator(), track);

    public static GeneratorDriver Anchor(bool track = false) => Create(AnchorGenerator.Create(), track);

    private static GeneratorDriver Create(IIncrementalGenerator generator, bool track) =>
        CSharpGeneratorDriver.Create(
            new[] { generator.AsSourceGenerator() },
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));
}
