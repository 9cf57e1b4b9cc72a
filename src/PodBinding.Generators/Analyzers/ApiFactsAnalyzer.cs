using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// PB0504–PB0508 for <c>[FromApi]</c> members and <c>[ApiPeers]</c>: judged with the same catalog and planner the
/// generator maps with (<see cref="ApiFactsPlanner"/>), so what is reported is exactly what is skipped. Symbol actions
/// only, and nothing at all in a compilation without the attribute.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ApiFactsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ApiFactFromDownward, DiagnosticDescriptors.UnknownApiFact, DiagnosticDescriptors.WrongApiFactType,
        DiagnosticDescriptors.InvalidPeerSelector, DiagnosticDescriptors.KubernetesPackageMissing, DiagnosticDescriptors.NoSetter,
        DiagnosticDescriptors.NotPartial, DiagnosticDescriptors.UnsupportedTarget);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AttributeContract.FromApiAttribute) is not { } fromApi)
            {
                return;
            }

            bool kubernetes = start.Compilation.GetTypeByMetadataName(AttributeContract.KubernetesFacts.BindingInterface) is not null;
            INamedTypeSymbol? peers = start.Compilation.GetTypeByMetadataName(AttributeContract.ApiPeersAttribute);
            INamedTypeSymbol? fromDownward = start.Compilation.GetTypeByMetadataName(AttributeContract.FromDownwardAttribute);
            start.RegisterSymbolAction(ctx => AnalyzeProperty(ctx, fromApi), SymbolKind.Property);
            start.RegisterSymbolAction(ctx => AnalyzeClass(ctx, fromApi, fromDownward, peers, kubernetes), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeProperty(SymbolAnalysisContext context, INamedTypeSymbol fromApi)
    {
        var property = (IPropertySymbol)context.Symbol;
        if (PodBindingGenerator.Parser.FindAttribute(property, fromApi) is not { } attribute)
        {
            return;
        }

        string path = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string p ? p : "";
        string type = ApiFactsParser.CatalogType(property.Type, out bool nullable);
        var member = new ApiMemberSpec(property.Name, type, nullable, property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            path, property.SetMethod is not null, property.IsRequired);
        ApiMemberResolution resolved = ApiFactsPlanner.Resolve(member);
        Location where = PathLocation(attribute, context.CancellationToken) ?? property.Locations[0];
        switch (resolved.Problem)
        {
            case ApiMemberProblem.DownwardGives:
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ApiFactFromDownward,
                    where,
                    ImmutableDictionary<string, string?>.Empty
                        .Add(DiagnosticProperties.MemberName, property.Name)
                        .Add(DiagnosticProperties.DownwardPath, resolved.DownwardPath),
                    property.Name, path, resolved.DownwardPath));
                break;
            case ApiMemberProblem.UnknownPath:
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownApiFact, where, property.Name, resolved.Message));
                break;
            case ApiMemberProblem.WrongType:
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WrongApiFactType, TypeLocation(property, context.CancellationToken) ?? where, property.Name, resolved.Message));
                break;
            case ApiMemberProblem.NoSetter:
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoSetter, property.Locations[0], property.Name));
                break;
        }
    }

    private static void AnalyzeClass(SymbolAnalysisContext context, INamedTypeSymbol fromApi, INamedTypeSymbol? fromDownward, INamedTypeSymbol? peers, bool kubernetes)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind != TypeKind.Class || !HasMember(type, fromApi))
        {
            return;
        }

        // The generator skips a class it cannot extend (ApiFactsParser asks the same Parser rules); say why, unless the
        // class also binds [FromDownward] members, whose analyzer already reports its shape.
        if (fromDownward is null || !HasMember(type, fromDownward))
        {
            if (PodBindingGenerator.Parser.FirstNonPartialDeclaration(type, context.CancellationToken) is { } nonPartial)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotPartial, nonPartial.Identifier.GetLocation(), type.Name, "FromApiFacts() and ApiRequest"));
            }

            if (PodBindingGenerator.Parser.GetShapeProblems(type) is var problems && problems != TargetProblems.None)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedTarget, type.Locations[0], type.Name, TargetMessages.Describe(type, problems)));
            }
        }

        if (!kubernetes)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KubernetesPackageMissing, type.Locations[0], type.Name));
        }

        if (peers is null)
        {
            return;
        }

        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, peers))
            {
                continue;
            }

            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == AttributeContract.ApiPeers.Selector && named.Value.Value is string selector
                    && !LabelSelectorSyntax.IsValid(selector, out string error))
                {
                    Location where = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? type.Locations[0];
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidPeerSelector, where, selector, type.Name, error));
                }
            }
        }
    }

    private static bool HasMember(INamedTypeSymbol type, INamedTypeSymbol attribute)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IPropertySymbol && PodBindingGenerator.Parser.FindAttribute(member, attribute) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static Location? PathLocation(AttributeData attribute, System.Threading.CancellationToken ct) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(ct) is AttributeSyntax { ArgumentList.Arguments: { Count: > 0 } arguments }
            ? arguments[0].GetLocation()
            : attribute.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation();

    private static Location? TypeLocation(IPropertySymbol property, System.Threading.CancellationToken ct)
    {
        foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(ct) is PropertyDeclarationSyntax declaration)
            {
                return declaration.Type.GetLocation();
            }
        }

        return null;
    }
}
