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

/// <summary>
/// A second floor with PodBinding's output shape: the same query, but only a class's first bound property yields a
/// value (its class name), and one tiny file is written per class rather than per property.
/// </summary>
public sealed class FloorPerClassGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<string> classes = context.SyntaxProvider.ForAttributeWithMetadataName(
                "PodBinding.FromDownwardAttribute",
                predicate: static (node, _) => node is PropertyDeclarationSyntax,
                transform: static (ctx, _) => IsFirstBound(ctx) ? ctx.TargetSymbol.ContainingType.Name : null)
            .Where(static name => name is not null)
            .Select(static (name, _) => name!);

        context.RegisterSourceOutput(classes, static (spc, name) => spc.AddSource(name + ".g.cs", "// " + name + "\n"));
    }

    private static bool IsFirstBound(GeneratorAttributeSyntaxContext ctx)
    {
        INamedTypeSymbol? attribute = ctx.Attributes[0].AttributeClass;
        foreach (ISymbol member in ctx.TargetSymbol.ContainingType.GetMembers())
        {
            if (member is IPropertySymbol && member.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
            {
                return SymbolEqualityComparer.Default.Equals(member, ctx.TargetSymbol);
            }
        }

        return false;
    }
}
