namespace PodBinding.Generators.Catalog;

/// <summary>Whether the value can change while the pod runs (docs/kubernetes-rules.md).</summary>
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
