using PodBinding;

namespace OrdersService;

/// <summary>Prints what was loaded, where each value came from, and the YAML PodBinding generated.</summary>
internal static class Report
{
    public static void Print(PodInfo pod, string origin)
    {
        Console.WriteLine($"PodBinding loaded {PodInfo.DownwardApi.TypeName} from {origin}:");
        Row(nameof(pod.Name), pod.Name);
        Row(nameof(pod.Namespace), pod.Namespace);
        Row(nameof(pod.Uid), pod.Uid.ToString());
        Row(nameof(pod.Labels), Join(pod.Labels));
        Row(nameof(pod.Annotations), Join(pod.Annotations));
        Row(nameof(pod.Version), pod.Version ?? "(none)");
        Row(nameof(pod.NodeName), pod.NodeName);
        Row(nameof(pod.ServiceAccount), pod.ServiceAccount);
        Row(nameof(pod.PodIP), pod.PodIP.ToString());
        Row(nameof(pod.PodIPs), string.Join(", ", pod.PodIPs));
        Row(nameof(pod.MemoryLimitMi), pod.MemoryLimitMi.ToString());
        Row(nameof(pod.CpuRequestMillicores), pod.CpuRequestMillicores.ToString());
    }

    public static void PrintManifests(string deployDirectory)
    {
        Console.WriteLine("YAML generated from the [FromDownward] attributes (written on build; commit it):");
        string generated = Path.Combine(deployDirectory, "podbinding");
        if (!Directory.Exists(generated))
        {
            Console.WriteLine($"  (none yet in {Relative(generated)}: build the sample once)");
            return;
        }

        foreach (string file in Directory.GetFiles(generated, "*.yaml").Order(StringComparer.Ordinal))
        {
            Console.WriteLine($"  {Relative(file)}");
        }

        Console.WriteLine($"Render the production overlay: kubectl kustomize {Relative(Path.Combine(deployDirectory, "overlays", "production"))}");
    }

    public static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);

    private static void Row(string member, string value)
    {
        DownwardReference reference = PodInfo.DownwardApi.References.First(r => r.MemberName == member);
        string from = reference.Source == DownwardSource.Environment
            ? $"env {reference.Name}"
            : $"volume {reference.Name}";
        const int Width = 60;
        string shown = value.Length > Width ? value[..(Width - 1)] + "…" : value;
        Console.WriteLine($"  {member,-21} {shown,-Width}  {from}");
    }

    private static string Join(IReadOnlyDictionary<string, string> map) =>
        string.Join(", ", map.Select(entry => $"{entry.Key}={entry.Value.Replace("\n", "\\n")}"));
}
