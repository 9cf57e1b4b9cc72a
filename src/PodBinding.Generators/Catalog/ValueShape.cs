namespace PodBinding.Generators.Catalog;

/// <summary>What kind of value Kubernetes writes, which decides the C# types that can hold it.</summary>
internal enum ValueShape
{
    Text,
    Uid,
    IPAddress,
    IPAddressList,
    Map,
    MapKey,
    Resource,
}
