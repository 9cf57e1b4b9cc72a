using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Diagnostics;
using PodBinding.Generators.Manifests;
using PodBinding.Generators.Model;
using PodBinding.Shared;

namespace PodBinding.Generators.Analyzers;

/// <summary>
/// PB0202: code reads an environment variable by name (<c>Environment.GetEnvironmentVariable</c>,
/// <c>Environment.GetEnvironmentVariables()[…]</c>, <c>IConfiguration[…]</c>, <c>GetValue&lt;T&gt;(…)</c>,
/// <c>GetSection(…).Value</c>) that one of the project's manifests sets from a label, an annotation or a resizable
/// resource. The kubelet computes env values when the container starts (kubernetes/kubernetes pkg/kubelet/kubelet_pods.go, makeEnvironmentVariables), so the read keeps the start-up value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RawEnvReadAnalyzer : DiagnosticAnalyzer
{
    private const string ConfigurationNamespace = "Microsoft.Extensions.Configuration.";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.RawEnvRead);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            ManifestIndex index = ManifestIndex.Create(start.Options, start.TryGetValue, start.CancellationToken);
            if (index.HasNoStaleEnv || start.Compilation.GetTypeByMetadataName("System.Environment") is not { } environment)
            {
                return; // the common case: no manifest sets an env var that goes stale, so no read can be
            }

            var symbols = new Symbols(start.Compilation, environment);
            Compilation compilation = start.Compilation;
            INamedTypeSymbol? attribute = compilation.GetTypeByMetadataName(AttributeContract.FromDownwardAttribute);
            GeneratorOptions options = GeneratorOptions.From(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions, compilation.AssemblyName);
            var bound = new Once<Project>(ct =>
            {
                BoundClass[] classes = attribute is null ? Array.Empty<BoundClass>() : BindingIndex.For(compilation, attribute, options).Classes(ct);
                return new Project(classes, classes.Length > 0 && AnyClassMatchesAContainer(classes, index));
            });

            // A syntax prefilter instead of an operation action: an operation action makes Roslyn build the operation
            // tree of every method body (+16 % compile time when no other analyzer needs them, docs/performance.md);
            // only the few shapes that can be such a read are bound here.
            start.RegisterSyntaxNodeAction(
                ctx =>
                {
                    if (Candidate(ctx.Node) is { } node && ctx.SemanticModel.GetOperation(node, ctx.CancellationToken) is { } operation)
                    {
                        Analyze(operation, ctx.ReportDiagnostic, symbols, index, bound, ctx.CancellationToken);
                    }
                },
                SyntaxKind.InvocationExpression,
                SyntaxKind.ElementAccessExpression);
        });
    }

    /// <summary>
    /// The syntax to bind if <paramref name="node"/> can be one of the recognised reads: a call named
    /// GetEnvironmentVariable or GetValue, a one-argument indexer whose argument could be constant, or the <c>.Value</c>
    /// around a call named GetSection (found from the call: member accesses are too many to visit). Null otherwise.
    /// </summary>
    private static SyntaxNode? Candidate(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax invocation => InvokedName(invocation) switch
        {
            "GetEnvironmentVariable" or "GetValue" => invocation,
            "GetSection" when invocation.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } value
                              && value.Expression == invocation => value,
            _ => null,
        },
        ElementAccessExpressionSyntax access when access.ArgumentList.Arguments.Count == 1 && MayBeConstant(access.ArgumentList.Arguments[0].Expression) => access,
        _ => null,
    };

    private static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    private static bool MayBeConstant(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.StringLiteralExpression),
        IdentifierNameSyntax or MemberAccessExpressionSyntax or InterpolatedStringExpressionSyntax => true,
        BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.AddExpression),
        ParenthesizedExpressionSyntax parenthesized => MayBeConstant(parenthesized.Expression),
        _ => false,
    };

    private static void Analyze(IOperation operation, Action<Diagnostic> report, Symbols symbols, ManifestIndex index, Once<Project> bound, System.Threading.CancellationToken ct)
    {
        if (Read(operation, symbols) is not { } read)
        {
            return;
        }

        List<EnvBinding>? candidates = null;
        bool anyStale = false;
        foreach (EnvBinding candidate in read.IgnoreCase ? index.EnvIgnoreCase(read.EnvVar) : index.Env(read.EnvVar))
        {
            (candidates ??= new List<EnvBinding>()).Add(candidate);
            anyStale |= candidate.Entry.IsMutableMetadata || candidate.Entry.IsResizableResource;
        }

        if (candidates is null || !anyStale)
        {
            return; // before asking for the bound classes: most reads name no env var that a manifest sets from a stale field
        }

        Project project = bound.Get(ct);
        BoundClass[] classes = project.Classes;
        if (project.Scoped)
        {
            candidates = Scope(candidates, classes);
        }

        EnvBinding? binding = null;
        foreach (EnvBinding candidate in candidates)
        {
            if (candidate.Entry.IsMutableMetadata || candidate.Entry.IsResizableResource)
            {
                binding = candidate;
                break;
            }
        }

        if (binding is null)
        {
            return;
        }

        EnvEntry entry = binding.Entry;
        string when = entry.IsMutableMetadata
            ? $"when the {(FieldCatalog.IsLabels(entry.FieldPath!) ? "label" : "annotation")} changes"
            : "after an in-place resize (env vars are only recomputed when the container restarts)";

        ImmutableDictionary<string, string?>.Builder properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[DiagnosticProperties.EnvVar] = entry.Name;
        properties[DiagnosticProperties.FieldPath] = entry.FieldPath;
        properties[DiagnosticProperties.Resource] = entry.Resource;
        if (FindMember(classes, entry, binding.Container, read.ResultType) is { } match)
        {
            properties[DiagnosticProperties.BoundType] = match.Type.Plan.FullName;
            properties[DiagnosticProperties.BoundMember] = match.Member.MemberName;
        }
        else if (entry.IsMutableMetadata && read.ResultType is null && classes.Length > 0)
        {
            // No member reads this field from the volume: the fix can add one to a bound class (the first by name).
            BoundClass host = classes[0];
            properties[DiagnosticProperties.HostType] = host.Plan.FullName;
            properties[DiagnosticProperties.NewMember] = NewMemberName(host.Type, entry.Name);
        }

        report(Diagnostic.Create(DiagnosticDescriptors.RawEnvRead, operation.Syntax.GetLocation(), properties.ToImmutable(),
            entry.Name, (entry.FieldPath ?? entry.Resource)!, binding.Describe(), Elsewhere(binding, candidates), when));
    }

    /// <summary>
    /// The entries that can be the env of the code being compiled. With no bound class, every manifest's (the project
    /// says nothing about where it runs). Otherwise only the containers the project's bound classes name, in the
    /// workloads they patch (any workload for a class that names none; a bare pod-spec fragment belongs to no workload
    /// and so to every class): a deploy/ folder holding several services then leaves the other services' env alone.
    /// When no bound class names a container any manifest has (a guessed or mistyped name, reported as PB0009/PB0020),
    /// scoping would hide everything, so every entry counts as before.
    /// </summary>
    private static List<EnvBinding> Scope(List<EnvBinding> everything, BoundClass[] classes)
    {
        var scoped = new List<EnvBinding>(everything.Count);
        foreach (EnvBinding binding in everything)
        {
            foreach (BoundClass bound in classes)
            {
                if (Belongs(binding.Workload, binding.Container, bound.Plan))
                {
                    scoped.Add(binding);
                    break;
                }
            }
        }

        return scoped;
    }

    /// <summary>Whether some bound class names a container of the user's own manifests (PodBinding's files always name it).</summary>
    private static bool AnyClassMatchesAContainer(BoundClass[] classes, ManifestIndex index)
    {
        foreach (ManifestFile file in index.Files)
        {
            if (file.Text.IsGenerated)
            {
                continue;
            }

            foreach (PodSpecEntry spec in file.Text.PodSpecs)
            {
                foreach (ContainerEntry container in spec.Containers)
                {
                    foreach (BoundClass bound in classes)
                    {
                        if (Belongs(spec.Workload, container.Name, bound.Plan))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Whether container <paramref name="container"/> of <paramref name="workload"/> is the one <paramref name="plan"/> binds.</summary>
    private static bool Belongs(string? workload, string container, BindingPlan plan)
    {
        if (container != plan.ContainerName)
        {
            return false;
        }

        return workload is null || !plan.HasPatch || WorkloadKinds.Key(plan.WorkloadKind, plan.WorkloadName) is not { } key || workload == key;
    }

    /// <summary>" (container 'x' of Deployment/y at f:12 sets it from metadata.name instead)" for each in-scope entry that maps the name differently, or "".</summary>
    private static string Elsewhere(EnvBinding chosen, List<EnvBinding> candidates)
    {
        List<string>? others = null;
        foreach (EnvBinding other in candidates)
        {
            if (!ReferenceEquals(other, chosen) && !other.SameMapping(chosen))
            {
                (others ??= new List<string>()).Add(other.Describe() + " sets it from " + (other.Entry.FieldPath ?? other.Entry.Resource) + " instead");
            }
        }

        return others is null ? "" : " (" + string.Join("; ", others) + ")";
    }

    /// <summary>A volume member of a bound class that reads the same field (and divisor), with a type the read can take.</summary>
    private static (BoundClass Type, PlannedMember Member)? FindMember(BoundClass[] classes, EnvEntry entry, string container, ITypeSymbol? resultType)
    {
        foreach (BoundClass bound in classes)
        {
            foreach (PlannedMember member in bound.Plan.Members)
            {
                if (!member.IsVolume)
                {
                    continue;
                }

                bool sameField = entry.FieldPath is { } path
                    ? member.FieldPath is { } memberPath && SameFieldPath(path, memberPath)
                    : member.Resource == entry.Resource
                      && (member.ContainerName ?? bound.Plan.ContainerName) == (entry.ResourceContainer ?? container)
                      && SameDivisor(member.Divisor, entry.Divisor);
                if (sameField && TypeFits(bound.Type, member, resultType))
                {
                    return (bound, member);
                }
            }
        }

        return null;
    }

    /// <summary>A string read takes a string member; <c>GetValue&lt;T&gt;</c> takes a member of type T (nullable or not).</summary>
    private static bool TypeFits(INamedTypeSymbol type, PlannedMember member, ITypeSymbol? resultType)
    {
        if (resultType is null)
        {
            return member.Kind == ClrKind.String;
        }

        foreach (ISymbol symbol in type.GetMembers(member.MemberName))
        {
            if (symbol is IPropertySymbol property)
            {
                ITypeSymbol propertyType = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : property.Type;
                ITypeSymbol wanted = resultType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } w ? w.TypeArguments[0] : resultType;
                return SymbolEqualityComparer.Default.Equals(propertyType, wanted);
            }
        }

        return false;
    }

    private static bool SameFieldPath(string a, string b) => string.Equals(a.Replace('"', '\''), b.Replace('"', '\''), StringComparison.Ordinal);

    private static bool SameDivisor(string? a, string? b) => (string.IsNullOrEmpty(a) ? "1" : a) == (string.IsNullOrEmpty(b) ? "1" : b);

    /// <summary><c>POD_TIER</c> → <c>PodTier</c>, numbered when the class already has that member.</summary>
    internal static string NewMemberName(INamedTypeSymbol type, string envVar)
    {
        var name = new System.Text.StringBuilder();
        bool upper = true;
        foreach (char c in envVar)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            if (name.Length == 0 && char.IsDigit(c))
            {
                name.Append('_');
            }

            name.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            upper = false;
        }

        string stem = name.Length == 0 ? "DownwardValue" : name.ToString();
        string candidate = stem;
        for (int i = 2; !type.GetMembers(candidate).IsEmpty || candidate == type.Name; i++)
        {
            candidate = stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary>The env var a read names, or null when the operation is not one of the recognised reads with a constant name.</summary>
    private static RawRead? Read(IOperation operation, Symbols symbols)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
            {
                IMethodSymbol method = invocation.TargetMethod;
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Environment))
                {
                    return method.Name == "GetEnvironmentVariable" && ConstantArgument(invocation, 0) is { } name
                        ? new RawRead(name, IgnoreCase: false, ResultType: null)
                        : null;
                }

                if (symbols.ConfigurationBinder is not null && method.Name == "GetValue" && method.IsGenericMethod
                    && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.ConfigurationBinder)
                    && ConstantArgument(invocation, "key") is { } key)
                {
                    return new RawRead(ToEnvName(key), IgnoreCase: true, method.TypeArguments[0]);
                }

                return null;
            }

            case IPropertyReferenceOperation reference:
            {
                IPropertySymbol property = reference.Property;
                if (property.IsIndexer)
                {
                    // Environment.GetEnvironmentVariables()["X"]
                    if (reference.Instance is IInvocationOperation { TargetMethod.Name: "GetEnvironmentVariables" } all
                        && SymbolEqualityComparer.Default.Equals(all.TargetMethod.ContainingType, symbols.Environment)
                        && reference.Arguments.Length == 1 && Constant(reference.Arguments[0].Value) is { } name)
                    {
                        return new RawRead(name, IgnoreCase: false, ResultType: null);
                    }

                    // configuration["X"] on IConfiguration or anything implementing it (ConfigurationManager, …)
                    if (symbols.IsConfigurationIndexer(property) && reference.Arguments.Length == 1 && Constant(reference.Arguments[0].Value) is { } key)
                    {
                        return new RawRead(ToEnvName(key), IgnoreCase: true, ResultType: null);
                    }

                    return null;
                }

                // configuration.GetSection("X").Value
                if (property.Name == "Value" && symbols.IsSectionValue(property)
                    && reference.Instance is IInvocationOperation { TargetMethod.Name: "GetSection" } section
                    && symbols.IsConfigurationMember(section.TargetMethod)
                    && ConstantArgument(section, "key") is { } sectionKey)
                {
                    return new RawRead(ToEnvName(sectionKey), IgnoreCase: true, ResultType: null);
                }

                return null;
            }

            default:
                return null;
        }
    }

    /// <summary>Configuration key → env var name: the environment variables provider maps <c>__</c> to <c>:</c>.</summary>
    private static string ToEnvName(string key) => key.Replace(":", "__");

    private static string? ConstantArgument(IInvocationOperation invocation, int ordinal)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return Constant(argument.Value);
            }
        }

        return null;
    }

    private static string? ConstantArgument(IInvocationOperation invocation, string parameter)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameter)
            {
                return Constant(argument.Value);
            }
        }

        return null;
    }

    /// <summary>A constant string (literal, const, <c>nameof</c>, concatenation of constants), seen through conversions.</summary>
    private static string? Constant(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value.ConstantValue is { HasValue: true, Value: string text } && text.Length > 0 ? text : null;
    }

    /// <param name="ResultType">For <c>GetValue&lt;T&gt;</c>: T; null for the string-returning reads.</param>
    private sealed record RawRead(string EnvVar, bool IgnoreCase, ITypeSymbol? ResultType);

    /// <summary>The project's bound classes, and whether they scope the env entries (<see cref="Scope"/>): computed on the first read that matches.</summary>
    private sealed record Project(BoundClass[] Classes, bool Scoped);

    /// <summary>Symbols resolved once per compilation; the configuration ones are null when the package isn't referenced.</summary>
    private sealed class Symbols
    {
        private readonly IPropertySymbol? _indexer;
        private readonly INamedTypeSymbol? _configuration;
        private readonly INamedTypeSymbol? _section;

        public Symbols(Compilation compilation, INamedTypeSymbol environment)
        {
            Environment = environment;
            _configuration = compilation.GetTypeByMetadataName(ConfigurationNamespace + "IConfiguration");
            _section = compilation.GetTypeByMetadataName(ConfigurationNamespace + "IConfigurationSection");
            ConfigurationBinder = compilation.GetTypeByMetadataName(ConfigurationNamespace + "ConfigurationBinder");
            _indexer = _configuration?.GetMembers().OfType<IPropertySymbol>().FirstOrDefault(static p => p.IsIndexer);
        }

        public INamedTypeSymbol Environment { get; }

        public INamedTypeSymbol? ConfigurationBinder { get; }

        public bool IsConfigurationIndexer(IPropertySymbol property)
        {
            if (_indexer is null || _configuration is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, _indexer))
            {
                return true;
            }

            INamedTypeSymbol type = property.ContainingType;
            return Implements(type, _configuration)
                && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(_indexer), property);
        }

        public bool IsConfigurationMember(IMethodSymbol method) =>
            _configuration is not null && (SymbolEqualityComparer.Default.Equals(method.ContainingType, _configuration) || Implements(method.ContainingType, _configuration));

        public bool IsSectionValue(IPropertySymbol property) =>
            _section is not null && (SymbolEqualityComparer.Default.Equals(property.ContainingType, _section) || Implements(property.ContainingType, _section));

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol @interface)
        {
            foreach (INamedTypeSymbol implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, @interface))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
