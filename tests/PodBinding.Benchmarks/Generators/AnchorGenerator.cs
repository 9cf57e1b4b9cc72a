using System.Reflection;
using Microsoft.CodeAnalysis;

namespace PodBinding.Benchmarks.Generators;

/// <summary>
/// Microsoft's ConfigurationBindingGenerator, loaded from the Microsoft.Extensions.Configuration.Binder package's
/// analyzers folder (the path is baked in at build time). It binds against the Roslyn this process already loaded.
/// </summary>
internal static class AnchorGenerator
{
    private const string TypeName = "Microsoft.Extensions.Configuration.Binder.SourceGeneration.ConfigurationBindingGenerator";

    private static readonly Lazy<Type> GeneratorType = new(() =>
    {
        string path = typeof(AnchorGenerator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ConfigurationBinderGeneratorPath").Value!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("ConfigurationBindingGenerator not found; restore Microsoft.Extensions.Configuration.Binder", path);
        }

        Assembly assembly = Assembly.LoadFrom(path);
        return assembly.GetType(TypeName, throwOnError: true)!;
    });

    public static string AssemblyDescription => GeneratorType.Value.Assembly.FullName!;

    public static IIncrementalGenerator Create() => (IIncrementalGenerator)Activator.CreateInstance(GeneratorType.Value, nonPublic: true)!;
}
