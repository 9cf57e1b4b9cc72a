using PodBinding.Volumes;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PodBinding.Kubernetes.Credentials;

/// <summary>Reads and checks the three files of the service-account folder from one <c>..data</c> generation.</summary>
internal static class ServiceAccountFiles
{
    public const string TokenFile = "token";
    public const string CaFile = "ca.crt";
    public const string NamespaceFile = "namespace";

    private static readonly string[] Items = [TokenFile, CaFile, NamespaceFile];

    /// <summary>One consistent read (token, ca.crt and namespace of the same generation).</summary>
    public static VolumeSnapshot Read(string directory) => VolumeSnapshot.Read(directory, Items);

    /// <summary>The token, or why it is unusable (the reason names the file and never quotes its content).</summary>
    public static string? ParseToken(VolumeSnapshot snapshot, out string? problem)
    {
        string path = Path.Join(snapshot.VolumeDirectory, TokenFile);
        string? raw = snapshot[0];
        if (raw is null)
        {
            problem = snapshot.VolumeExists
                ? $"{path} does not exist"
                : $"the service-account folder {snapshot.VolumeDirectory} does not exist";
            return null;
        }

        string token = raw.Trim();
        if (token.Length == 0)
        {
            problem = $"{path} is empty";
            return null;
        }

        foreach (char c in token)
        {
            if (c <= ' ' || c > '~')
            {
                problem = $"{path} holds characters a bearer token cannot contain (whitespace, control or non-ASCII characters): it is not a service-account token";
                return null;
            }
        }

        problem = null;
        return token;
    }

    /// <summary>The CA certificates in ca.crt, or why there are none.</summary>
    public static X509Certificate2Collection? ParseCa(VolumeSnapshot snapshot, out string? problem)
    {
        string path = Path.Join(snapshot.VolumeDirectory, CaFile);
        string? pem = snapshot[1];
        if (pem is null)
        {
            problem = $"{path} does not exist";
            return null;
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            problem = $"{path} is not a PEM certificate bundle ({e.Message})";
            return null;
        }

        if (certificates.Count == 0)
        {
            problem = $"{path} holds no PEM certificate (no -----BEGIN CERTIFICATE----- block)";
            return null;
        }

        problem = null;
        return certificates;
    }

    public static string? ParseNamespace(VolumeSnapshot snapshot) => snapshot[2]?.Trim() is { Length: > 0 } ns ? ns : null;
}
