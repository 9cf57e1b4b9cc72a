using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Diagnostics;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// PB0503: <c>SkipTlsVerify = true</c> on KubernetesClient's <c>KubernetesClientConfiguration</c>, in an object
/// initializer or an assignment. Syntax first: only assignments to a member named SkipTlsVerify whose value is not the
/// literal <c>false</c> are bound.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SkipTlsVerifyAnalyzer : DiagnosticAnalyzer
{
    public const string ConfigurationType = "k8s.KubernetesClientConfiguration";
    public const string Property = "SkipTlsVerify";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.SkipTlsVerify);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(ConfigurationType) is not { } configuration)
            {
                return; // no KubernetesClient in this project
            }

            start.RegisterSyntaxNodeAction(ctx => Analyze(ctx, configuration), SyntaxKind.SimpleAssignmentExpression);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol configuration)
    {
        var assignment = (AssignmentExpressionSyntax)context.Node;
        string? name = assignment.Left switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };
        if (name != Property || assignment.Right.IsKind(SyntaxKind.FalseLiteralExpression)
            || context.SemanticModel.GetSymbolInfo(assignment.Left, context.CancellationToken).Symbol is not IPropertySymbol property
            || !SymbolEqualityComparer.Default.Equals(property.ContainingType, configuration))
        {
            return;
        }

        // A computed value (a flag from configuration) is reported too: it can turn verification off in production.
        if (context.SemanticModel.GetConstantValue(assignment.Right, context.CancellationToken) is { HasValue: true, Value: false })
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SkipTlsVerify, assignment.GetLocation(), configuration.Name,
            "in a pod, PodBinding.Kubernetes' KubernetesConnection checks against the service-account ca.crt and follows its rotation; on a laptop, kubectl proxy or the kubeconfig's certificate-authority-data"));
    }
}
