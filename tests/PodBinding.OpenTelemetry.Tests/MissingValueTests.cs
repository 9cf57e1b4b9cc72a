using OpenTelemetry.Resources;

namespace PodBinding.OpenTelemetry.Tests;

/// <summary>The documented behaviour for what a class does not bind or a pod does not supply: no attribute, never a guess.</summary>
public sealed class MissingValueTests : IDisposable
{
    private readonly PodFolder _worker = new(WorkerPod.DownwardApi);
    private readonly PodFolder _checkout = new(CheckoutPod.DownwardApi);

    [Fact]
    public void Fields_the_class_does_not_bind_produce_no_attribute_and_say_why()
    {
        _worker.Pod.Labels["tier"] = "batch";
        _worker.Sync();

        PodResourceAttributes read = PodResourceAttributes.Read<WorkerPod>(Options(_worker, o => o.LabelKeys.Add("tier")));

        Assert.Equal(
            [new("k8s.pod.name", "checkout-5c9d7f-abcde"), new("k8s.container.name", "worker"), new("k8s.pod.label.tier", "batch")],
            read.Attributes);
        Assert.Equal(
            ["k8s.pod.uid: WorkerPod binds no metadata.uid", "k8s.namespace.name: WorkerPod binds no metadata.namespace", "k8s.node.name: WorkerPod binds no spec.nodeName",
             "k8s.<workload>.name: WorkerPod declares no [DownwardBinding(WorkloadKind, WorkloadName)] and the options name none"],
            read.Omitted);
    }

    [Fact]
    public void An_unset_env_var_leaves_its_attribute_out_and_the_detector_does_not_throw()
    {
        _checkout.Sync();
        _checkout.EnvironmentOverrides["POD_UID"] = null;
        _checkout.EnvironmentOverrides["NODE_NAME"] = "";

        Resource resource = ResourceBuilder.CreateEmpty().AddPodBindingDetector<CheckoutPod>(o => o.Source = _checkout.Source).Build();
        PodResourceAttributes read = PodResourceAttributes.Read<CheckoutPod>(Options(_checkout));

        Assert.DoesNotContain(resource.Attributes, a => a.Key is "k8s.pod.uid" or "k8s.node.name");
        Assert.Contains(new KeyValuePair<string, object>("k8s.namespace.name", "shop"), resource.Attributes);
        Assert.Contains("k8s.pod.uid: env var POD_UID (Uid) is missing or empty", read.Omitted);
        Assert.Contains("k8s.node.name: env var NODE_NAME (NodeName) is missing or empty", read.Omitted);
    }

    [Fact]
    public void A_missing_volume_leaves_out_the_opted_in_labels_only()
    {
        // Sync() never called: no volume at all, env vars present.
        PodResourceAttributes read = PodResourceAttributes.Read<CheckoutPod>(Options(_checkout, o => o.LabelKeys.Add("app")));

        Assert.Equal(
            ["k8s.pod.name", "k8s.pod.uid", "k8s.namespace.name", "k8s.node.name", "k8s.container.name", "k8s.deployment.name"],
            read.Attributes.Select(a => a.Key));
        Assert.Equal(["k8s.pod.label.app: volume item labels (Labels) is missing or malformed"], read.Omitted);
    }

    [Fact]
    public void Labels_are_opt_in_and_a_key_the_pod_lacks_is_left_out()
    {
        _checkout.Pod.Labels["app"] = "checkout";
        _checkout.Pod.Annotations["team"] = "payments";
        _checkout.Sync();

        Assert.DoesNotContain(PodResourceAttributes.Read<CheckoutPod>(Options(_checkout)).Attributes, a => a.Key.StartsWith("k8s.pod.label.", StringComparison.Ordinal) || a.Key.StartsWith("k8s.pod.annotation.", StringComparison.Ordinal));

        PodResourceAttributes read = PodResourceAttributes.Read<CheckoutPod>(Options(_checkout, o => o.LabelKeys.Add("absent")));
        Assert.DoesNotContain(read.Attributes, a => a.Key == "k8s.pod.label.absent");
        Assert.Contains("k8s.pod.label.absent: the pod has no label 'absent'", read.Omitted);
    }

    [Fact]
    public void One_bound_label_key_that_reads_empty_is_left_out_because_it_cannot_be_told_from_a_missing_label()
    {
        _worker.Pod.Labels["tier"] = "";
        _worker.Sync();

        PodResourceAttributes read = PodResourceAttributes.Read<WorkerPod>(Options(_worker, o =>
        {
            o.LabelKeys.Add("tier");
            o.LabelKeys.Add("app");
        }));

        Assert.DoesNotContain(read.Attributes, a => a.Key.StartsWith("k8s.pod.label.", StringComparison.Ordinal));
        Assert.Contains("k8s.pod.label.app: WorkerPod binds neither metadata.labels nor metadata.labels['app']", read.Omitted);
        Assert.Contains(read.Omitted, line => line.StartsWith("k8s.pod.label.tier: volume item label.tier (Tier) is empty", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(WorkloadKind.Deployment, "k8s.deployment.name")]
    [InlineData(WorkloadKind.StatefulSet, "k8s.statefulset.name")]
    [InlineData(WorkloadKind.DaemonSet, "k8s.daemonset.name")]
    [InlineData(WorkloadKind.ReplicaSet, "k8s.replicaset.name")]
    [InlineData(WorkloadKind.Job, "k8s.job.name")]
    [InlineData(WorkloadKind.CronJob, "k8s.cronjob.name")]
    public void The_workload_name_goes_under_its_kinds_key(WorkloadKind kind, string key)
    {
        PodResourceAttributes read = PodResourceAttributes.Read<WorkerPod>(Options(_worker, o =>
        {
            o.WorkloadKind = kind;
            o.WorkloadName = "batch";
        }));

        Assert.Equal(new KeyValuePair<string, object>(key, "batch"), Assert.Single(read.Attributes, a => a.Key.EndsWith(".name", StringComparison.Ordinal) && a.Key is not ("k8s.pod.name" or "k8s.container.name")));
    }

    [Theory]
    [InlineData(WorkloadKind.None)]
    [InlineData(WorkloadKind.Pod)]
    public void A_bare_pod_or_no_workload_adds_no_workload_attribute(WorkloadKind kind)
    {
        PodResourceAttributes read = PodResourceAttributes.Read<WorkerPod>(Options(_worker, o =>
        {
            o.WorkloadKind = kind;
            o.WorkloadName = "batch";
        }));

        Assert.Equal(["k8s.pod.name", "k8s.container.name"], read.Attributes.Select(a => a.Key));
    }

    [Fact]
    public void The_workload_comes_from_the_classs_own_declaration()
    {
        PodResourceAttributes read = PodResourceAttributes.Read<CheckoutPod>(Options(_checkout));

        Assert.Equal("checkout", Assert.Single(read.Attributes, a => a.Key == "k8s.deployment.name").Value);
        Assert.Equal(WorkloadKind.Deployment, CheckoutPod.DownwardApi.WorkloadKind);
        Assert.Equal("checkout", CheckoutPod.DownwardApi.WorkloadName);
    }

    [Fact]
    public void A_workload_in_the_options_overrides_the_declaration()
    {
        PodResourceAttributes read = PodResourceAttributes.Read<CheckoutPod>(Options(_checkout, o =>
        {
            o.WorkloadKind = WorkloadKind.StatefulSet;
            o.WorkloadName = "checkout-db";
        }));

        Assert.Equal("checkout-db", Assert.Single(read.Attributes, a => a.Key == "k8s.statefulset.name").Value);
        Assert.DoesNotContain(read.Attributes, a => a.Key == "k8s.deployment.name");
    }

    [Fact]
    public void No_workload_anywhere_is_named_as_left_out()
    {
        PodResourceAttributes read = PodResourceAttributes.Read<WorkerPod>(Options(_worker));

        Assert.Equal(WorkloadKind.None, WorkerPod.DownwardApi.WorkloadKind);
        Assert.Contains("k8s.<workload>.name: WorkerPod declares no [DownwardBinding(WorkloadKind, WorkloadName)] and the options name none", read.Omitted);
    }

    [Fact]
    public void A_workload_kind_without_a_name_is_left_out()
    {
        PodResourceAttributes read = PodResourceAttributes.Read<WorkerPod>(Options(_worker, o => o.WorkloadKind = WorkloadKind.Job));

        Assert.DoesNotContain(read.Attributes, a => a.Key == "k8s.job.name");
        Assert.Contains("k8s.job.name: WorkloadKind is Job but no WorkloadName was given", read.Omitted);
    }

    public void Dispose()
    {
        _worker.Dispose();
        _checkout.Dispose();
    }

    private static PodBindingResourceOptions Options(PodFolder folder, Action<PodBindingResourceOptions>? configure = null)
    {
        var options = new PodBindingResourceOptions { Source = folder.Source };
        configure?.Invoke(options);
        return options;
    }
}
