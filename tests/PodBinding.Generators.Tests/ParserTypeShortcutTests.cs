using Microsoft.CodeAnalysis;
using PodBinding.Generators.Model;
using PodBinding.Generators.Tests.Helpers;

namespace PodBinding.Generators.Tests;

/// <summary>
/// The parser reads a keyword-typed property's kind, nullability and display from its syntax instead of binding the
/// property's signature (the largest per-keystroke cost it adds to Roslyn's attribute lookup). These tests hold it to
/// exactly what binding gives, on every spelling, in enabled and disabled nullable contexts.
/// </summary>
public sealed class ParserTypeShortcutTests
{
    private const string Members = """
            public string A { get; init; } = "";
            public string? B { get; init; }
            public int C { get; init; }
            public int? D { get; init; }
            public long E { get; init; }
            public long? F { get; init; }
            public decimal G { get; init; }
            public decimal? H { get; init; }
            public System.String I { get; init; } = "";
            public String J { get; init; } = "";
            public System.Int32 K { get; init; }
            public System.Nullable<long> L { get; init; }
            public bool M { get; init; }
            public double? N { get; init; }
            public object O { get; init; } = new();
            public System.Guid P { get; init; }
        """;

    [Theory]
    [InlineData("enable")]
    [InlineData("disable")]
    [InlineData("enable annotations")]
    public void KeywordTypes_ReadFromSyntax_MatchWhatBindingGives(string nullableContext)
    {
        string source = $"#nullable {nullableContext}\nusing System;\nnamespace N;\npublic sealed class C\n{{\n{Members}\n}}\n";
        Compilation compilation = TestCompilation.Create(source);
        INamedTypeSymbol type = compilation.GetTypeByMetadataName("N.C")!;
        IPropertySymbol[] properties = type.GetMembers().OfType<IPropertySymbol>().ToArray();
        Assert.Equal(16, properties.Length);

        var shortcut = new List<string>();
        foreach (IPropertySymbol property in properties)
        {
            ClrKind kind = PodBindingGenerator.Parser.Classify(property.Type, out bool nullable);
            string display = property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            if (PodBindingGenerator.Parser.PredefinedType(property) is { } read)
            {
                shortcut.Add(property.Name);
                Assert.Equal((kind, nullable, display), (read.Kind, read.Nullable, read.Display));
            }
        }

        // Only the keyword spellings of the four supported keyword types take the shortcut; everything else is bound.
        Assert.Equal(new[] { "A", "B", "C", "D", "E", "F", "G", "H" }, shortcut);
    }

    [Fact]
    public void SpecOfSampleShapedClass_IsTheSameWithAndWithoutTheShortcut()
    {
        // The whole spec, as the analyzers and the generator read it, against one built by binding every member's type.
        Compilation compilation = TestCompilation.Create(Sources.OrdersDeployment);
        INamedTypeSymbol attribute = compilation.GetTypeByMetadataName("PodBinding.FromDownwardAttribute")!;
        INamedTypeSymbol type = compilation.GetSymbolsWithName("PodInfo", SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
        BindingSpec spec = PodBindingGenerator.Parser.ReadSpec(type, attribute, CancellationToken.None)!;
        Assert.True(spec.Members.Count >= 5);

        var bound = type.GetMembers().OfType<IPropertySymbol>()
            .Where(p => PodBindingGenerator.Parser.FindAttribute(p, attribute) is not null)
            .Select(p => (p.Name, Kind: PodBindingGenerator.Parser.Classify(p.Type, out bool nullable), nullable, p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))
            .ToArray();
        Assert.Equal(bound, spec.Members.Select(m => (m.Name, m.Kind, m.IsNullable, m.TypeDisplay)).ToArray());
        Assert.Contains(spec.Members, m => m.Kind == ClrKind.String);
    }
}
