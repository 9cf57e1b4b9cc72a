using System.Net;
using System.Net.Sockets;
using System.Text;
using PodBinding.Kubernetes;
using PodBinding.Kubernetes.Facts;

/// <summary>
/// The API-facts reader compiled ahead of time: SelfSubjectAccessReviews, a get, the hand-written watch's event lines
/// (parsed with KubernetesClient.Aot's source-generated JSON) and the snapshot update, against a canned plain-HTTP
/// responder in Proxy mode.
/// </summary>
internal static class FactsSmoke
{
    private const string Node = """{"apiVersion":"v1","kind":"Node","metadata":{"name":"node-a","resourceVersion":"5","labels":{"topology.kubernetes.io/zone":"eu-west-1a"}},"status":{"allocatable":{"cpu":"3920m"},"conditions":[{"type":"Ready","status":"True"}]}}""";

    public static async Task RunAsync(Action<bool, string> check)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        int watches = 0;
        Task serving = ServeAsync(listener, () => Interlocked.Increment(ref watches), stop.Token);

        using KubernetesConnection connection = KubernetesConnection.Connect(new KubernetesConnectionOptions
        {
            Mode = KubernetesConnectionMode.Proxy,
            ProxyUri = new Uri($"http://127.0.0.1:{port}"),
            GetEnvironmentVariable = _ => null,
            RequestTimeout = TimeSpan.FromSeconds(5),
        });
        var me = new DownwardIdentity(PodName: "orders-0", Namespace: "orders", NodeName: "node-a");
        using ApiFactsWatch watch = connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.Node), me);
        var changed = new TaskCompletionSource<ApiFacts>(TaskCreationOptions.RunContinuationsAsynchronously);
        watch.Changed += f => changed.TrySetResult(f);
        ApiFacts first = await watch.WaitForFirstAsync();
        check(first.Node is { Zone: "eu-west-1a", Ready: true } n && n.Allocatable["cpu"] == "3920m", "node facts from get after the self-check");
        ApiFacts next = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        check(next.Node?.Zone == "eu-west-1b", "watch event line applied to the snapshot");

        stop.Cancel();
        listener.Stop();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task ServeAsync(TcpListener listener, Func<int> watchNumber, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket = await listener.AcceptSocketAsync(ct);
            _ = Task.Run(() => AnswerAsync(socket, watchNumber, ct), ct);
        }
    }

    private static async Task AnswerAsync(Socket socket, Func<int> watchNumber, CancellationToken ct)
    {
        using (socket)
        {
            using var stream = new NetworkStream(socket);
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            string? requestLine = await reader.ReadLineAsync(ct);
            int length = 0;
            string? header;
            while (!string.IsNullOrEmpty(header = await reader.ReadLineAsync(ct)))
            {
                if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (length > 0)
            {
                await reader.ReadAsync(new char[length].AsMemory(), ct); // the review's JSON body
            }

            string target = requestLine?.Split(' ') is [_, var t, ..] ? t : "";
            string body;
            if (target.Contains("selfsubjectaccessreviews", StringComparison.Ordinal))
            {
                body = """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{},"status":{"allowed":true}}""";
            }
            else if (target.StartsWith("/api/v1/nodes/node-a", StringComparison.Ordinal))
            {
                body = Node;
            }
            else if (target.StartsWith("/api/v1/nodes?", StringComparison.Ordinal) && target.Contains("watch=true", StringComparison.Ordinal))
            {
                // The first stream carries one change and ends; later ones stay open and silent until the smoke stops.
                if (watchNumber() > 1)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"), ct);
                    await Task.Delay(Timeout.Infinite, ct);
                }

                body = "{\"type\":\"MODIFIED\",\"object\":" + Node.Replace("eu-west-1a", "eu-west-1b", StringComparison.Ordinal).Replace("\"5\"", "\"6\"", StringComparison.Ordinal) + "}\n";
            }
            else
            {
                body = """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""";
            }

            byte[] payload = Encoding.UTF8.GetBytes(body);
            string status = body.Contains("\"code\":404", StringComparison.Ordinal) ? "404 Not Found" : target.Contains("selfsubject", StringComparison.Ordinal) ? "201 Created" : "200 OK";
            string head = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
            await stream.WriteAsync(payload, ct);
        }
    }
}
