namespace PodBinding.Loading;

/// <summary>What a bound member's type holds, so one table-driven read can convert every member before any is set.</summary>
internal enum ValueKind
{
    String,
    Guid,
    IPAddress,
    IPAddressList,
    Map,
    Int32,
    Int64,
    Decimal,
}
