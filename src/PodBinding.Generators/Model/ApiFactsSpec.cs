namespace PodBinding.Generators.Model;

/// <summary>
/// A class with <c>[FromApi]</c> members as written: strings and primitives only, value-equatable, cached by the
/// pipeline like <see cref="BindingSpec"/>.
/// </summary>
/// <param name="Namespace">The class's namespace ("" for the global one).</param>
/// <param name="TypeName">The class's name.</param>
/// <param name="Members">The <c>[FromApi]</c> properties, in declaration order.</param>
/// <param name="PeerSelector">The class's <c>[ApiPeers(Selector = …)]</c>, or null.</param>
/// <param name="HasPeersAttribute">Whether the class carries <c>[ApiPeers]</c> at all.</param>
/// <param name="WorkloadKind">The <c>[DownwardBinding]</c> WorkloadKind value (0 when unset).</param>
/// <param name="WorkloadName">The <c>[DownwardBinding]</c> WorkloadName, or null.</param>
internal sealed record ApiFactsSpec(
    string Namespace,
    string TypeName,
    EquatableArray<ApiMemberSpec> Members,
    string? PeerSelector,
    bool HasPeersAttribute,
    int WorkloadKind,
    string? WorkloadName)
{
    public string FullName => Namespace.Length == 0 ? TypeName : Namespace + "." + TypeName;
}

/// <summary>One <c>[FromApi]</c> property as written.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Type">The type in fully qualified form without a nullable marker (<c>string</c>, <c>global::System.DateTimeOffset</c>).</param>
/// <param name="IsNullable">Annotated <c>?</c> (a reference type) or <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="TypeDisplay">The type as the user wrote it, for messages.</param>
/// <param name="Path">The attribute's path argument.</param>
/// <param name="HasSetter">Whether generated code inside the class can assign it.</param>
/// <param name="IsRequired">Declared <c>required</c>.</param>
internal sealed record ApiMemberSpec(string Name, string Type, bool IsNullable, string TypeDisplay, string Path, bool HasSetter, bool IsRequired);

/// <summary>
/// One workload's API needs, from one class: what the RBAC emitter unions per workload. Kinds is a combination of
/// <c>ApiAccessContract</c>'s constants.
/// </summary>
internal sealed record ApiNeed(int WorkloadKind, string WorkloadName, int Kinds, string Owner);

/// <summary>A workload's <c>[KubernetesApi]</c> as planned: its ServiceAccount and modes (the Components the RBAC goes into).</summary>
internal sealed record ApiAccount(int WorkloadKind, string WorkloadName, string ServiceAccountName, EquatableArray<int> Modes);

/// <summary>One generated RBAC file: its mode, its name inside the mode folder, its YAML.</summary>
internal sealed record ApiRbacFile(int Mode, string File, string Content);
