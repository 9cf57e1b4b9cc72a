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
