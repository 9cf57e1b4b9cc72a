namespace PodBinding.Kubernetes.Modes;

/// <summary>Why a mode did not apply, and what would make it apply.</summary>
internal sealed record ModeAttempt(KubernetesConnectionMode Mode, string Reason, string Fix);
