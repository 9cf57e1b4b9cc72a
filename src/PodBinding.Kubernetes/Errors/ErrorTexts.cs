using System.Text;
using PodBinding.Kubernetes.Modes;

namespace PodBinding.Kubernetes;

/// <summary>
/// The text of every error: what failed, where, and the command or YAML that fixes it. One home, so the wording of a
/// fix (the automount YAML, the ambassador sidecar) is the same wherever it is offered.
/// </summary>
internal static class ErrorTexts
{
    public const string AutomountYaml =
        """
        # the pod template (or its ServiceAccount) must let the kubelet mount the token:
        spec:
          automountServiceAccountToken: true
        """;

    public static string AmbassadorYaml(Uri ambassador, string modeVariable)
    {
        bool unix = ambassador.IsUnixSocket();
        string listen = unix ? $"--unix-socket={ambassador.AbsolutePath}" : $"--port={ambassador.Port}";
        string probe = unix
            ? $"command: [\"test\", \"-S\", \"{ambassador.AbsolutePath}\"]"
            : $"command: [\"bash\", \"-c\", \"exec 3<>/dev/tcp/127.0.0.1/{ambassador.Port}\"]";
        return $"""
            # [KubernetesApi(KubernetesApiMode.{(unix ? "AmbassadorUnixSocket" : "Ambassador")})] on the bound class generates this
            # sidecar, with the kubectl version of PodBindingKubernetesVersion, into
            # deploy/podbinding/kubernetes-api/{(unix ? "ambassador-unix-socket" : "ambassador")}/. By hand: a native sidecar
            # running kubectl proxy; the app starts once its startupProbe passes:
            spec:
              initContainers:
              - name: kube-api-ambassador
                image: registry.k8s.io/kubectl:v1.32.4
                restartPolicy: Always
                args: ["proxy", "{listen}"]
                startupProbe:
                  exec:
                    {probe}
                  periodSeconds: 1
                  failureThreshold: 30
              containers:
              - name: app
                env:
                - name: {modeVariable}
                  value: Ambassador
            """;
    }

    public static string ServiceAccountUnusable(string directory, string? version, string? tokenProblem, string? caProblem)
    {
        var text = new StringBuilder();
        text.Append("The service-account credentials in ").Append(directory).Append(" cannot be used");
        if (version is not null)
        {
            text.Append(" (generation ").Append(version).Append(')');
        }

        text.AppendLine(":");
        foreach (string? problem in new[] { tokenProblem, caProblem })
        {
            if (problem is not null)
            {
                text.Append("  - ").AppendLine(problem);
            }
        }

        if (tokenProblem is not null && (tokenProblem.Contains("does not exist", StringComparison.Ordinal)))
        {
            text.AppendLine("The kubelet mounts the token there unless the pod or its ServiceAccount sets automountServiceAccountToken: false. Fix:");
            text.AppendLine(Indent(AutomountYaml));
        }
        else
        {
            text.AppendLine("The kubelet writes token and ca.crt itself; a file that is empty or not PEM means something else mounted or wrote this folder. Remove that volume mount, or point ServiceAccountDirectory at the kubelet's folder.");
        }

        return text.ToString().TrimEnd();
    }

    public static string NoUsableMode(KubernetesConnectionMode requested, string requestedBy, IReadOnlyList<ModeAttempt> attempts)
    {
        var text = new StringBuilder();
        text.Append(requested == KubernetesConnectionMode.Auto
                ? "No way to reach the Kubernetes API server applies"
                : $"The Kubernetes API connection mode {requested} ({requestedBy}) cannot be used")
            .AppendLine(requested == KubernetesConnectionMode.Auto ? $" ({requestedBy}; tried in this order):" : ":");
        foreach (ModeAttempt attempt in attempts)
        {
            text.Append("  - ").Append(attempt.Mode).Append(": ").AppendLine(attempt.Reason);
            text.Append("    fix: ").AppendLine(attempt.Fix.Replace("\n", "\n         ", StringComparison.Ordinal));
        }

        return text.ToString().TrimEnd();
    }

    public static string Indent(string text) => "  " + text.Replace("\n", "\n  ", StringComparison.Ordinal);
}
