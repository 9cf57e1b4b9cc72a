using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PodBinding.Generators.Emit;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;
using PodBinding.Shared;

namespace PodBinding.Generators;

public sealed partial class PodBindingGenerator
{
    /// <summary>
    /// The <c>[FromApi]</c> pipeline, apart from the downward one so its outputs never disturb the downward snapshots:
    /// per class <c>&lt;Class&gt;.PodBindingApi.g.cs</c> (only when PodBinding.Kubernetes is referenced: the code
    /// implements its interface), and per workload the RBAC files, which the API Components list.
    /// </summary>
    private static IncrementalValueProvider<EquatableArray<ApiRbacFile>> InitializeApiFacts(
        IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<BindingPlan> plans)
    {
        IncrementalValueProvider<bool> kubernetesReferenced = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(AttributeContract.KubernetesFacts.BindingInterface) is not null)
            .WithTrackingName(TrackingNames.ApiReference);

        IncrementalValuesProvider<ApiFactsSpec> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeContract.FromApiAttribute,
                predicate: static (node, _) => node is PropertyDeclarationSyntax,
                transform: static (ctx, ct) => ApiFactsParser.Parse(ctx, ct))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ApiParse);

        context.RegisterSourceOutput(specs.Combine(kubernetesReferenced), static (spc, input) =>
        {
            if (input.Right)
            {
                spc.AddSource(input.Left.FullName + ".PodBindingApi.g.cs", ApiFactsEmitter.Emit(input.Left));
            }
        });

        IncrementalValueProvider<ImmutableArray<ApiNeed>> needs = specs
            .Select(static (spec, _) => ApiFactsPlanner.NeedOf(spec))
            .Where(static need => need is not null)
            .Select(static (need, _) => need!)
            .Collect();

        IncrementalValueProvider<ImmutableArray<ApiAccount>> accounts = plans
            .Where(static plan => plan.HasApi && plan.WorkloadName is not null)
            .Select(static (plan, _) => new ApiAccount(plan.WorkloadKind, plan.WorkloadName!, plan.Api!.ServiceAccountName, plan.Api.Modes))
            .Collect();

        IncrementalValueProvider<EquatableArray<ApiRbacFile>> rbac = needs
            .Combine(accounts)
            .Select(static (input, _) => new EquatableArray<ApiRbacFile>(ApiRbacEmitter.Files(input.Left, input.Right).ToArray()))
            .WithTrackingName(TrackingNames.ApiRbac);

        context.RegisterSourceOutput(rbac, static (spc, files) =>
        {
            if (files.Count > 0)
            {
                spc.AddSource("PodBinding.KubernetesApi.Rbac.g.cs", ManifestAttributeEmitter.Emit(ApiRbacEmitter.Manifests(files.ToList())));
            }
        });

        return rbac;
    }
}
