using System.Net;
using System.Net.Sockets;
using System.Text;
using PodBinding.Kubernetes;
using PodBinding.Kubernetes.Workloads;

/// <summary>
/// The owner-chain resolver compiled ahead of time: Pod, ReplicaSet and ownerReferences through KubernetesClient.Aot's
/// source-generated JSON, served by a canned plain-HTTP responder in Proxy mode (the test API server is not AOT-published).
/// </summary>
internal static class WorkloadSmoke
{
    private static readonly Dictionary<string, string> Answers = new(StringComparer.Ordinal)
    {
        ["/api/v1/namespaces/orders/pods/orders-7d4b9-x2k4q"] =
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"orders-7d4b9-x2k4q","namespace":"orders","uid":"p1","ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"orders-7d4b9","uid":"r1","controller":true}]}}""",
        ["/apis/apps/v1/namespaces/orders/replicasets/orders-7d4b9"] =
            """{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"orders-7d4b9","namespace":"orders","uid":"r1","ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"orders","uid":"d1","controller":true}]}}""",
    };

    public static async Task RunAsync(Action<bool, string> check)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        Task serving = ServeAsync(listener, stop.Token);

        using KubernetesConnection connection = KubernetesConnection.Connect(new KubernetesConnectionOptions
        {
            Mode = KubernetesConnectionMode.Proxy,
            ProxyUri = new Uri($"http://127.0.0.1:{port}"),
            GetEnvironmentVariable = _ => null,
            RequestTimeout = TimeSpan.FromSeconds(5),
        });
        OwningWorkload owner = await connection.ResolveWorkloadAsync(new DownwardIdentity(PodName: "orders-7d4b9-x2k4q", Namespace: "orders"));
        check(owner.Workload == new WorkloadReference("Deployment", "apps/v1", "orders", "d1") && owner.Chain.Count == 2 && owner.PodUid == "p1",
            "owner chain pod → ReplicaSet → Deployment");

        stop.Cancel();
        listener.Stop();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task ServeAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            using Socket socket = await listener.AcceptSocketAsync(ct);
            using var stream = new NetworkStream(socket);
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            string? requestLine = await reader.ReadLineAsync(ct);
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync(ct)))
            {
                // headers: a GET has no body
            }

            string path = requestLine?.Split(' ') is [_, var target, ..] ? target.Split('?')[0] : "";
            bool found = Answers.TryGetValue(path, out string? body);
            body ??= """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""";
            byte[] payload = Encoding.UTF8.GetBytes(body);
            string head = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
            await stream.WriteAsync(payload, ct);
        }
    }
}
