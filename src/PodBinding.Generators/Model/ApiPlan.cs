namespace PodBinding.Generators.Model;

/// <summary>
/// A valid <c>[KubernetesApi]</c> after planning: what the per-mode YAML needs, everything already decided (names,
/// image, sidecar form). Value-equatable like the rest of the plan.
/// </summary>
/// <param name="Modes">The <c>KubernetesApiMode</c> values, in the order written, without duplicates.</param>
/// <param name="ServiceAccountName">The ServiceAccount the pod runs as and the YAML creates.</param>
/// <param name="RunAsUser">The user id of the app and the socket sidecar (socket variant only).</param>
/// <param name="KubectlImage">The ambassador's image, pinned for the target version (or the MSBuild override).</param>
/// <param name="NativeSidecar">The target runs native sidecars (an init container with <c>restartPolicy: Always</c>).</param>
/// <param name="Target">The target Kubernetes version, for the header comment.</param>
internal sealed record ApiPlan(
    EquatableArray<int> Modes,
    string ServiceAccountName,
    long RunAsUser,
    string KubectlImage,
    bool NativeSidecar,
    string Target);

/// <summary>Why a <c>[KubernetesApi]</c> writes no YAML: the argument at fault (<c>modes</c>, a named argument, or the
/// <c>[DownwardBinding]</c> workload), one sentence with the fix, and for a mode its position in the list.</summary>
internal sealed record ApiProblem(string Argument, string Message, int ModeIndex = -1);
