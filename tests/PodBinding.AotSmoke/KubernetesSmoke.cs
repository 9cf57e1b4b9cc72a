using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PodBinding.Kubernetes;
using PodBinding.Testing;

/// <summary>The API-server connection compiled ahead of time: mode selection, credential reload, the client's request path.</summary>
internal static class KubernetesSmoke
{
    public static async Task RunAsync(Action<bool, string> check)
    {
        string folder = Path.Combine(Path.GetTempPath(), "podbinding-aot-sa-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using X509Certificate2 ca = new CertificateRequest("CN=aot-ca", key, HashAlgorithmName.SHA256)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var writer = new KubeletVolumeWriter(folder) { DistinctTimestamps = true };
            writer.Write(new Dictionary<string, string> { ["token"] = "a.b.c", ["ca.crt"] = ca.ExportCertificatePem(), ["namespace"] = "orders" });

            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            var environment = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            var options = new KubernetesConnectionOptions
            {
                ServiceAccountDirectory = folder,
                GetEnvironmentVariable = name => environment.TryGetValue(name, out string? value) ? value : null,
                ConnectTimeout = TimeSpan.FromSeconds(2),
                RequestTimeout = TimeSpan.FromSeconds(2),
            };
            using KubernetesConnection connection = KubernetesConnection.Connect(options);
            check(connection.Mode == KubernetesConnectionMode.InCluster && connection.Namespace == "orders", "in-cluster mode from the service-account folder");

            string? first = connection.CredentialsVersion;
            writer.Write(new Dictionary<string, string> { ["token"] = "d.e.f", ["ca.crt"] = ca.ExportCertificatePem(), ["namespace"] = "orders" });
            DateTime deadline = DateTime.UtcNow.AddSeconds(20);
            while (connection.CredentialsVersion == first && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            check(connection.CredentialsVersion != first && connection.CredentialsVersion == writer.CurrentVersion, "credentials follow the ..data swap");

            try
            {
                await connection.WhoAmIAsync();
                check(false, "a request to a closed port must fail");
            }
            catch (KubernetesConnectionException e)
            {
                check(e.Kind == KubernetesConnectionErrorKind.ConnectionRefused && !e.ToString().Contains("d.e.f", StringComparison.Ordinal), "refused error, token redacted");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
