using OrdersService;
using PodBinding;

// In a cluster, PodInfo.Load() reads the real pod: its env vars and the downward API volume at /etc/podinfo.
// On a laptop, the sample reads the simulated pod committed beside it, laid out exactly as the kubelet writes it.
bool inCluster = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null
                 && Directory.Exists(PodInfo.DownwardApi.MountPath);
PodSource source = inCluster ? PodSource.FromProcess(PodInfo.DownwardApi.MountPath) : SimulatedPodFolder.Source();

if (args is ["label", .. var changes])
{
    // Relabel the simulated pod the way the kubelet rewrites a real volume after `kubectl label pod`.
    foreach (string change in changes)
    {
        LiveReload.Relabel(Path.Combine(SimulatedPodFolder.Directory, "volume"), change);
    }

    Console.WriteLine($"Relabeled the simulated pod: {string.Join(", ", changes)} (restore it: git checkout -- samples/OrdersService/simulated-pod && git clean -fdq samples/OrdersService/simulated-pod)");
    return 0;
}

if (args.Contains("--watch"))
{
    return LiveReload.Watch(source);
}

if (args.Contains("--show-error"))
{
    // What a misconfigured pod looks like: two env vars and the volume missing. One exception lists every problem,
    // where each value was looked for, and the YAML that supplies it.
    Dictionary<string, string> environment = SimulatedPodFolder.ReadEnvFile(Path.Combine(SimulatedPodFolder.Directory, "pod.env"));
    environment.Remove("POD_IP");
    environment["REQUESTS_CPU_MILLICORES"] = "a quarter";
    try
    {
        PodInfo.Load(PodSource.FromDirectory(Path.Combine(SimulatedPodFolder.Directory, "no-volume-here"), environment));
    }
    catch (DownwardApiLoadException e)
    {
        Console.WriteLine(e.Message);
    }

    return 0;
}

PodInfo pod;
try
{
    pod = PodInfo.Load(source);
}
catch (DownwardApiLoadException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

if (args is ["api", ..])
{
    return await ApiCommand.RunAsync(pod, inCluster);
}

Task<string> apiSection = ApiSection.Start(pod, inCluster);
Report.Print(pod, inCluster ? "the running pod" : $"the simulated pod in {Report.Relative(SimulatedPodFolder.Directory)}");
Console.WriteLine();
Console.WriteLine(new OrdersRuntime(pod).Describe());
Console.WriteLine();
Telemetry.ExportOneSpan(source);
Console.WriteLine();
if (!inCluster)
{
    LiveReload.Demonstrate(pod);
    Console.WriteLine();
}

// Last before the manifests: the section has read in the background while everything above printed.
Console.WriteLine(await apiSection);
Report.PrintManifests(Path.Combine(SimulatedPodFolder.SampleDirectory, "deploy"));
return 0;
