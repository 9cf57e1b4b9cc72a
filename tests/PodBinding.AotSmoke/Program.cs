using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrdersService;
using PodBinding;
using PodBinding.Extensions.Configuration;
using PodBinding.OpenTelemetry;
using PodBinding.Testing;
using PodBinding.Watching;

// Usage: PodBinding.AotSmoke <simulated-pod-folder>   (the sample's: samples/OrdersService/simulated-pod)
// Exercises every runtime path a real pod uses, compiled ahead of time; exits non-zero on any mismatch.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: PodBinding.AotSmoke <simulated-pod-folder>");
    return 2;
}

var environment = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (string line in File.ReadLines(Path.Combine(args[0], "pod.env")).Where(l => l.Length > 0 && l[0] != '#'))
{
    environment[line[..line.IndexOf('=')]] = line[(line.IndexOf('=') + 1)..];
}

var failures = new List<string>();
void Check(bool ok, string what)
{
    if (!ok)
    {
        failures.Add(what);
    }
}

// 1. The generated loader over the committed kubelet-layout volume.
PodInfo pod = PodInfo.Load(PodSource.FromDirectory(Path.Combine(args[0], "volume"), environment));
Check(pod.Labels["app.kubernetes.io/name"] == "orders", "labels map");
Check(pod.Annotations["orders.example.com/motd"].Contains('\n'), "Go-unquoted annotation");
Check(pod.PodIPs.Count == 2 && pod.PodIP.ToString() == "10.244.3.17", "IP addresses");
Check(pod.MemoryLimitMi == 512 && pod.CpuRequestMillicores == 250, "resources");

// 2. Watching a volume the kubelet's way, and the IConfiguration source over it.
string volume = Path.Combine(Path.GetTempPath(), "podbinding-aot-" + Guid.NewGuid().ToString("N"));
try
{
    var simulated = new SimulatedPod();
    foreach (KeyValuePair<string, string> label in pod.Labels)
    {
        simulated.Labels[label.Key] = label.Value;
    }

    var writer = new KubeletVolumeWriter(volume) { DistinctTimestamps = true };
    simulated.WriteVolume(writer, PodInfo.DownwardApi);
    using DownwardWatcher<PodInfo> watcher = PodInfo.Watch(PodSource.FromDirectory(volume, environment));
    using var changed = new ManualResetEventSlim();
    watcher.Subscribe(_ => changed.Set());
    IConfigurationRoot configuration = new ConfigurationBuilder().AddDownwardApiVolume(volume, reloadOnChange: false).Build();
    Check(configuration["Labels:tier"] == "backend", "configuration source");

    simulated.Labels["tier"] = "gold";
    simulated.WriteVolume(writer, PodInfo.DownwardApi);
    Check(changed.Wait(TimeSpan.FromSeconds(20)) && watcher.Current.Labels["tier"] == "gold", "watcher delivers the relabel");
    Check(watcher.Current.Name == pod.Name, "env members carried over");
}
finally
{
    Directory.Delete(volume, recursive: true);
}

// 3. The OpenTelemetry detector, on the resource builder and through the hosting overload.
PodSource committed = PodSource.FromDirectory(Path.Combine(args[0], "volume"), environment);
Resource resource = ResourceBuilder.CreateEmpty().AddPodBindingDetector<PodInfo>(o =>
{
    o.Source = committed;
    o.WorkloadKind = WorkloadKind.Deployment;
    o.WorkloadName = "orders";
    o.LabelKeys.Add("app.kubernetes.io/name");
}).Build();
var attributes = resource.Attributes.ToDictionary(a => a.Key, a => a.Value);
Check(attributes.Count == 7 && (string)attributes["k8s.pod.name"] == pod.Name && (string)attributes["k8s.deployment.name"] == "orders"
      && (string)attributes["k8s.pod.label.app.kubernetes.io/name"] == "orders", "OpenTelemetry resource attributes");
var services = new ServiceCollection();
services.AddOpenTelemetry().AddPodBindingDetector<PodInfo>(o => o.Source = committed).WithTracing(_ => { });
using (ServiceProvider provider = services.BuildServiceProvider())
{
    Check(provider.GetRequiredService<TracerProvider>().GetResource().Attributes.Any(a => a.Key == "k8s.pod.uid" && (string)a.Value == pod.Uid.ToString()), "OpenTelemetry hosting overload");
}

// 4. The actionable error path.
try
{
    PodInfo.Load(PodSource.FromDirectory(Path.Combine(args[0], "missing"), new Dictionary<string, string>()));
    Check(false, "a missing pod must throw");
}
catch (DownwardApiLoadException e)
{
    Check(e.Errors.Count == 11 && /* Version is optional */ e.Message.Contains("fieldPath: metadata.name", StringComparison.Ordinal), "load errors list every member with its YAML");
}

// 4. The API-server connection (PodBinding.Kubernetes on KubernetesClient.Aot): in-cluster credentials from a
//    kubelet-written service-account folder, a token swap followed, and a SelfSubjectReview serialised and sent through
//    the real client stack to a port nobody listens on, which must fail with the actionable refused error.
await KubernetesSmoke.RunAsync(Check);
// 5. The owner-chain resolver: Pod and ReplicaSet JSON through the AOT client, from a canned plain-HTTP responder.
await WorkloadSmoke.RunAsync(Check);
// 6. The API-facts reader: access reviews, a get and the hand-written watch's event lines through the AOT client.
await FactsSmoke.RunAsync(Check);

Console.WriteLine(failures.Count == 0 ? "AOT smoke: ok" : "AOT smoke failed: " + string.Join(", ", failures));
return failures.Count == 0 ? 0 : 1;
