using System.Security.Cryptography.X509Certificates;

namespace PodBinding.Testing.Kubernetes.Tls;

/// <summary>
/// The server certificate Kestrel hands out on each new TLS handshake, and the trust bundle clients should hold.
/// Rotation follows the real sequence: a new CA joins the bundle and the server switches to a certificate it signed
/// (connections already open keep the old certificate, as with the API server's dynamic serving certificate), then
/// the old CA is dropped from the bundle.
/// </summary>
internal sealed class ServingCertificates : IDisposable
{
    private readonly object _gate = new();
    private readonly List<TestCertificateAuthority> _authorities = new();
    private readonly List<TestCertificateAuthority> _everCreated = new();
    private readonly List<X509Certificate2> _issued = new();
    private X509Certificate2 _current;
    private int _generation;

    public ServingCertificates()
    {
        _generation = 1;
        var authority = TestCertificateAuthority.Create("podbinding-test-ca-1");
        _authorities.Add(authority);
        _everCreated.Add(authority);
        _current = authority.IssueServerCertificate();
        _issued.Add(_current);
    }

    public X509Certificate2 Current
    {
        get { lock (_gate) { return _current; } }
    }

    public TestCertificateAuthority CurrentAuthority
    {
        get { lock (_gate) { return _authorities[^1]; } }
    }

    public IReadOnlyList<TestCertificateAuthority> Authorities
    {
        get { lock (_gate) { return _authorities.ToArray(); } }
    }

    public string BundlePem
    {
        get { lock (_gate) { return string.Concat(_authorities.Select(a => a.CertificatePem)); } }
    }

    public TestCertificateAuthority Rotate()
    {
        lock (_gate)
        {
            _generation++;
            var authority = TestCertificateAuthority.Create($"podbinding-test-ca-{_generation}");
            _authorities.Add(authority);
            _everCreated.Add(authority);
            _current = authority.IssueServerCertificate();
            _issued.Add(_current);
            return authority;
        }
    }

    public void DropPrevious()
    {
        lock (_gate)
        {
            // Old CAs are kept alive (not disposed) because open connections may still present their certificates.
            _authorities.RemoveRange(0, _authorities.Count - 1);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (X509Certificate2 certificate in _issued)
            {
                certificate.Dispose();
            }

            foreach (TestCertificateAuthority authority in _everCreated)
            {
                authority.Dispose();
            }
        }
    }
}
