using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Diagnostics;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// PB0502: user code reads <c>KUBERNETES_SERVICE_HOST</c>/<c>KUBERNETES_SERVICE_PORT</c> through
/// <c>Environment.GetEnvironmentVariable</c>, or opens a file under the service-account folder through System.IO, to
/// talk to the API server by hand. A presence check (<c>… is null</c>, <c>string.IsNullOrEmpty(…)</c>: "am I in a
/// pod?") is not a read and is not reported. Syntax first, like <see cref="RawEnvReadAnalyzer"/>: only calls named
/// GetEnvironmentVariable with one argument, and calls or constructions with a string literal that starts with the
/// folder, are ever bound.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RawApiReadAnalyzer : DiagnosticAnalyzer
{
    private const string HostVariable = "KUBERNETES_SERVICE_HOST";
    private const string PortVariable = "KUBERNETES_SERVICE_PORT";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.RawApiRead);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        ArgumentListSyntax? arguments = context.Node switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList,
            ObjectCreationExpressionSyntax creation => creation.ArgumentList,
            _ => null,
        };
        if (arguments is null || arguments.Arguments.Count == 0)
        {
            return;
        }

        if (context.Node is InvocationExpressionSyntax call && InvokedName(call) == "GetEnvironmentVariable" && arguments.Arguments.Count == 1)
        {
            AnalyzeEnvironmentRead(context, call, arguments.Arguments[0].Expression);
            return;
        }

        foreach (ArgumentSyntax argument in arguments.Arguments)
        {
            if (StartsWithServiceAccountFolder(argument.Expression))
            {
                AnalyzeFileRead(context, argument.Expression);
                return;
            }
        }
    }

    private static void AnalyzeEnvironmentRead(SyntaxNodeAnalysisContext context, InvocationExpressionSyntax call, ExpressionSyntax name)
    {
        if (context.SemanticModel.GetConstantValue(name, context.CancellationToken) is not { HasValue: true, Value: string variable }
            || variable is not (HostVariable or PortVariable)
            || IsPresenceCheck(call)
            || context.SemanticModel.GetSymbolInfo(call, context.CancellationToken).Symbol is not IMethodSymbol { ContainingType: { Name: "Environment", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RawApiRead, call.GetLocation(), variable,
            "the address alone reaches the API server only with the service-account token and CA, which such code must then load and reload itself"));
    }

    private static void AnalyzeFileRead(SyntaxNodeAnalysisContext context, ExpressionSyntax path)
    {
        ISymbol? target = context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol;
        if (target?.ContainingType?.ContainingNamespace is not { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
            || target.Name == "Exists")
        {
            return; // a string that merely names the folder (configuration, a log line) is not a read, File.Exists a presence check
        }

        string shown = context.SemanticModel.GetConstantValue(path, context.CancellationToken) is { HasValue: true, Value: string text } ? text : KubernetesApiContract.ServiceAccountDirectory;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RawApiRead, context.Node.GetLocation(), "The service-account file " + shown,
            "the kubelet rewrites token, ca.crt and namespace together on rotation (the token about every 48 minutes), so a copy read once goes stale"));
    }

    private static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>A literal, interpolation or concatenation whose text starts with the service-account folder.</summary>
    private static bool StartsWithServiceAccountFolder(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.StringLiteralExpression)
            && literal.Token.ValueText.StartsWith(KubernetesApiContract.ServiceAccountDirectory, StringComparison.Ordinal),
        InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.Count > 0
            && interpolated.Contents[0] is InterpolatedStringTextSyntax text
            && text.TextToken.ValueText.StartsWith(KubernetesApiContract.ServiceAccountDirectory, StringComparison.Ordinal),
        BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.AddExpression) && StartsWithServiceAccountFolder(binary.Left),
        ParenthesizedExpressionSyntax parenthesized => StartsWithServiceAccountFolder(parenthesized.Expression),
        _ => false,
    };

    /// <summary><c>x is null</c>, <c>x is not null</c>, <c>x == null</c>, <c>x != null</c>, <c>string.IsNullOrEmpty(x)</c>, <c>string.IsNullOrWhiteSpace(x)</c>.</summary>
    private static bool IsPresenceCheck(ExpressionSyntax read)
    {
        SyntaxNode node = read;
        while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            node = parenthesized;
        }

        return node.Parent switch
        {
            IsPatternExpressionSyntax { Pattern: var pattern } => IsNullPattern(pattern),
            BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression) =>
                IsNullLiteral(binary.Left == node ? binary.Right : binary.Left),
            ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax check } } =>
                InvokedName(check) is "IsNullOrEmpty" or "IsNullOrWhiteSpace",
            _ => false,
        };
    }

    private static bool IsNullPattern(PatternSyntax pattern) => pattern switch
    {
        ConstantPatternSyntax constant => IsNullLiteral(constant.Expression),
        UnaryPatternSyntax { Pattern: var inner } unary => unary.IsKind(SyntaxKind.NotPattern) && IsNullPattern(inner),
        _ => false,
    };

    private static bool IsNullLiteral(ExpressionSyntax expression) => expression.IsKind(SyntaxKind.NullLiteralExpression);
}
