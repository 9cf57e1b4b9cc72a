using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PodBinding.Testing.Kubernetes.Tls;

/// <summary>
/// A throwaway certificate authority held in memory, like the cluster CA whose certificate the kubelet publishes as
/// <c>ca.crt</c>. It signs server certificates for loopback (SANs <c>127.0.0.1</c>, <c>::1</c> and <c>localhost</c>).
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private TestCertificateAuthority(string name, ECDsa key, X509Certificate2 certificate)
    {
        Name = name;
        _key = key;
        Certificate = certificate;
    }

    /// <summary>The CA's subject common name.</summary>
    public string Name { get; }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as one PEM block, the form a <c>ca.crt</c> holds.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>Creates a new CA valid from one hour ago for <paramref name="lifetime"/> (default 30 days).</summary>
    public static TestCertificateAuthority Create(string name, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 withKey = request.CreateSelfSigned(now.AddHours(-1), now.Add(lifetime ?? TimeSpan.FromDays(30)));
        return new TestCertificateAuthority(name, key, X509CertificateLoader.LoadCertificate(withKey.RawData));
    }

    /// <summary>
    /// Issues a TLS server certificate (with its private key) for loopback, signed by this CA. Extra DNS names or IP
    /// addresses may be added through <paramref name="extraNames"/>.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(string commonName = "kube-apiserver", params string[] extraNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        foreach (string extra in extraNames)
        {
            if (IPAddress.TryParse(extra, out IPAddress? address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(extra);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication") }, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));

        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var signer = X509SignatureGenerator.CreateForECDsa(_key);
        using X509Certificate2 issued = request.Create(
            Certificate.SubjectName, signer, now.AddHours(-1), Certificate.NotAfter.AddMinutes(-1), serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
