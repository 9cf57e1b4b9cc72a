using System.Net;
using PodBinding.Kubernetes.Credentials;
using PodBinding.Kubernetes.Http;
using PodBinding.Kubernetes.Modes;

namespace PodBinding.Kubernetes.Tests;

/// <summary>The token never reaches a log line, an exception, ToString() or a debugger display.</summary>
public sealed class RedactionTests : IDisposable
{
    private const string FirstToken = "eyJhbGciOiJSUzI1NiJ9.first-secret-payload.sig1";
    private const string SecondToken = "eyJhbGciOiJSUzI1NiJ9.second-secret-payload.sig2";
    private readonly TempServiceAccount _sa = new();

    public void Dispose() => _sa.Dispose();

    [Fact]
    public async Task No_log_line_exception_or_display_string_contains_the_token()
    {
        var logs = new CapturingLoggerFactory();
        var captured = new List<Exception>();
        var texts = new List<string>();
        string ca = new X509Certificate2Holder().Pem;
        _sa.Write(FirstToken, ca);
        var env = new FakeEnvironment { ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = ModeSelectionTests.ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var options = new KubernetesConnectionOptions
        {
            ServiceAccountDirectory = _sa.Root,
            GetEnvironmentVariable = env.Get,
            LoggerFactory = logs,
            RequestTimeout = TimeSpan.FromSeconds(2),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };

        using (var connection = KubernetesConnection.Connect(options))
        {
            texts.Add(connection.ToString());
            texts.Add(connection.Volume!.Current.ToString());
            texts.Add(new RotatingTokenProvider(connection.Volume).ToString());
            captured.Add(await Assert.ThrowsAsync<KubernetesConnectionException>(() => connection.WhoAmIAsync())); // refused
            _sa.Write(SecondToken, ca);
            connection.Volume.ReloadNow(); // logs the reload
            _sa.Write("", "garbage");
            connection.Volume.ReloadNow(); // logs the kept-last-good warning
            texts.Add(connection.CredentialsProblem ?? "");

            var mode = new ResolvedMode(KubernetesConnectionMode.InCluster, new Uri("https://10.96.0.1/"), "t") { ServiceAccountDirectory = _sa.Root };
            var handler = new ConnectionHandler(mode, options, connection.Volume, logs.CreateLogger("t"))
            {
                Endpoint = "https://10.96.0.1/",
                InnerHandler = new Always(HttpStatusCode.Unauthorized),
            };
            using var invoker = new HttpMessageInvoker(handler);
            var request = new HttpRequestMessage(HttpMethod.Get, "https://10.96.0.1/api/v1/pods");
            request.Headers.Authorization = new("Bearer", FirstToken);
            captured.Add(await Assert.ThrowsAsync<KubernetesConnectionException>(() => invoker.SendAsync(request, default))); // 401 after re-read
        }

        _sa.Write("", ca);
        captured.Add(Assert.Throws<KubernetesConnectionException>(() => KubernetesConnection.Connect(options))); // empty token

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Id.Id == 4); // the retry was logged, so the scan covered it
        var everything = logs.Lines.Select(l => l.Text)
            .Concat(captured.SelectMany(e => new[] { e.Message, e.ToString() }))
            .Concat(texts);
        foreach (string text in everything)
        {
            Assert.DoesNotContain("secret-payload", text);
        }
    }

    private sealed class Always(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status));
    }
}
