using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;
using PodBinding.Shared;

namespace PodBinding.Generators.Emit;

/// <summary>
/// The YAML of a class's <c>[KubernetesApi]</c>: per mode, a strategic-merge patch of the workload and its
/// ServiceAccount, both in the mode's own kustomize Component (<c>kubernetes-api/&lt;mode&gt;/</c>), because an overlay
/// deploys one mode and a Component cannot be partly applied. Pure and deterministic, like <see cref="ManifestEmitter"/>.
/// </summary>
internal static class ApiEmitter
{
    public const string Folder = "kubernetes-api";
    public const string SidecarName = "kube-api-ambassador";
    public const string TokenVolume = "kube-api-ambassador-token";
    public const string SocketVolume = "kube-api-socket";

    /// <summary>
    /// kubectl proxy's own user for the TCP variant (the image runs as root otherwise); 65532 is the conventional
    /// "nonroot" id of distroless images, owning nothing in the app's image.
    /// </summary>
    public const long TcpSidecarUser = 65532;

    /// <summary>The admission plugin's token lifetime (pkg/serviceaccount/claims.go, 3607 s); the kubelet rotates at 80 %.</summary>
    private const string TokenSeconds = "3607";

    public static string ModeFolder(int mode) => Folder + "/" + ApiPlanner.ModeFolder(mode);

    public static string PatchFile(BindingPlan plan, int mode) => ModeFolder(mode) + "/" + plan.PatchFile;

    public static string ServiceAccountFile(BindingPlan plan, int mode) => ModeFolder(mode) + "/" + plan.ManifestStem + ".service-account.yaml";

    /// <summary>Every per-class API file: name in the manifest folder → content.</summary>
    public static IEnumerable<KeyValuePair<string, string>> FilesOf(BindingPlan plan)
    {
        if (!plan.HasApi)
        {
            yield break;
        }

        foreach (int mode in plan.Api!.Modes)
        {
            yield return new KeyValuePair<string, string>(PatchFile(plan, mode), Patch(plan, mode));
            yield return new KeyValuePair<string, string>(ServiceAccountFile(plan, mode), ServiceAccount(plan));
        }
    }

    /// <summary>The entries a mode's Component lists for one class: (mode, patch file, resource file), names inside the mode folder.</summary>
    public static IEnumerable<ApiComponentEntry> EntriesOf(BindingPlan plan)
    {
        if (!plan.HasApi)
        {
            yield break;
        }

        foreach (int mode in plan.Api!.Modes)
        {
            yield return new ApiComponentEntry(mode, plan.PatchFile, plan.ManifestStem + ".service-account.yaml");
        }
    }

    // Produces a Component with the ServiceAccounts as resources and the workload patches.
    public static string Kustomization(int mode, IReadOnlyList<ApiComponentEntry> entries, IReadOnlyList<ApiRbacFile>? rbac = null)
    {
        var text = new StringBuilder();
        text.Append(ManifestContract.HeaderPrefix).Append(". Do not edit: PodBinding rewrites it on build.\n");
        text.Append("# A kustomize Component for the API connection mode ").Append(ApiPlanner.ModeName(mode))
            .Append(": list it in an overlay's `components:` after the main PodBinding Component (../..).\n");
        var resources = YamlNode.Seq();
        var patches = YamlNode.Seq();
        foreach (ApiComponentEntry entry in entries)
        {
            if (entry.Mode == mode)
            {
                resources.Add(YamlNode.Text(entry.ResourceFile));
                patches.Add(YamlNode.Map().Add("path", entry.PatchFile));
            }
        }

        foreach (ApiRbacFile file in rbac ?? System.Array.Empty<ApiRbacFile>())
        {
            if (file.Mode == mode)
            {
                resources.Add(YamlNode.Text(file.File)); // the [FromApi] members' RBAC for the same ServiceAccount
            }
        }

        text.Append(YamlNode.Map()
            .Add("apiVersion", "kustomize.config.k8s.io/v1alpha1")
            .Add("kind", "Component")
            .Add("resources", resources)
            .Add("patches", patches)
            .ToYaml());
        return text.ToString();
    }

    private static string ServiceAccount(BindingPlan plan)
    {
        var text = new StringBuilder();
        Header(text, plan);
        text.Append("# The ServiceAccount the pod runs as; grant it what the app calls with a Role and RoleBinding.\n");
        text.Append(YamlNode.Map()
            .Add("apiVersion", "v1")
            .Add("kind", "ServiceAccount")
            .Add("metadata", YamlNode.Map().Add("name", plan.Api!.ServiceAccountName))
            .ToYaml());
        return text.ToString();
    }

    private static string Patch(BindingPlan plan, int mode)
    {
        ApiPlan api = plan.Api!;
        var text = new StringBuilder();
        Header(text, plan);
        YamlMap spec = YamlNode.Map().Add("serviceAccountName", api.ServiceAccountName);
        YamlMap app = YamlNode.Map().Add("name", plan.ContainerName);
        if (mode == AttributeContract.KubernetesApiMode.InCluster)
        {
            text.Append("# API mode InCluster: the app reads the token the kubelet mounts and rotates; PodBinding.Kubernetes follows each rotation.\n");
            spec.Add("automountServiceAccountToken", YamlNode.Raw("true"));
            app.Add("env", YamlNode.Seq().Add(Env(KubernetesApiContract.ModeVariable, KubernetesApiContract.InClusterMode)));
            spec.Add("containers", YamlNode.Seq().Add(app));
        }
        else
        {
            bool socket = mode == AttributeContract.KubernetesApiMode.AmbassadorUnixSocket;
            text.Append("# API mode Ambassador: kubectl proxy in a ")
                .Append(api.NativeSidecar ? "native sidecar (an init container with restartPolicy: Always; the app starts once its startupProbe passes)" : "regular sidecar container (the target Kubernetes " + api.Target + " predates native sidecars: the app may start first and retries)")
                .Append(".\n");
            text.Append("# Only the sidecar mounts a token. kubectl proxy gets no --token: its in-cluster config re-reads the token file the kubelet rotates.\n");
            spec.Add("automountServiceAccountToken", YamlNode.Raw("false"));
            // A native sidecar is an init container; before that, a second regular container beside the app.
            YamlSeq containers = YamlNode.Seq();
            if (api.NativeSidecar)
            {
                spec.Add("initContainers", YamlNode.Seq().Add(Sidecar(api, socket)));
            }
            else
            {
                containers.Add(Sidecar(api, socket));
            }

            var env = YamlNode.Seq()
                .Add(Env(KubernetesApiContract.ModeVariable, KubernetesApiContract.AmbassadorMode))
                .Add(Env(KubernetesApiContract.AmbassadorVariable, socket ? KubernetesApiContract.AmbassadorSocketUri : KubernetesApiContract.AmbassadorTcpUri));
            app.Add("env", env);
            var volumes = YamlNode.Seq().Add(TokenVolumeYaml());
            if (socket)
            {
                // kubectl creates the socket with umask 0077: the app can open it only as the same user.
                app.Add("volumeMounts", YamlNode.Seq().Add(YamlNode.Map().Add("name", SocketVolume).Add("mountPath", KubernetesApiContract.SocketDirectory)));
                app.Add("securityContext", YamlNode.Map().Add("runAsNonRoot", YamlNode.Raw("true")).Add("runAsUser", Number(api.RunAsUser)));
                volumes.Add(YamlNode.Map().Add("name", SocketVolume).Add("emptyDir", YamlNode.Map()));
            }

            spec.Add("containers", containers.Add(app));
            spec.Add("volumes", volumes);
        }

        WorkloadKindInfo kind = WorkloadKinds.FromValue(plan.WorkloadKind)
            ?? throw new System.InvalidOperationException($"WorkloadKind {plan.WorkloadKind} reached the API patch writer");
        YamlMap root = YamlNode.Map()
            .Add("apiVersion", kind.ApiVersion)
            .Add("kind", kind.Kind)
            .Add("metadata", YamlNode.Map().Add("name", plan.WorkloadName!));
        YamlNode nested = spec;
        for (int i = kind.PodSpecPath.Count - 1; i > 0; i--)
        {
            nested = YamlNode.Map().Add(kind.PodSpecPath[i], nested);
        }

        root.Add(kind.PodSpecPath[0], nested);
        text.Append(root.ToYaml());
        return text.ToString();
    }

    private static YamlMap Sidecar(ApiPlan api, bool socket)
    {
        string port = KubernetesApiContract.AmbassadorPort.ToString(CultureInfo.InvariantCulture);

        // Loopback only: on the pod IP every pod in the cluster could use the sidecar's credentials. So the probe runs
        // inside the container (a tcpSocket probe dials the pod IP); the image has bash and coreutils.
        var args = YamlNode.Seq().Add(YamlNode.Text("proxy"));
        YamlSeq probe;
        if (socket)
        {
            args.Add(YamlNode.Text("--unix-socket=" + KubernetesApiContract.SocketPath));
            probe = YamlNode.Seq().Add(YamlNode.Text("test")).Add(YamlNode.Text("-S")).Add(YamlNode.Text(KubernetesApiContract.SocketPath));
        }
        else
        {
            args.Add(YamlNode.Text("--port=" + port)).Add(YamlNode.Text("--address=127.0.0.1"));
            probe = YamlNode.Seq().Add(YamlNode.Text("bash")).Add(YamlNode.Text("-c")).Add(YamlNode.Text("exec 3<>/dev/tcp/127.0.0.1/" + port));
        }

        YamlMap sidecar = YamlNode.Map().Add("name", SidecarName).Add("image", api.KubectlImage);
        if (api.NativeSidecar)
        {
            sidecar.Add("restartPolicy", "Always");
        }

        sidecar.Add("args", args)
            .Add("startupProbe", YamlNode.Map()
                .Add("exec", YamlNode.Map().Add("command", probe))
                .Add("periodSeconds", YamlNode.Raw("1"))
                .Add("failureThreshold", YamlNode.Raw("30")))
            .Add("resources", YamlNode.Map().Add("requests", YamlNode.Map().Add("cpu", "10m").Add("memory", "32Mi")))
            .Add("securityContext", YamlNode.Map()
                .Add("runAsNonRoot", YamlNode.Raw("true"))
                .Add("runAsUser", Number(socket ? api.RunAsUser : TcpSidecarUser))
                .Add("readOnlyRootFilesystem", YamlNode.Raw("true"))
                .Add("allowPrivilegeEscalation", YamlNode.Raw("false"))
                .Add("capabilities", YamlNode.Map().Add("drop", YamlNode.Seq().Add(YamlNode.Text("ALL")))));

        var mounts = YamlNode.Seq().Add(YamlNode.Map()
            .Add("name", TokenVolume)
            .Add("mountPath", KubernetesApiContract.ServiceAccountDirectory)
            .Add("readOnly", YamlNode.Raw("true")));
        if (socket)
        {
            mounts.Add(YamlNode.Map().Add("name", SocketVolume).Add("mountPath", KubernetesApiContract.SocketDirectory));
        }

        return sidecar.Add("volumeMounts", mounts);
    }

    /// <summary>What the ServiceAccount admission plugin would mount, for the sidecar alone (plugin/pkg/admission/serviceaccount/admission.go, TokenVolumeSource).</summary>
    private static YamlMap TokenVolumeYaml() => YamlNode.Map()
        .Add("name", TokenVolume)
        .Add("projected", YamlNode.Map().Add("sources", YamlNode.Seq()
            .Add(YamlNode.Map().Add("serviceAccountToken", YamlNode.Map().Add("path", "token").Add("expirationSeconds", YamlNode.Raw(TokenSeconds))))
            .Add(YamlNode.Map().Add("configMap", YamlNode.Map()
                .Add("name", "kube-root-ca.crt")
                .Add("items", YamlNode.Seq().Add(YamlNode.Map().Add("key", "ca.crt").Add("path", "ca.crt")))))
            .Add(YamlNode.Map().Add("downwardAPI", YamlNode.Map()
                .Add("items", YamlNode.Seq().Add(YamlNode.Map()
                    .Add("path", "namespace")
                    .Add("fieldRef", YamlNode.Map().Add("apiVersion", "v1").Add("fieldPath", DownwardFieldPaths.Namespace))))))));

    private static YamlMap Env(string name, string value) => YamlNode.Map().Add("name", name).Add("value", value);

    private static YamlScalar Number(long value) => YamlNode.Raw(value.ToString(CultureInfo.InvariantCulture));

    private static void Header(StringBuilder text, BindingPlan plan) =>
        text.Append(ManifestContract.HeaderPrefix).Append(" from ").Append(plan.FullName)
            .Append(". Do not edit: change the [KubernetesApi] attribute and rebuild.\n");
}

/// <summary>One class's files in one mode's Component (names inside the mode folder).</summary>
internal sealed record ApiComponentEntry(int Mode, string PatchFile, string ResourceFile);
