using PodBinding.Testing;

namespace PodBinding.Testing.Kubernetes.ServiceAccount;

/// <summary>
/// A service-account folder laid out as the kubelet writes the projected <c>kube-api-access-*</c> volume: <c>token</c>,
/// <c>ca.crt</c> and <c>namespace</c> as links into one <c>..data</c> generation, every change a new generation
/// written by <see cref="KubeletVolumeWriter"/> (so token and CA change together, atomically).
/// </summary>
public sealed class ServiceAccountFolder
{
    private readonly KubeletVolumeWriter _writer;

    /// <summary>Writes the first generation into <paramref name="directory"/>.</summary>
    public ServiceAccountFolder(string directory, string token, string caBundlePem, string @namespace = "default")
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(caBundlePem);
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        _writer = new KubeletVolumeWriter(directory) { DistinctTimestamps = true };
        Token = token;
        CaBundlePem = caBundlePem;
        Namespace = @namespace;
        Write();
    }

    /// <summary>The folder (what a pod sees at <c>/var/run/secrets/kubernetes.io/serviceaccount</c>).</summary>
    public string Directory => _writer.VolumeDirectory;

    /// <summary>The path of <c>token</c>.</summary>
    public string TokenPath => Path.Join(Directory, "token");

    /// <summary>The path of <c>ca.crt</c>.</summary>
    public string CaPath => Path.Join(Directory, "ca.crt");

    /// <summary>The path of <c>namespace</c>.</summary>
    public string NamespacePath => Path.Join(Directory, "namespace");

    /// <summary>The token in the current generation.</summary>
    public string Token { get; private set; }

    /// <summary>The CA bundle in the current generation.</summary>
    public string CaBundlePem { get; private set; }

    /// <summary>The namespace.</summary>
    public string Namespace { get; }

    /// <summary>The current generation's directory name (the target of <c>..data</c>).</summary>
    public string? CurrentGeneration => _writer.CurrentVersion;

    /// <summary>Writes a new generation with a new token and/or CA bundle (unchanged parts are carried over).</summary>
    public void Rotate(string? token = null, string? caBundlePem = null)
    {
        Token = token ?? Token;
        CaBundlePem = caBundlePem ?? CaBundlePem;
        Write();
    }

    private void Write() => _writer.Write(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["token"] = Token,
        ["ca.crt"] = CaBundlePem,
        ["namespace"] = Namespace,
    });

    /// <inheritdoc />
    public override string ToString() => $"service-account folder {Directory} (generation {CurrentGeneration})";
}
