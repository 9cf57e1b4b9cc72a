using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using PodBinding.Testing;

namespace PodBinding.Kubernetes.Tests;

/// <summary>Connections to the in-repo test API server.</summary>
internal static class TestServerConnections
{
    /// <summary>
    /// In-cluster options against <paramref name="server"/>: the service-account folder in <paramref name="directory"/>,
    /// the <c>kubernetes</c> Service variables pointing at the server, and a request timeout a loaded machine can meet.
    /// </summary>
    public static KubernetesConnectionOptions InCluster(PodBinding.Testing.Kubernetes.ApiServer.TestApiServer server, string directory, CapturingLoggerFactory logs, PodBinding.Watching.DownwardWatchOptions watch) => new()
    {
        ServiceAccountDirectory = directory,
        GetEnvironmentVariable = name => server.ServiceEnvironment.GetValueOrDefault(name),
        LoggerFactory = logs,
        WatchOptions = watch,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };
}

/// <summary>A service-account folder written the kubelet's way (..data swaps), in a temporary directory.</summary>
internal sealed class TempServiceAccount : IDisposable
{
    public TempServiceAccount()
    {
        Root = Path.Combine(Path.GetTempPath(), "podbinding-sa-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Writer = new KubeletVolumeWriter(Root) { DistinctTimestamps = true };
    }

    public string Root { get; }

    public KubeletVolumeWriter Writer { get; }

    public string? Version => Writer.CurrentVersion;

    public void Write(string? token, string? caPem, string? @namespace = "orders")
    {
        var payload = new Dictionary<string, string>(StringComparer.Ordinal);
        if (token is not null)
        {
            payload["token"] = token;
        }

        if (caPem is not null)
        {
            payload["ca.crt"] = caPem;
        }

        if (@namespace is not null)
        {
            payload["namespace"] = @namespace;
        }

        Writer.Write(payload);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Throwaway CAs and server certificates for 127.0.0.1/localhost.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public static X509Certificate2 CreateServer(X509Certificate2 ca, string name = "apiserver")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        byte[] serial = RandomNumberGenerator.GetBytes(8);
        using X509Certificate2 signed = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        return signed.CopyWithPrivateKey(key);
    }

    public static string Pem(params X509Certificate2[] certificates) =>
        string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));
}

/// <summary>Captures every log line (formatted message and exception) for the redaction checks.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Text)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            owner.Lines.Enqueue((logLevel, eventId, formatter(state, exception) + " " + structured + " " + exception));
        }
    }
}

/// <summary>An environment for mode selection: only the variables a test sets exist.</summary>
internal sealed class FakeEnvironment : Dictionary<string, string>
{
    public FakeEnvironment()
        : base(StringComparer.Ordinal)
    {
    }

    public string? Get(string name) => TryGetValue(name, out string? value) ? value : null;
}

/// <summary>
/// The token scan: no captured log line, exception (message and full ToString, inner ones included) or display
/// string may contain the secret part of a token. Every test that handles a token ends with it.
/// </summary>
internal static class SecretScan
{
    public static void AssertAbsent(string secret, CapturingLoggerFactory? logs, IEnumerable<Exception> exceptions, params string[] texts)
    {
        IEnumerable<string> everything = (logs?.Lines.Select(l => l.Text) ?? [])
            .Concat(exceptions.SelectMany(e => new[] { e.Message, e.ToString() }))
            .Concat(texts);
        foreach (string text in everything)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
