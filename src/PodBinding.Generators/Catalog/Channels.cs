using System;

namespace PodBinding.Generators.Catalog;

/// <summary>Where Kubernetes allows a downward API value to go (spec §2.3, §3.2).</summary>
[Flags]
internal enum Channels
{
    None = 0,
    Env = 1,
    Volume = 2,
    Both = Env | Volume,
}

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

/// <summary>Whether the value can change while the pod runs (spec §7.3).</summary>
internal enum Volatility
{
    /// <summary>Fixed for the pod's life (name, uid, node, pod IPs, ephemeral storage, hugepages).</summary>
    Immutable,

    /// <summary>Changes at any time through the API (labels, annotations): env vars go stale, volume files update.</summary>
    Mutable,

    /// <summary>Changes with in-place resize (cpu, memory; KEP-1287): env vars keep the start-time value.</summary>
    Resizable,

    /// <summary>The node's IP: rarely changes, and only env vars can carry it.</summary>
    Rare,
}

/// <summary>The C# types a member can have.</summary>
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
