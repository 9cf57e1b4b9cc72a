using System;
using System.Globalization;

namespace PodBinding.Generators.Catalog;

/// <summary>A Kubernetes minor release, <c>1.30</c>: the unit feature gates and the version skew policy speak in.</summary>
internal readonly struct KubernetesVersion : IEquatable<KubernetesVersion>, IComparable<KubernetesVersion>
{
    public KubernetesVersion(int major, int minor)
    {
        Major = major;
        Minor = minor;
    }

    public int Major { get; }

    public int Minor { get; }

    public bool AtLeast(KubernetesVersion other) => CompareTo(other) >= 0;

    public int CompareTo(KubernetesVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public bool Equals(KubernetesVersion other) => Major == other.Major && Minor == other.Minor;

    public override bool Equals(object? obj) => obj is KubernetesVersion other && Equals(other);

    public override int GetHashCode() => (Major * 1000) + Minor;

    public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The target Kubernetes version (MSBuild <c>PodBindingKubernetesVersion</c>: the oldest cluster the app must run on)
/// and every fact that depends on it. Rules ask this class, never compare version numbers of their own.
/// </summary>
internal static class KubernetesVersions
{
    /// <summary>The MSBuild property (made compiler-visible by the package's props).</summary>
    public const string Property = "PodBindingKubernetesVersion";

    /// <summary>The MSBuild property that replaces the ambassador's kubectl image (a mirror, a newer patch).</summary>
    public const string KubectlImageProperty = "PodBindingKubectlImage";

    /// <summary>The accepted form, for messages.</summary>
    public const string AcceptedForm = "<major>.<minor>, such as 1.30 (no 'v', no patch number)";

    /// <summary>
    /// 1.30 when the project says nothing: every feature the generated YAML uses is on by default there (native
    /// sidecars since 1.29, SelfSubjectReview GA in 1.28, the official kubectl image since 1.28), and it is older than
    /// the releases upstream still patches, so clusters in a provider's extended support are covered. Set the property
    /// to the oldest cluster you deploy to.
    /// </summary>
    public static readonly KubernetesVersion Default = new(1, 30);

    /// <summary>
    /// Native sidecars (<c>initContainers[]</c> with <c>restartPolicy: Always</c>, feature gate SidecarContainers):
    /// alpha 1.28, beta and on by default 1.29, GA 1.33 (kubernetes/kubernetes pkg/features/kube_features.go). Used from
    /// the on-by-default release: where the gate is off the API server drops <c>restartPolicy</c>, and a kubectl proxy
    /// that never exits would then hold the pod in Init forever, so older targets get a regular container.
    /// </summary>
    public static readonly KubernetesVersion NativeSidecars = new(1, 29);

    /// <summary>SidecarContainers GA (for docs and messages: the gate can no longer be turned off).</summary>
    public static readonly KubernetesVersion NativeSidecarsGA = new(1, 33);

    /// <summary>SelfSubjectReview (authentication.k8s.io/v1, KEP-3325): GA in 1.28; the connection's WhoAmI needs it.</summary>
    public static readonly KubernetesVersion SelfSubjectReviewGA = new(1, 28);

    /// <summary>
    /// Relaxed env var names (any printable ASCII but '='; feature gate RelaxedEnvironmentVariableValidation, KEP-4369):
    /// alpha 1.30, beta and on by default 1.32, GA 1.34. Like native sidecars, counted from the on-by-default release;
    /// for an older target the API server rejects the name, so it is an error (PB0010), not a warning.
    /// </summary>
    public static readonly KubernetesVersion RelaxedEnvVarNames = new(1, 32);

    /// <summary>RelaxedEnvironmentVariableValidation GA (locked on).</summary>
    public static readonly KubernetesVersion RelaxedEnvVarNamesGA = new(1, 34);

    /// <summary>
    /// In-place pod resize (feature gate InPlacePodVerticalScaling, KEP-1287): alpha 1.27, beta and on by default 1.33,
    /// GA 1.35. Deliberately not a gate: PB0201 and PB0202 report cpu and memory read at container start at every
    /// target, because a cluster is upgraded under a running app without the app being rebuilt. Kept here for the docs
    /// and the conformance rows that show both sides agree.
    /// </summary>
    public static readonly KubernetesVersion InPlaceResize = new(1, 33);

    /// <summary>The first release published as <c>registry.k8s.io/kubectl</c>.</summary>
    public static readonly KubernetesVersion FirstKubectlImage = new(1, 28);

    public const string KubectlRepository = "registry.k8s.io/kubectl";

    /// <summary>
    /// A published patch release of <c>registry.k8s.io/kubectl</c> per minor (index: minor - 28). Bump an entry when a
    /// newer patch ships; <see cref="KubectlImageProperty"/> overrides the choice without a PodBinding release.
    /// </summary>
    private static readonly string[] KubectlPatches =
    {
        "v1.28.0", "v1.29.0", "v1.30.0", "v1.31.2", "v1.32.4", "v1.33.0", "v1.34.3", "v1.35.0", "v1.36.4",
    };

    /// <summary>
    /// The kubectl image for the ambassador of an app that must run on <paramref name="target"/> and later: one minor
    /// above the target, because kubectl is supported within one minor of the API server in either direction
    /// (kubernetes.io version skew policy), so target+1 serves the target and the two releases after it. Clamped to
    /// the published range.
    /// </summary>
    public static string KubectlImage(KubernetesVersion target)
    {
        int minor = target.Major != 1 ? FirstKubectlImage.Minor + KubectlPatches.Length - 1 : target.Minor + 1;
        int index = Math.Max(0, Math.Min(KubectlPatches.Length - 1, minor - FirstKubectlImage.Minor));
        return KubectlRepository + ":" + KubectlPatches[index];
    }

    /// <summary>Parses <see cref="AcceptedForm"/>: digits, one dot, digits; major 1 (the only major Kubernetes has had).</summary>
    public static bool TryParse(string? text, out KubernetesVersion version)
    {
        version = Default;
        if (text is null)
        {
            return false;
        }

        string trimmed = text.Trim();
        int dot = trimmed.IndexOf('.');
        if (dot <= 0 || dot == trimmed.Length - 1 || trimmed.IndexOf('.', dot + 1) >= 0
            || !AllDigits(trimmed, 0, dot) || !AllDigits(trimmed, dot + 1, trimmed.Length)
            || trimmed.Length - dot - 1 > 3
            || !int.TryParse(trimmed.Substring(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int major)
            || !int.TryParse(trimmed.Substring(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int minor)
            || major != 1)
        {
            return false;
        }

        version = new KubernetesVersion(major, minor);
        return true;
    }

    private static bool AllDigits(string text, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (text[i] < '0' || text[i] > '9')
            {
                return false;
            }
        }

        return true;
    }
}
