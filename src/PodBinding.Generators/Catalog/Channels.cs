using System;

namespace PodBinding.Generators.Catalog;

/// <summary>Where Kubernetes allows a downward API value to go (k8s.io/kubernetes pkg/apis/core/validation/validation.go: validEnvDownwardAPIFieldPathExpressions, validVolumeDownwardAPIFieldPathExpressions).</summary>
[Flags]
internal enum Channels
{
    None = 0,
    Env = 1,
    Volume = 2,
    Both = Env | Volume,
}
