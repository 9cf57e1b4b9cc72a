using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PodBinding;
using PodBinding.OpenTelemetry;

namespace OrdersService;

/// <summary>One span exported to the console, its resource filled from PodInfo by the PodBinding detector.</summary>
internal static class Telemetry
{
    private const string SourceName = "OrdersService";

    public static void ExportOneSpan(PodSource source)
    {
        Console.WriteLine("OpenTelemetry: a span exported to the console; its resource is what PodInfo binds:");
        using var activities = new ActivitySource(SourceName);
        using (TracerProvider provider = Sdk.CreateTracerProviderBuilder()
                   .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("orders").AddPodBindingDetector<PodInfo>(options =>
                   {
                       // k8s.deployment.name comes from PodInfo's [DownwardBinding(WorkloadKind, WorkloadName)].
                       options.Source = source;
                       options.LabelKeys.Add("app.kubernetes.io/version");
                   }))
                   .AddSource(SourceName)
                   .AddConsoleExporter()
                   .Build())
        {
            using Activity? span = activities.StartActivity("place-order");
            span?.SetTag("orders.count", 1);
        }
    }
}
