namespace OrdersService;

/// <summary>How the orders service sizes and identifies itself from what the pod told it.</summary>
internal sealed class OrdersRuntime
{
    private readonly PodInfo _pod;

    public OrdersRuntime(PodInfo pod) => _pod = pod;

    /// <summary>Stable identity for logs and metrics: which replica, where.</summary>
    public string InstanceId => $"{_pod.Namespace}/{_pod.Name}@{_pod.NodeName}";

    /// <summary>A quarter of the container's memory limit for the order cache.</summary>
    public long CacheBudgetMi => _pod.MemoryLimitMi / 4;

    /// <summary>One worker per requested core, at least one.</summary>
    public int Workers => Math.Max(1, (_pod.CpuRequestMillicores + 999) / 1000);

    /// <summary>Whether Prometheus should scrape this pod, read from the live annotations.</summary>
    public bool Scraped => _pod.Annotations.TryGetValue("prometheus.io/scrape", out string? scrape) && scrape == "true";

    public string Describe() =>
        $"""
        How the service uses it:
          instance id     {InstanceId}
          version         {_pod.Version ?? "(no app.kubernetes.io/version label)"}
          order cache     {CacheBudgetMi} Mi (a quarter of the {_pod.MemoryLimitMi} Mi limit)
          workers         {Workers} (from a {_pod.CpuRequestMillicores}m cpu request)
          metrics         {(Scraped ? "scraped by Prometheus" : "not scraped")}; owner {_pod.Annotations.GetValueOrDefault("orders.example.com/owner", "unknown")}
        """;
}
