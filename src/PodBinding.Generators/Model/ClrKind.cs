namespace PodBinding.Generators.Model;

/// <summary>The C# types a member can have (a C# fact, not a Kubernetes one: the planner matches it to a <c>ValueShape</c>).</summary>
internal enum ClrKind
{
    Unsupported,
    String,
    Guid,
    IPAddress,
    IPAddressList,
    StringMap,
    Int32,
    Int64,
    Decimal,
}
