using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Emit;
using PodBinding.Generators.Manifests;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// PB0509–PB0511: the RBAC in the project's own manifests against what the <c>[FromApi]</c> reader requests
/// (<see cref="ApiAccessContract"/>), evaluated with kube-apiserver's rules (<see cref="RbacRuleMatch"/>,
/// <see cref="ProjectRbac"/>) for the ServiceAccount the pod runs as: the one <c>[KubernetesApi]</c> sets, else the
/// workload's <c>serviceAccountName</c> in the project's manifests, else <c>default</c>.
/// <list type="bullet">
/// <item>PB0509 (Warning): a request is denied: missing verb or resource, resourceNames without the name, a Role for
/// nodes, a binding to another subject or namespace.</item>
/// <item>PB0510 (Info): hand-written rules grant more on the reader's resources than it uses.</item>
/// <item>PB0511 (Info): the workload is in the project's manifests and nothing grants any of the requests.</item>
/// </list>
/// When PodBinding generates the workload's RBAC itself (<c>[KubernetesApi]</c>), or a generated RBAC file of the workload
/// is committed, the denied and missing cases are PB0300's (drift of that file) and not reported here. Hand-written
/// files are never changed: the messages carry the YAML to add.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ApiRbacAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.RbacNarrower, DiagnosticDescriptors.RbacWider, DiagnosticDescriptors.RbacMissing);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AttributeContract.FromApiAttribute) is not { } fromApi
                || !ApiFactsClasses.MayExist(start.Compilation, start.CancellationToken))
            {
                return; // no reader, no requests: nothing to compare the project's RBAC with
            }

            // The shared, per-text cached parse the other manifest analyzers use; nothing to compare without YAML.
            ManifestIndex index = ManifestIndex.Create(start.Options, start.TryGetValue, start.CancellationToken);
            ProjectRbac rbac = ProjectRbac.Read(index);
            bool workloads = index.Files.Any(static f => !f.Text.IsGenerated && f.Text.PodSpecs.Any(static s => s.Workload is not null));
            if (!workloads && !rbac.HasHandWritten)
            {
                return; // no workload of the user's and no RBAC of the user's: nothing can be narrower, wider or missing
            }

            Compilation compilation = start.Compilation;
            GeneratorOptions options = GeneratorOptions.From(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions, compilation.AssemblyName);
            var findings = new Once<Dictionary<string, List<Finding>>>(ct => Evaluate(compilation, fromApi, options, index, rbac, ct));
            start.RegisterSymbolAction(
                ctx =>
                {
                    var type = (INamedTypeSymbol)ctx.Symbol;
                    if (type.TypeKind != TypeKind.Class)
                    {
                        return;
                    }

                    Dictionary<string, List<Finding>> all = findings.Get(ctx.CancellationToken);
                    if (all.Count > 0 && all.TryGetValue(FullName(type), out List<Finding>? found))
                    {
                        foreach (Finding finding in found)
                        {
                            ctx.ReportDiagnostic(Diagnostic.Create(finding.Descriptor, type.Locations[0], finding.Args));
                        }
                    }
                },
                SymbolKind.NamedType);
        });
    }

    private static string FullName(INamedTypeSymbol type) =>
        type.ContainingNamespace.IsGlobalNamespace ? type.Name : type.ContainingNamespace.ToDisplayString() + "." + type.Name;

    /// <summary>A diagnostic before it has a location: the symbol action adds the class's.</summary>
    private sealed record Finding(DiagnosticDescriptor Descriptor, string[] Args)
    {
        public Finding(DiagnosticDescriptor descriptor, string a0, string a1, string a2)
            : this(descriptor, new[] { a0, a1, a2 })
        {
        }

        public Finding(DiagnosticDescriptor descriptor, string a0, string a1, string a2, string a3)
            : this(descriptor, new[] { a0, a1, a2, a3 })
        {
        }
    }

    /// <summary>Class full name → its findings. Only trees that mention FromApi are walked (<see cref="ApiFactsClasses"/>).</summary>
    private static Dictionary<string, List<Finding>> Evaluate(Compilation compilation, INamedTypeSymbol fromApi, GeneratorOptions options, ManifestIndex index, ProjectRbac rbac, CancellationToken ct)
    {
        var result = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        var needs = new List<ApiNeed>();
        foreach (ApiFactsSpec spec in ApiFactsClasses.Find(compilation, fromApi, ct))
        {
            if (ApiFactsPlanner.NeedOf(spec) is { } need)
            {
                needs.Add(need);
            }
        }

        if (needs.Count == 0)
        {
            return result;
        }

        // The accounts [KubernetesApi] gives each workload (the generator's own plans, shared with the other analyzers).
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (compilation.GetTypeByMetadataName(AttributeContract.FromDownwardAttribute) is { } fromDownward)
        {
            foreach (BoundClass bound in BindingIndex.For(compilation, fromDownward, options).Classes(ct))
            {
                if (bound.Plan.HasApi && bound.Plan.WorkloadName is not null && WorkloadKinds.Key(bound.Plan.WorkloadKind, bound.Plan.WorkloadName) is { } key)
                {
                    string account = bound.Plan.Api!.ServiceAccountName;
                    if (!accounts.TryGetValue(key, out string? earlier) || string.CompareOrdinal(account, earlier) < 0)
                    {
                        accounts[key] = account; // the emitter's choice when two classes disagree
                    }
                }
            }
        }

        foreach (IGrouping<string, ApiNeed> workload in needs.GroupBy(static n => WorkloadKinds.Key(n.WorkloadKind, n.WorkloadName)!).OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            ApiNeed first = workload.First();
            string kind = WorkloadKinds.FromValue(first.WorkloadKind)!.Kind;
            string name = first.WorkloadName;
            string fileName = ApiRbacEmitter.FileName(first.WorkloadKind, name);

            List<PodSpecEntry> specs = index.Files.Where(static f => !f.Text.IsGenerated)
                .SelectMany(f => f.Text.PodSpecs).Where(s => s.Workload == workload.Key).ToList();
            bool generatedAccount = accounts.TryGetValue(workload.Key, out string? account);
            account ??= specs.Select(static s => s.ServiceAccount).FirstOrDefault(static a => a is not null) ?? "default";
            if (!generatedAccount && specs.Count == 0)
            {
                continue; // neither [KubernetesApi] nor the project's manifests say which ServiceAccount the pod runs as
            }

            string? ns = specs.Select(static s => s.Namespace).FirstOrDefault(static n => n is not null);
            bool generatedFile = index.Files.Any(f => f.Text.IsGenerated && f.Text.Rbac.Length > 0
                && f.File.Path.Replace('\\', '/').EndsWith("/" + fileName, StringComparison.OrdinalIgnoreCase));
            ProjectRbac.Grants grants = rbac.For(account, ns);

            // PB0510 once per workload, on its first class, against the union of its classes' needs.
            int union = workload.Aggregate(0, static (kinds, n) => kinds | n.Kinds);
            List<ApiAccessContract.Rule> unionRules = ApiAccessContract.Rules(union, kind);
            List<string> excess = ProjectRbac.Excess(grants, unionRules, name);
            string firstClass = workload.Select(static n => n.Owner).OrderBy(static o => o, StringComparer.Ordinal).First();
            if (excess.Count > 0)
            {
                Add(result, firstClass, new Finding(DiagnosticDescriptors.RbacWider, kind + " " + name, account, string.Join("; ", excess)));
            }

            if (generatedAccount || generatedFile || grants.Unknown is not null || specs.Count == 0)
            {
                continue; // PodBinding's own RBAC (PB0300 keeps it current), or rules the project's YAML doesn't show
            }

            foreach (ApiNeed need in workload.OrderBy(static n => n.Owner, StringComparer.Ordinal))
            {
                List<ApiAccessContract.Rule> rules = ApiAccessContract.Rules(need.Kinds, kind);
                List<ProjectRbac.Request> requests = ProjectRbac.Requests(rules, kind, name);
                List<ProjectRbac.Request> denied = requests.Where(r => !ProjectRbac.Allows(grants, r)).ToList();
                if (denied.Count == 0)
                {
                    continue;
                }

                List<ApiAccessContract.Rule> toAdd = rules.Where(r => denied.Any(d => d.Rule == r)).ToList();
                string yaml = ProjectRbac.RulesToAdd(toAdd, name, account);
                if (denied.Count == requests.Count && !requests.Any(rbac.Mentions))
                {
                    Add(result, need.Owner, new Finding(DiagnosticDescriptors.RbacMissing, need.Owner, account, kind + " " + name, yaml));
                    continue;
                }

                string why = string.Join("; ", denied.Select(d => d + ": " + rbac.WhyDenied(d, grants, account)));
                Add(result, need.Owner, new Finding(DiagnosticDescriptors.RbacNarrower, need.Owner, account, why, yaml));
            }
        }

        return result;
    }

    private static void Add(Dictionary<string, List<Finding>> result, string owner, Finding finding)
    {
        if (!result.TryGetValue(owner, out List<Finding>? list))
        {
            result[owner] = list = new List<Finding>();
        }

        list.Add(finding);
    }
}
