using k8s;
using k8s.Models;
using PodBinding.Generators.Tests.Helpers;
using PodBinding.Tests.Shared;

namespace PodBinding.Generators.Tests;

/// <summary>
/// The generated patch and Component through the real <c>kubectl kustomize</c>: the generated env vars, volume and
/// mount merge into the named container, and what the base already had survives. kubectl must be on PATH (CI installs
/// Debian's kubernetes-client); without it these tests fail rather than skip.
/// </summary>
public sealed class KustomizeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "podbinding-kustomize-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void DeploymentPatch_MergesIntoTheNamedContainer()
    {
        GeneratorOutput output = GeneratorRunner.Run(Sources.OrdersDeployment);
        WriteBase("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: orders
              template:
                metadata:
                  labels:
                    app: orders
                spec:
                  containers:
                  - name: orders
                    image: registry.example.com/orders:1.4.2
                    env:
                    - name: ASPNETCORE_URLS
                      value: http://+:8080
                    volumeMounts:
                    - name: cache
                      mountPath: /var/cache/orders
                  - name: envoy
                    image: envoyproxy/envoy:v1.31.0
                  volumes:
                  - name: cache
                    emptyDir: {}
            """);
        WriteComponent(output);

        V1Deployment deployment = KubernetesYaml.Deserialize<V1Deployment>(Kustomize(), strict: true);
        V1PodSpec spec = deployment.Spec.Template.Spec;
        Assert.Equal(2, deployment.Spec.Replicas);

        V1Container orders = Assert.Single(spec.Containers, c => c.Name == "orders");
        Assert.Equal("registry.example.com/orders:1.4.2", orders.Image);
        V1EnvVar existing = Assert.Single(orders.Env, e => e.Name == "ASPNETCORE_URLS");
        Assert.Equal("http://+:8080", existing.Value);
        string[] generated = { "POD_NAME", "POD_NAMESPACE", "POD_UID", "NODE_NAME", "POD_SERVICE_ACCOUNT", "POD_IP", "POD_IPS", "LIMITS_MEMORY_MIB", "REQUESTS_CPU_MILLICORES" };
        Assert.Equal(generated.Append("ASPNETCORE_URLS").OrderBy(n => n, StringComparer.Ordinal), orders.Env.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("spec.nodeName", orders.Env.Single(e => e.Name == "NODE_NAME").ValueFrom.FieldRef.FieldPath);
        V1ResourceFieldSelector memory = orders.Env.Single(e => e.Name == "LIMITS_MEMORY_MIB").ValueFrom.ResourceFieldRef;
        Assert.Equal(("orders", "limits.memory", "1Mi"), (memory.ContainerName, memory.Resource, memory.Divisor.ToString()));

        Assert.Equal(new[] { "cache", "podinfo" }, orders.VolumeMounts.Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal));
        V1VolumeMount podinfo = orders.VolumeMounts.Single(m => m.Name == "podinfo");
        Assert.Equal(("/etc/podinfo", true), (podinfo.MountPath, podinfo.ReadOnlyProperty));

        // The other container is left alone: no env, no mounts.
        V1Container envoy = Assert.Single(spec.Containers, c => c.Name == "envoy");
        Assert.Null(envoy.Env);
        Assert.Null(envoy.VolumeMounts);
        Assert.Equal(2, spec.Containers.Count);

        Assert.Equal(new[] { "cache", "podinfo" }, spec.Volumes.Select(v => v.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.NotNull(spec.Volumes.Single(v => v.Name == "cache").EmptyDir);
        V1Volume volume = spec.Volumes.Single(v => v.Name == "podinfo");
        Assert.Equal(new[] { "labels", "annotations", "label.app.kubernetes.io_version" }, volume.DownwardAPI.Items.Select(i => i.Path));
        Assert.Equal("metadata.labels['app.kubernetes.io/version']", volume.DownwardAPI.Items[2].FieldRef.FieldPath);
    }

    /// <summary>
    /// Two classes patching one Deployment, both reading through the volume: strategic merge replaces a volume's items
    /// whole, so with one volume per class patch only the last class's items survived (the labels were lost).
    /// </summary>
    [Fact]
    public void TwoClassesPatchingOneWorkload_KeepEveryItemOfBoth()
    {
        GeneratorOutput output = GeneratorRunner.Run("""
            using PodBinding;

            namespace App;

            [DownwardBinding(ContainerName = "app", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "app")]
            public partial class Labels
            {
                [FromDownward("metadata.labels")]
                public required System.Collections.Generic.IReadOnlyDictionary<string, string> All { get; init; }
            }

            [DownwardBinding(ContainerName = "app", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "app")]
            public partial class Memory
            {
                [FromDownward("limits.memory", Source = DownwardSource.Volume, Divisor = "1Mi")]
                public required long LimitMi { get; init; }
            }
            """);
        WriteBase("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              selector:
                matchLabels:
                  app: app
              template:
                metadata:
                  labels:
                    app: app
                spec:
                  containers:
                  - name: app
                    image: registry.example.com/app:1.0
            """);
        WriteComponent(output);

        V1PodSpec spec = KubernetesYaml.Deserialize<V1Deployment>(Kustomize(), strict: true).Spec.Template.Spec;

        V1Volume volume = Assert.Single(spec.Volumes);
        Assert.Equal("podinfo", volume.Name);
        Assert.Equal(2, volume.DownwardAPI.Items.Count);
        Assert.Equal("metadata.labels", Assert.Single(volume.DownwardAPI.Items, i => i.FieldRef is not null).FieldRef.FieldPath);
        V1ResourceFieldSelector memory = Assert.Single(volume.DownwardAPI.Items, i => i.ResourceFieldRef is not null).ResourceFieldRef;
        Assert.Equal(("app", "limits.memory", "1Mi"), (memory.ContainerName, memory.Resource, memory.Divisor.ToString()));
        V1VolumeMount mount = Assert.Single(Assert.Single(spec.Containers).VolumeMounts);
        Assert.Equal(("podinfo", "/etc/podinfo"), (mount.Name, mount.MountPath));
    }

    [Fact]
    public void CronJobPatch_MergesIntoTheJobTemplatesContainer()
    {
        GeneratorOutput output = GeneratorRunner.Run(Sources.ReportCronJob);
        WriteBase("""
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: nightly-report
            spec:
              schedule: "0 2 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - name: report
                        image: registry.example.com/report:2.0.0
                        env:
                        - name: REPORT_BUCKET
                          value: s3://reports
                        volumeMounts:
                        - name: scratch
                          mountPath: /scratch
                      volumes:
                      - name: scratch
                        emptyDir: {}
            """);
        WriteComponent(output);

        V1CronJob cronJob = KubernetesYaml.Deserialize<V1CronJob>(Kustomize(), strict: true);
        Assert.Equal("0 2 * * *", cronJob.Spec.Schedule);
        V1PodSpec spec = cronJob.Spec.JobTemplate.Spec.Template.Spec;
        Assert.Equal("OnFailure", spec.RestartPolicy);

        V1Container report = Assert.Single(spec.Containers);
        Assert.Equal("registry.example.com/report:2.0.0", report.Image);
        Assert.Equal(new[] { "LIMITS_EPHEMERAL_STORAGE_GIB", "POD_NAME", "REPORT_BUCKET" }, report.Env.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("s3://reports", report.Env.Single(e => e.Name == "REPORT_BUCKET").Value);
        V1ResourceFieldSelector scratch = report.Env.Single(e => e.Name == "LIMITS_EPHEMERAL_STORAGE_GIB").ValueFrom.ResourceFieldRef;
        Assert.Equal(("report", "limits.ephemeral-storage", "1Gi"), (scratch.ContainerName, scratch.Resource, scratch.Divisor.ToString()));

        Assert.Equal(new[] { "podinfo", "scratch" }, report.VolumeMounts.Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.True(report.VolumeMounts.Single(m => m.Name == "podinfo").ReadOnlyProperty);
        Assert.Equal(new[] { "podinfo", "scratch" }, spec.Volumes.Select(v => v.Name).OrderBy(n => n, StringComparer.Ordinal));
        V1DownwardAPIVolumeFile item = Assert.Single(spec.Volumes.Single(v => v.Name == "podinfo").DownwardAPI.Items);
        Assert.Equal(("annotations", "metadata.annotations"), (item.Path, item.FieldRef.FieldPath));
    }

    [Fact]
    public void NamesYaml11WouldRetype_SurviveKustomizeAsStrings()
    {
        // go-yaml reads plain 1_000 as the int 1000 and 2024-01-02 as a timestamp; the generator must quote them.
        // 1_000 is a relaxed env var name: allowed from target 1.32.
        GeneratorOutput output = GeneratorRunner.RunForTarget("1.34", """
            using PodBinding;

            namespace Orders.Odd;

            [DownwardBinding(ContainerName = "orders", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "orders")]
            public partial class OddNames
            {
                [FromDownward("metadata.name", EnvVar = "1_000")]
                public required string Name { get; init; }

                [FromDownward("metadata.namespace", File = "2024-01-02")]
                public required string Namespace { get; init; }
            }
            """);
        WriteBase("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders
            spec:
              selector:
                matchLabels:
                  app: orders
              template:
                metadata:
                  labels:
                    app: orders
                spec:
                  containers:
                  - name: orders
                    image: registry.example.com/orders:1.4.2
            """);
        WriteComponent(output);

        V1PodSpec spec = KubernetesYaml.Deserialize<V1Deployment>(Kustomize(), strict: true).Spec.Template.Spec;
        Assert.Equal("1_000", Assert.Single(Assert.Single(spec.Containers).Env).Name);
        Assert.Equal("2024-01-02", Assert.Single(Assert.Single(spec.Volumes).DownwardAPI.Items).Path);
    }

    private const string CatalogDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: catalog
        spec:
          selector:
            matchLabels:
              app: catalog
          template:
            metadata:
              labels:
                app: catalog
            spec:
              containers:
              - name: catalog
                image: registry.example.com/catalog:3.1.0
                env:
                - name: ASPNETCORE_URLS
                  value: http://+:8080
              - name: envoy
                image: envoyproxy/envoy:v1.31.0
        """;

    [Fact]
    public void InClusterComponent_AddsTheServiceAccountAndSetsTheMode()
    {
        GeneratorOutput output = GeneratorRunner.Run(Sources.ApiModes);
        WriteBase(CatalogDeployment, "../podbinding/kubernetes-api/in-cluster");
        WriteComponent(output);

        (V1Deployment deployment, V1ServiceAccount account) = DeploymentAndAccount(Kustomize());
        Assert.Equal("catalog-reader", account.Metadata.Name);
        V1PodSpec spec = deployment.Spec.Template.Spec;
        Assert.Equal(("catalog-reader", true), (spec.ServiceAccountName, spec.AutomountServiceAccountToken));
        Assert.Null(spec.InitContainers);
        V1Container app = Assert.Single(spec.Containers, c => c.Name == "catalog");
        Assert.Equal("registry.example.com/catalog:3.1.0", app.Image);
        Assert.Equal("InCluster", Assert.Single(app.Env, e => e.Name == "PODBINDING_KUBERNETES_MODE").Value);
        Assert.Equal("http://+:8080", Assert.Single(app.Env, e => e.Name == "ASPNETCORE_URLS").Value);
        Assert.Contains(app.Env, e => e.Name == "POD_NAME");
        Assert.Null(Assert.Single(spec.Containers, c => c.Name == "envoy").Env);
    }

    [Fact]
    public void AmbassadorComponent_AddsANativeSidecarThatAloneHoldsTheToken()
    {
        GeneratorOutput output = GeneratorRunner.Run(Sources.ApiModes);
        WriteBase(CatalogDeployment, "../podbinding/kubernetes-api/ambassador");
        WriteComponent(output);

        (V1Deployment deployment, V1ServiceAccount account) = DeploymentAndAccount(Kustomize());
        V1PodSpec spec = deployment.Spec.Template.Spec;
        Assert.Equal(("catalog-reader", "catalog-reader", false), (account.Metadata.Name, spec.ServiceAccountName, spec.AutomountServiceAccountToken));
        Assert.Equal(new[] { "catalog", "envoy" }, spec.Containers.Select(c => c.Name));

        V1Container sidecar = Assert.Single(spec.InitContainers);
        Assert.Equal(("kube-api-ambassador", "registry.k8s.io/kubectl:v1.31.2", "Always"), (sidecar.Name, sidecar.Image, sidecar.RestartPolicy));
        Assert.Equal(new[] { "proxy", "--port=8001", "--address=127.0.0.1" }, sidecar.Args);
        Assert.Equal(new[] { "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8001" }, sidecar.StartupProbe.Exec.Command);
        Assert.Equal("10m", sidecar.Resources.Requests["cpu"].ToString());
        V1SecurityContext security = sidecar.SecurityContext;
        Assert.Equal((true, 65532L, true, false), (security.RunAsNonRoot, security.RunAsUser, security.ReadOnlyRootFilesystem, security.AllowPrivilegeEscalation));
        Assert.Equal(new[] { "ALL" }, security.Capabilities.Drop);
        V1VolumeMount token = Assert.Single(sidecar.VolumeMounts);
        Assert.Equal(("kube-api-ambassador-token", "/var/run/secrets/kubernetes.io/serviceaccount", true), (token.Name, token.MountPath, token.ReadOnlyProperty));

        V1Container app = spec.Containers[0];
        Assert.Equal("Ambassador", app.Env.Single(e => e.Name == "PODBINDING_KUBERNETES_MODE").Value);
        Assert.Equal("http://127.0.0.1:8001", app.Env.Single(e => e.Name == "PODBINDING_KUBERNETES_AMBASSADOR").Value);
        Assert.DoesNotContain(app.VolumeMounts ?? new List<V1VolumeMount>(), m => m.Name == "kube-api-ambassador-token");
        V1ProjectedVolumeSource projected = spec.Volumes.Single(v => v.Name == "kube-api-ambassador-token").Projected;
        Assert.Equal(3607L, projected.Sources[0].ServiceAccountToken.ExpirationSeconds);
        Assert.Equal(("kube-root-ca.crt", "ca.crt"), (projected.Sources[1].ConfigMap.Name, projected.Sources[1].ConfigMap.Items.Single().Path));
        Assert.Equal("metadata.namespace", projected.Sources[2].DownwardAPI.Items.Single().FieldRef.FieldPath);
        Assert.Contains(spec.Volumes, v => v.Name == "podinfo"); // the main Component still applies
    }

    [Fact]
    public void SocketAmbassador_OnAnOldTargetStatefulSet_IsARegularContainerSharingTheUserAndTheSocket()
    {
        GeneratorOutput output = GeneratorRunner.RunForTarget("1.28", Sources.ApiStatefulSet);
        WriteBase("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: ledger
            spec:
              serviceName: ledger
              selector:
                matchLabels:
                  app: ledger
              template:
                metadata:
                  labels:
                    app: ledger
                spec:
                  containers:
                  - name: ledger
                    image: registry.example.com/ledger:1.0.0
                    securityContext:
                      readOnlyRootFilesystem: true
            """, "../podbinding/kubernetes-api/ambassador-unix-socket");
        WriteComponent(output);

        string rendered = Kustomize();
        V1StatefulSet statefulSet = KubernetesYaml.Deserialize<V1StatefulSet>(Document(rendered, "StatefulSet"), strict: true);
        Assert.Equal("ledger", KubernetesYaml.Deserialize<V1ServiceAccount>(Document(rendered, "ServiceAccount"), strict: true).Metadata.Name);
        V1PodSpec spec = statefulSet.Spec.Template.Spec;
        Assert.Null(spec.InitContainers);
        Assert.Equal(new[] { "ledger", "kube-api-ambassador" }, spec.Containers.Select(c => c.Name).OrderByDescending(n => n == "ledger"));
        V1Container sidecar = spec.Containers.Single(c => c.Name == "kube-api-ambassador");
        Assert.Null(sidecar.RestartPolicy);
        Assert.Equal("registry.k8s.io/kubectl:v1.29.0", sidecar.Image);
        Assert.Equal(new[] { "proxy", "--unix-socket=/var/run/kubectl/proxy.sock" }, sidecar.Args);
        Assert.Equal(new[] { "test", "-S", "/var/run/kubectl/proxy.sock" }, sidecar.StartupProbe.Exec.Command);

        V1Container app = spec.Containers.Single(c => c.Name == "ledger");
        Assert.Equal("unix:///var/run/kubectl/proxy.sock", app.Env.Single(e => e.Name == "PODBINDING_KUBERNETES_AMBASSADOR").Value);
        Assert.Equal((1654L, 1654L), (app.SecurityContext.RunAsUser, sidecar.SecurityContext.RunAsUser));
        Assert.True(app.SecurityContext.ReadOnlyRootFilesystem); // the base's setting survives the merge
        Assert.Equal("/var/run/kubectl", app.VolumeMounts.Single(m => m.Name == "kube-api-socket").MountPath);
        Assert.Equal("/var/run/kubectl", sidecar.VolumeMounts.Single(m => m.Name == "kube-api-socket").MountPath);
        Assert.NotNull(spec.Volumes.Single(v => v.Name == "kube-api-socket").EmptyDir);
    }

    private static (V1Deployment, V1ServiceAccount) DeploymentAndAccount(string rendered) =>
        (KubernetesYaml.Deserialize<V1Deployment>(Document(rendered, "Deployment"), strict: true),
         KubernetesYaml.Deserialize<V1ServiceAccount>(Document(rendered, "ServiceAccount"), strict: true));

    /// <summary>The one document of <paramref name="kind"/> in kustomize's multi-document output.</summary>
    private static string Document(string rendered, string kind) =>
        Assert.Single(rendered.Split("\n---\n"), d => d.Split('\n').Contains("kind: " + kind));

    private void WriteBase(string workload, string? apiComponent = null)
    {
        Write("base/workload.yaml", workload);
        Write("base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- workload.yaml\n");
        Write("overlay/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../base\ncomponents:\n- ../podbinding\n"
            + (apiComponent is null ? "" : "- " + apiComponent + "\n"));
    }

    /// <summary>The generated files, exactly as the build would write them into the manifest folder.</summary>
    private void WriteComponent(GeneratorOutput output)
    {
        Assert.Contains("kustomization.yaml", output.Manifests.Keys);
        foreach ((string file, string yaml) in output.Manifests)
        {
            Write("podbinding/" + file, yaml);
        }
    }

    private void Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
    }

    private string Kustomize() => KubectlKustomize.Render(Path.Combine(_root, "overlay"));
}
