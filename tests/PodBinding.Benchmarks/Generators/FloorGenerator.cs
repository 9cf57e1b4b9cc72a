using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PodBinding.Benchmarks.Generators;

/// <summary>
/// The least an attribute-driven generator can do: the same <c>ForAttributeWithMetadataName</c> query as PodBinding,
/// a transform that returns one string, one tiny file per match. PodBinding's cost above this is its own.
/// </summary>
/// <remarks>Not marked [Generator]: it is only ever instantiated by the benchmarks, never run on this project.</remarks>
public sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<string> names = context.SyntaxProvider.ForAttributeWithMetadataName(
            "PodBinding.FromDownwardAttribute",
            predicate: static (node, _) => node is PropertyDeclarationSyntax,
            transform: static (ctx, _) => ctx.TargetSymbol.ContainingType.Name + "_" + ctx.TargetSymbol.Name);

        context.RegisterSourceOutput(names, static (spc, name) => spc.AddSource(name + ".g.cs", "// " + name + "\n"));
    }
}
