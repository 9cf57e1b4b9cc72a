using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// At a call to <c>AddPodBindingDetector&lt;TPod&gt;()</c> (package PodBinding.OpenTelemetry):
/// PB0400 names the fields the detector reads that <c>TPod</c> does not bind, so their attributes would be missing;
/// PB0401 notes each label or annotation opted in with <c>LabelKeys.Add</c>/<c>AnnotationKeys.Add</c> that the class
/// reads from the downward API volume, where it changes while the pod runs, while the resource keeps its start-up value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OpenTelemetryDetectorAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Keys of <see cref="Diagnostic.Properties"/> read by the code fix.</summary>
    internal static class Keys
    {
        /// <summary>The bound class, by metadata name.</summary>
        public const string BoundType = "BoundType";

        /// <summary>The missing fields as <c>fieldPath=Member:Type</c>, separated by <c>;</c>.</summary>
        public const string Missing = "Missing";
    }

    private const string ExtensionsType = "PodBinding.OpenTelemetry.PodBindingResourceBuilderExtensions";
    private const string OptionsType = "PodBinding.OpenTelemetry.PodBindingResourceOptions";
    private const string MethodName = "AddPodBindingDetector";

    /// <summary>The fields the detector turns into attributes, with the attribute, and the member a fix declares.</summary>
    private static readonly (string FieldPath, string Attribute, string Member, string Type)[] Needed =
    [
        (DownwardFieldPaths.Name, "k8s.pod.name", "Name", "string"),
        (DownwardFieldPaths.Namespace, "k8s.namespace.name", "Namespace", "string"),
        (DownwardFieldPaths.Uid, "k8s.pod.uid", "Uid", "global::System.Guid"),
        (DownwardFieldPaths.NodeName, "k8s.node.name", "NodeName", "string"),
    ];

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DetectorMissingFields, DiagnosticDescriptors.DetectorLabelFixedAtStart);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Without the package there is no call to look at: nothing is registered.
            if (start.Compilation.GetTypeByMetadataName(ExtensionsType) is not { } extensions
                || start.Compilation.GetTypeByMetadataName(PodBinding.Shared.AttributeContract.FromDownwardAttribute) is not { } attribute)
            {
                return;
            }

            INamedTypeSymbol? options = start.Compilation.GetTypeByMetadataName(OptionsType);
            GeneratorOptions settings = GeneratorOptions.From(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions, start.Compilation.AssemblyName);
            start.RegisterSyntaxNodeAction(
                ctx =>
                {
                    // Only calls spelled AddPodBindingDetector<…> are bound.
                    if (ctx.Node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: MethodName } name } } call
                        && ctx.SemanticModel.GetOperation(call, ctx.CancellationToken) is IInvocationOperation invocation
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, extensions)
                        && invocation.TargetMethod.TypeArguments.Length == 1 && invocation.TargetMethod.TypeArguments[0] is INamedTypeSymbol pod
                        && name.TypeArgumentList.Arguments.Count == 1)
                    {
                        Analyze(ctx, invocation, pod, name.TypeArgumentList.Arguments[0].GetLocation(), attribute, options, settings);
                    }
                },
                SyntaxKind.InvocationExpression);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext ctx, IInvocationOperation invocation, INamedTypeSymbol pod, Location at, INamedTypeSymbol attribute, INamedTypeSymbol? options, GeneratorOptions settings)
    {
        // The class as the generator plans it: the same members, paths and channels its DownwardApi will describe.
        if (!PodBindingGenerator.Parser.IsSupportedTarget(pod, ctx.CancellationToken)
            || PodBindingGenerator.Parser.ReadSpec(pod, attribute, ctx.CancellationToken) is not { Members.Count: > 0 } spec)
        {
            return;
        }

        BindingPlan plan = BindingPlanner.Plan(spec, settings);
        var missing = Needed.Where(n => !plan.Members.Any(m => m.FieldPath == n.FieldPath)).ToArray();
        if (missing.Length > 0)
        {
            string fields = string.Join(", ", missing.Select(m => m.FieldPath));
            string attributes = string.Join(", ", missing.Select(m => m.Attribute));
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(Keys.BoundType, plan.FullName)
                .Add(Keys.Missing, string.Join(";", missing.Select(m => $"{m.FieldPath}={FreeName(pod, m.Member)}:{m.Type}")));
            ctx.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.DetectorMissingFields,
                at,
                properties,
                pod.Name,
                fields,
                attributes));
        }

        if (options is null)
        {
            return;
        }

        foreach (IOperation operation in invocation.Arguments.SelectMany(static a => a.Value.DescendantsAndSelf()))
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Add", Instance: IPropertyReferenceOperation { Property: var keys } } add
                && SymbolEqualityComparer.Default.Equals(keys.ContainingType, options)
                && keys.Name is "LabelKeys" or "AnnotationKeys"
                && add.Arguments.Length == 1 && add.Arguments[0].Value is var argument
                && argument.ConstantValue is { HasValue: true, Value: string key })
            {
                string map = keys.Name == "LabelKeys" ? DownwardFieldPaths.Labels : DownwardFieldPaths.Annotations;
                string kind = keys.Name == "LabelKeys" ? "label" : "annotation";
                PlannedMember? live = plan.Members.FirstOrDefault(m => m.IsVolume && (m.FieldPath == map || m.FieldPath == $"{map}['{key}']"));
                if (live is not null)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.DetectorLabelFixedAtStart,
                        argument.Syntax.GetLocation(),
                        $"{pod.Name}.{live.MemberName}",
                        kind,
                        key));
                }
            }
        }
    }

    /// <summary>The member name a fix would add: <paramref name="stem"/>, numbered when the class already uses it.</summary>
    private static string FreeName(INamedTypeSymbol type, string stem)
    {
        string candidate = stem;
        for (int i = 2; !type.GetMembers(candidate).IsEmpty || candidate == type.Name; i++)
        {
            candidate = stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
