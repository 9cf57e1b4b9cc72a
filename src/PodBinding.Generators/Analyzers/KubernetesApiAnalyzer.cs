using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Manifests;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;
using Parser = PodBinding.Generators.PodBindingGenerator.Parser;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// The project-level and declaration rules of the API-server YAML: PB0106 (a malformed PodBindingKubernetesVersion),
/// PB0500 (a <c>[KubernetesApi]</c> the generator cannot write, from the same <see cref="ApiPlanner"/>) and PB0501
/// (InCluster declared while one of the project's own manifests turns the token off for that workload).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KubernetesApiAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidKubernetesVersion,
        DiagnosticDescriptors.InvalidApiDeclaration,
        DiagnosticDescriptors.TokenNotMounted);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AttributeContract.FromDownwardAttribute) is not { } fromDownward)
            {
                return; // PodBinding is not referenced
            }

            GeneratorOptions options = GeneratorOptions.From(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions, start.Compilation.AssemblyName);
            if (options.KubernetesVersionText is { } written)
            {
                // A project setting has no source location: reported once, at the end of the compilation.
                start.RegisterCompilationEndAction(end => end.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidKubernetesVersion, Location.None, written, KubernetesVersions.AcceptedForm, KubernetesVersions.Default.ToString())));
            }

            if (start.Compilation.GetTypeByMetadataName(AttributeContract.KubernetesApiAttribute) is not { } apiAttribute)
            {
                return;
            }

            // Text first, as for [FromDownward]: only types declared in files that mention KubernetesApi are looked at,
            // with one symbol action (a syntax-node action on every attribute made the driver visit every node of every
            // file: the most expensive PodBinding analyzer in a 2,000-file build).
            HashSet<SyntaxTree>? candidates = BoundClasses.CandidateTrees(start.Compilation, ApiWord, start.CancellationToken);
            if (candidates is { Count: 0 })
            {
                return;
            }

            ManifestIndex manifests = ManifestIndex.Create(start.Options, start.TryGetValue, start.CancellationToken);
            start.RegisterSymbolAction(
                ctx =>
                {
                    var type = (INamedTypeSymbol)ctx.Symbol;
                    if (type.TypeKind != TypeKind.Class || !BoundClasses.IsCandidate(type, candidates))
                    {
                        return;
                    }

                    foreach (AttributeData attribute in type.GetAttributes())
                    {
                        if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, apiAttribute)
                            && attribute.ApplicationSyntaxReference?.GetSyntax(ctx.CancellationToken) is AttributeSyntax syntax)
                        {
                            Analyze(ctx.ReportDiagnostic, type, attribute, syntax, fromDownward, options, manifests);
                        }
                    }
                },
                SymbolKind.NamedType);
        });
    }

    private const string ApiWord = "KubernetesApi";

    private static void Analyze(System.Action<Diagnostic> report, INamedTypeSymbol type, AttributeData attribute, AttributeSyntax syntax,
        INamedTypeSymbol fromDownward, GeneratorOptions options, ManifestIndex manifests)
    {
        if (!Parser.HasBoundProperty(type, fromDownward))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.InvalidApiDeclaration, syntax.Name.GetLocation(), type.Name,
                "the class has no [FromDownward] property, so PodBinding generates nothing for it; put [KubernetesApi] on the class that binds the pod's values and names its workload in [DownwardBinding]"));
            return;
        }

        ClassSettings settings = Parser.ReadSettings(type);
        ApiSettings api = Parser.ReadKubernetesApi(attribute);
        var problems = new List<ApiProblem>();
        ApiPlan? plan = ApiPlanner.Plan(api, settings, options, problems);
        foreach (ApiProblem problem in problems)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.InvalidApiDeclaration, Locate(syntax, problem.Argument, problem.ModeIndex, type), type.Name, problem.Message));
        }

        int inCluster = IndexOf(api.Modes, AttributeContract.KubernetesApiMode.InCluster);
        if (plan is null || inCluster < 0 || WorkloadKinds.FromValue(settings.WorkloadKind) is not { } kind)
        {
            return;
        }

        string workload = WorkloadKinds.Key(kind.Kind, settings.WorkloadName);
        foreach (ManifestFile file in manifests.Files)
        {
            if (file.Text.IsGenerated)
            {
                continue; // the ambassador Component turns the app's token off on purpose
            }

            foreach (PodSpecEntry spec in file.Text.PodSpecs)
            {
                if (spec.NoTokenLine >= 0 && spec.Workload == workload)
                {
                    report(Diagnostic.Create(DiagnosticDescriptors.TokenNotMounted, Locate(syntax, AttributeContract.KubernetesApi.Modes, inCluster, type),
                        type.Name, file.DisplayPath + ":" + (spec.NoTokenLine + 1), workload));
                }
            }
        }
    }

    private static int IndexOf(EquatableArray<int> modes, int mode)
    {
        for (int i = 0; i < modes.Count; i++)
        {
            if (modes[i] == mode)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The mode at <paramref name="modeIndex"/> (positional arguments are the params array), a named argument, the
    /// <c>[DownwardBinding]</c> argument for the workload, else the attribute's name.
    /// </summary>
    private static Location Locate(AttributeSyntax syntax, string argument, int modeIndex, INamedTypeSymbol type)
    {
        if (syntax.ArgumentList is { } list)
        {
            int positional = 0;
            foreach (AttributeArgumentSyntax candidate in list.Arguments)
            {
                if (candidate.NameEquals is null)
                {
                    if (argument == AttributeContract.KubernetesApi.Modes && positional++ == modeIndex)
                    {
                        return candidate.GetLocation();
                    }
                }
                else if (candidate.NameEquals.Name.Identifier.ValueText == argument)
                {
                    return candidate.GetLocation();
                }
            }
        }

        if (argument == AttributeContract.DownwardBinding.WorkloadName)
        {
            foreach (AttributeData data in type.GetAttributes())
            {
                if (data.AttributeClass?.Name == AttributeContract.DownwardBindingAttributeName
                    && data.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax binding)
                {
                    return (FindingLocator.Argument(binding, AttributeContract.DownwardBinding.WorkloadName)
                        ?? FindingLocator.Argument(binding, AttributeContract.DownwardBinding.WorkloadKind))?.GetLocation()
                        ?? binding.Name.GetLocation();
                }
            }
        }

        return syntax.Name.GetLocation();
    }
}
