using System.Collections.Generic;
using System.Linq;
using PodBinding.Generators.Catalog;

namespace PodBinding.Generators.Model;

/// <summary>
/// A bound class after routing: every member placed in a legal channel with its final env var name or item path, or
/// skipped with the reason. The C# loader and the YAML are both written from this one plan.
/// </summary>
/// <remarks>Value-equatable like <see cref="BindingSpec"/>. <c>SkippedRequired</c> names the skipped members declared
/// <c>required</c>: no object initializer can be written without them, so the loader is not either.</remarks>
internal sealed record BindingPlan(
    string Namespace,
    string TypeName,
    string ContainerName,
    string VolumeName,
    string MountPath,
    int WorkloadKind,
    string? WorkloadName,
    string ManifestStem,
    string ManifestFolder,
    EquatableArray<PlannedMember> Members,
    EquatableArray<PlanFinding> Findings,
    EquatableArray<string> SkippedRequired = default,
    ApiPlan? Api = null,
    int? DefaultMode = null)
{
    public string FullName => Namespace.Length == 0 ? TypeName : Namespace + "." + TypeName;

    public bool HasPatch => WorkloadKind != 0 && WorkloadName is not null;

    public string FragmentFile => ManifestStem + ".yaml";

    public string PatchFile => ManifestStem + ".patch.yaml";

    /// <summary>Whether per-mode API YAML is written: a valid <c>[KubernetesApi]</c> and a patch to put it in.</summary>
    public bool HasApi => Api is not null && HasPatch && !HasClassError;

    /// <summary>A class-level setting is invalid: no YAML body is written, only the reasons.</summary>
    public bool HasClassError => Findings.Any(static f => f.Skips && f.MemberName.Length == 0);

    public IEnumerable<PlanFinding> Skipped => Findings.Where(static f => f.Skips);
}

/// <summary>One member's final wiring.</summary>
/// <param name="MemberName">The property.</param>
/// <param name="Kind">What the property's type holds.</param>
/// <param name="IsNullable">Optional member.</param>
/// <param name="IsVolume">Through the volume (else an env var).</param>
/// <param name="Name">The env var name or the cleaned item path.</param>
/// <param name="FieldPath">The fieldRef path (subscript included), or null for a resource.</param>
/// <param name="Resource">The resourceFieldRef resource, or null.</param>
/// <param name="ContainerName">For a resource: the container.</param>
/// <param name="Divisor">For a resource: the canonical divisor.</param>
/// <param name="Volatility">Whether the value can change while the pod runs.</param>
internal sealed record PlannedMember(
    string MemberName,
    ClrKind Kind,
    bool IsNullable,
    bool IsVolume,
    string Name,
    string? FieldPath,
    string? Resource,
    string? ContainerName,
    string? Divisor,
    Volatility Volatility);

/// <summary>
/// Something the planner found: a member it skipped because Kubernetes would reject it (written as a comment in the
/// generated files), or a warning about a member it kept. Analyzers report the same findings as diagnostics.
/// </summary>
/// <param name="MemberName">The property, or empty for the class.</param>
/// <param name="Id">The diagnostic ID (<c>DiagnosticIds</c>).</param>
/// <param name="Argument">The attribute argument at fault (<c>path</c>, <c>Source</c>, <c>EnvVar</c>, <c>File</c>,
/// <c>Divisor</c>, <c>ContainerName</c>, a class-level setting), or empty for the member itself.</param>
/// <param name="Arguments">The values for the ID's message format (<c>DiagnosticDescriptors</c>), in order.</param>
/// <param name="Skips">Whether the member (or, for the class, its YAML) was left out.</param>
/// <param name="Fix">The one fact a code fix needs, when there is a mechanical fix: the canonical divisor (PB0006),
/// the fully qualified type to declare (PB0101), or the <c>DownwardSource</c> member to set (PB0002, PB0200, PB0201).</param>
internal sealed record PlanFinding(string MemberName, string Id, string Argument, EquatableArray<string> Arguments, bool Skips, string? Fix = null)
{
    public static PlanFinding Create(string memberName, string id, string argument, bool Skips, string? fix, params string[] args) =>
        new(memberName, id, argument, new EquatableArray<string>(args), Skips, fix);

    /// <summary>What is wrong and the fix, in one sentence: the ID's message format filled with <see cref="Arguments"/>.</summary>
    public string Message => Diagnostics.DiagnosticDescriptors.Format(Id, Arguments);

    /// <summary>The arguments as the analyzer driver takes them.</summary>
    public object[] MessageArguments()
    {
        object[] args = new object[Arguments.Count];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        return args;
    }
}
