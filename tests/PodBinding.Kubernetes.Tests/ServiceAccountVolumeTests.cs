using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using PodBinding.Kubernetes.Credentials;
using PodBinding.Watching;

namespace PodBinding.Kubernetes.Tests;

public sealed class ServiceAccountVolumeTests : IDisposable
{
    private readonly TempServiceAccount _sa = new();
    private readonly X509Certificate2 _oldCa = TestCertificates.CreateCa("cluster-ca-1");
    private readonly X509Certificate2 _newCa = TestCertificates.CreateCa("cluster-ca-2");

    public void Dispose()
    {
        _sa.Dispose();
        _oldCa.Dispose();
        _newCa.Dispose();
    }

    [Fact]
    public void Token_ca_and_namespace_come_from_one_generation()
    {
        _sa.Write("t1.a.b", TestCertificates.Pem(_oldCa), "orders");
        using var volume = ServiceAccountVolume.Open(_sa.Root, watch: null, NullLogger.Instance);

        Assert.Equal("t1.a.b", volume.Current.Token);
        Assert.Equal(_sa.Version, volume.Current.TokenVersion);
        Assert.Equal(_sa.Version, volume.Current.CaVersion);
        Assert.Equal("orders", volume.Current.Namespace);
        Assert.Equal(_oldCa.Thumbprint, Assert.Single(volume.Current.CaCertificates).Thumbprint);
    }

    [Fact]
    public void The_watcher_follows_the_kubelet_swap_without_a_request()
    {
        _sa.Write("t1.a.b", TestCertificates.Pem(_oldCa));
        var watch = new DownwardWatchOptions { PollInterval = TimeSpan.FromMilliseconds(100) };
        using var volume = ServiceAccountVolume.Open(_sa.Root, watch, NullLogger.Instance);
        using var changed = new ManualResetEventSlim();
        volume.Changed += _ => changed.Set();

        _sa.Write("t2.a.b", TestCertificates.Pem(_oldCa, _newCa));

        Assert.True(changed.Wait(TimeSpan.FromSeconds(10)), "no reload within 10 s of the ..data swap");
        Assert.Equal("t2.a.b", volume.Current.Token);
        Assert.Equal(2, volume.Current.CaCertificates.Count);
        Assert.Equal(_sa.Version, volume.Current.TokenVersion);
    }

    [Fact]
    public void An_unusable_new_ca_keeps_the_last_good_one_and_reports_it()
    {
        var logs = new CapturingLoggerFactory();
        _sa.Write("t1.a.b", TestCertificates.Pem(_oldCa));
        string good = _sa.Version!;
        using var volume = ServiceAccountVolume.Open(_sa.Root, watch: null, logs.CreateLogger("t"));

        _sa.Write("t2.a.b", "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n");
        volume.ReloadNow();

        Assert.Equal("t2.a.b", volume.Current.Token); // the token of the new generation is fine and is used
        Assert.Equal(_oldCa.Thumbprint, Assert.Single(volume.Current.CaCertificates).Thumbprint);
        Assert.Equal(good, volume.Current.CaVersion);
        Assert.Contains("ca.crt", volume.LastProblem);
        Assert.Contains(_sa.Version!, volume.LastProblem);
        Assert.Contains($"the last good CA (from {good}", volume.LastProblem);
        Assert.Contains(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Text.Contains("stays in use", StringComparison.Ordinal));

        _sa.Write("t3.a.b", TestCertificates.Pem(_newCa));
        volume.ReloadNow();
        Assert.Null(volume.LastProblem);
        Assert.Equal(_newCa.Thumbprint, Assert.Single(volume.Current.CaCertificates).Thumbprint);
    }

    [Fact]
    public void An_empty_new_token_keeps_the_previous_one()
    {
        _sa.Write("t1.a.b", TestCertificates.Pem(_oldCa));
        using var volume = ServiceAccountVolume.Open(_sa.Root, watch: null, NullLogger.Instance);

        _sa.Write("", TestCertificates.Pem(_oldCa));

        Assert.False(volume.ReloadNow());
        Assert.Equal("t1.a.b", volume.Current.Token);
        Assert.Contains("is empty", volume.LastProblem);
    }

    [Fact]
    public void Ca_rotation_overlap_then_new_only_is_followed_while_a_ca_loaded_once_fails()
    {
        using X509Certificate2 oldServer = TestCertificates.CreateServer(_oldCa);
        using X509Certificate2 newServer = TestCertificates.CreateServer(_newCa);
        _sa.Write("t1.a.b", TestCertificates.Pem(_oldCa));
        using var volume = ServiceAccountVolume.Open(_sa.Root, watch: null, NullLogger.Instance);
        // What KubernetesClient's InClusterConfig() does: load ca.crt once into SslCaCerts.
        var loadedOnce = new X509Certificate2Collection();
        loadedOnce.ImportFromPemFile(Path.Join(_sa.Root, "ca.crt"));

        Assert.True(volume.ValidateServerCertificate(oldServer, SslPolicyErrors.RemoteCertificateChainErrors));
        using (var before = new X509Chain())
        {
            Assert.True(k8s.Kubernetes.CertificateValidationCallBack(this, loadedOnce, oldServer, before, SslPolicyErrors.RemoteCertificateChainErrors));
        }

        _sa.Write("t1.a.b", TestCertificates.Pem(_oldCa, _newCa)); // overlap: the bundle holds both
        volume.ReloadNow();
        Assert.True(volume.ValidateServerCertificate(oldServer, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.True(volume.ValidateServerCertificate(newServer, SslPolicyErrors.RemoteCertificateChainErrors));

        _sa.Write("t1.a.b", TestCertificates.Pem(_newCa)); // new only
        volume.ReloadNow();
        Assert.True(volume.ValidateServerCertificate(newServer, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(volume.ValidateServerCertificate(oldServer, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Contains("CN=cluster-ca-1", volume.LastTlsFailure!.Reason);
        Assert.Equal(_sa.Version, volume.LastTlsFailure.CheckedAgainst.CaVersion);

        // The anchor: KubernetesClient's validator over the CA it loaded once rejects the server after rotation.
        using var chain = new X509Chain();
        Assert.False(k8s.Kubernetes.CertificateValidationCallBack(this, loadedOnce, newServer, chain, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void A_certificate_for_another_host_is_rejected_even_from_the_right_ca()
    {
        _sa.Write("t1.a.b", TestCertificates.Pem(_oldCa));
        using var volume = ServiceAccountVolume.Open(_sa.Root, watch: null, NullLogger.Instance);
        using X509Certificate2 server = TestCertificates.CreateServer(_oldCa);

        Assert.False(volume.ValidateServerCertificate(server, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.Contains("not issued for the host name", volume.LastTlsFailure!.Reason);
    }
}
