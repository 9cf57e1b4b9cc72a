using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PodBinding.OpenTelemetry.Tests;

/// <summary>What an exporter sends with each span and metric: the provider's resource, as OTLP and the console exporter read it.</summary>
public sealed class ExportedTelemetryTests : IDisposable
{
    private static readonly KeyValuePair<string, object>[] ExpectedCheckout =
    [
        new("k8s.pod.name", "checkout-5c9d7f-abcde"),
        new("k8s.pod.uid", "0f8e1c2d-3b4a-4c5d-8e9f-a0b1c2d3e4f5"),
        new("k8s.namespace.name", "shop"),
        new("k8s.node.name", "node-a"),
        new("k8s.container.name", "checkout"),
        new("k8s.deployment.name", "checkout"),
        new("k8s.pod.label.app", "checkout"),
        new("k8s.pod.label.canary", ""),
        new("k8s.pod.annotation.team", "payments"),
    ];

    private readonly PodFolder _folder = new(CheckoutPod.DownwardApi);
    private readonly string _name = "PodBinding.Tests." + Guid.NewGuid().ToString("N");

    public ExportedTelemetryTests()
    {
        _folder.Pod.Labels["app"] = "checkout";
        _folder.Pod.Labels["canary"] = "";
        _folder.Pod.Labels["pod-template-hash"] = "5c9d7f";
        _folder.Pod.Annotations["team"] = "payments";
        _folder.Pod.Annotations["secret-ish"] = "not opted in";
        _folder.Sync();
    }

    [Fact]
    public void A_span_carries_exactly_the_pods_attributes()
    {
        var spans = new List<Activity>();
        var exporter = new InMemoryExporter<Activity>(spans);
        using var source = new ActivitySource(_name);
        using (TracerProvider provider = Sdk.CreateTracerProviderBuilder()
                   .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddPodBindingDetector<CheckoutPod>(Configure))
                   .AddSource(_name)
                   .AddProcessor(new SimpleActivityExportProcessor(exporter))
                   .Build())
        {
            using (source.StartActivity("place-order"))
            {
            }

            Assert.Equal(ExpectedCheckout, exporter.ParentProvider!.GetResource().Attributes);
        }

        Assert.Equal("place-order", Assert.Single(spans).DisplayName);
    }

    [Fact]
    public void A_metric_carries_exactly_the_pods_attributes()
    {
        var metrics = new List<Metric>();
        var exporter = new InMemoryExporter<Metric>(metrics);
        using var meter = new Meter(_name);
        using MeterProvider provider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddPodBindingDetector<CheckoutPod>(Configure))
            .AddMeter(_name)
            .AddReader(new BaseExportingMetricReader(exporter))
            .Build();
        meter.CreateCounter<long>("orders.placed").Add(3);

        Assert.True(provider.ForceFlush());
        Assert.Equal("orders.placed", Assert.Single(metrics).Name);
        Assert.Equal(ExpectedCheckout, exporter.ParentProvider!.GetResource().Attributes);
    }

    [Fact]
    public void The_hosting_overload_reads_the_pod_once_for_every_signal()
    {
        var spans = new List<Activity>();
        var services = new ServiceCollection();
        services.AddOpenTelemetry()
            .AddPodBindingDetector<CheckoutPod>(Configure)
            .WithTracing(tracing => tracing.AddSource(_name).AddInMemoryExporter(spans))
            .WithMetrics(metrics => metrics.AddMeter(_name));
        using ServiceProvider sp = services.BuildServiceProvider();

        TracerProvider tracer = sp.GetRequiredService<TracerProvider>();
        MeterProvider meters = sp.GetRequiredService<MeterProvider>();

        // The default builder adds service.name and telemetry.sdk.*; every k8s.* attribute is the detector's.
        Assert.Equal(ExpectedCheckout, tracer.GetResource().Attributes.Where(a => a.Key.StartsWith("k8s.", StringComparison.Ordinal)));
        Assert.Equal(ExpectedCheckout, meters.GetResource().Attributes.Where(a => a.Key.StartsWith("k8s.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Labels_keep_their_start_up_value_after_the_kubelet_relabels_the_pod()
    {
        var exporter = new InMemoryExporter<Activity>(new List<Activity>());
        using TracerProvider provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddPodBindingDetector<CheckoutPod>(Configure))
            .AddProcessor(new SimpleActivityExportProcessor(exporter))
            .Build();

        _folder.Pod.Labels["app"] = "checkout-v2";
        Assert.True(_folder.Pod.WriteVolume(_folder.Writer, CheckoutPod.DownwardApi));

        Assert.Equal("checkout-v2", CheckoutPod.Load(_folder.Source).Labels["app"]);
        Assert.Contains(new KeyValuePair<string, object>("k8s.pod.label.app", "checkout"), exporter.ParentProvider!.GetResource().Attributes);
    }

    public void Dispose() => _folder.Dispose();

    private void Configure(PodBindingResourceOptions options)
    {
        // No workload in the options: k8s.deployment.name must come from CheckoutPod's own [DownwardBinding].
        options.Source = _folder.Source;
        options.LabelKeys.Add("app");
        options.LabelKeys.Add("canary");
        options.LabelKeys.Add("missing");
        options.AnnotationKeys.Add("team");
    }
}
