namespace PodBinding;

/// <summary>The channel through which Kubernetes hands a downward API value to the container.</summary>
public enum DownwardSource
{
    /// <summary>The legal channel; where both are legal, the volume for values that change while the pod runs.</summary>
    Auto = 0,

    /// <summary>An environment variable (<c>env[].valueFrom</c>). Resolved once, when the container starts.</summary>
    Environment = 1,

    /// <summary>A file in a <c>downwardAPI</c> volume. Updated by the kubelet while the pod runs.</summary>
    Volume = 2,
}
