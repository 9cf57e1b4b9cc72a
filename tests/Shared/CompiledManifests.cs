using Microsoft.CodeAnalysis;
using PodBinding.Shared;

namespace PodBinding.TestSupport;

/// <summary>
/// What the build task reads out of the compiled assembly, read from a compilation instead: the PodBinding
/// <c>AssemblyMetadata</c> attributes (whole files, the volume list) and each bound class's <c>PodBindingTable</c>
/// constant, keyed as the task keys them, ready for <c>ManifestExpansion.Expand</c>.
/// </summary>
internal static class CompiledManifests
{
    public static List<KeyValuePair<string, string?>> Read(Compilation compilation)
    {
        var result = new List<KeyValuePair<string, string?>>();
        foreach (AttributeData attribute in compilation.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Reflection.AssemblyMetadataAttribute"
                && attribute.ConstructorArguments is [{ Value: string key }, { Value: string value }])
            {
                result.Add(new KeyValuePair<string, string?>(key, value));
            }
        }

        AddTables(compilation.Assembly.GlobalNamespace, result);
        return result;
    }

    private static void AddTables(INamespaceOrTypeSymbol container, List<KeyValuePair<string, string?>> result)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceOrTypeSymbol nested)
            {
                AddTables(nested, result);
            }

            if (member is INamedTypeSymbol type
                && type.AllInterfaces.Any(IsBindingInterface)
                && type.GetMembers(ManifestContract.TableField).OfType<IFieldSymbol>().FirstOrDefault() is { IsConst: true, ConstantValue: string table })
            {
                result.Add(new KeyValuePair<string, string?>(ManifestContract.TablePrefix + type.ToDisplayString(), table));
            }
        }
    }

    private static bool IsBindingInterface(INamedTypeSymbol type) =>
        type.MetadataName == ManifestContract.BindingInterface
        && type.ContainingNamespace.ToDisplayString() == ManifestContract.BindingInterfaceNamespace;
}
