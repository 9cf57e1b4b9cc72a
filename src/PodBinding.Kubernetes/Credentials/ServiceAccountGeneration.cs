using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace PodBinding.Kubernetes.Credentials;

/// <summary>
/// The token, CA bundle and namespace of one <c>..data</c> generation of the service-account folder (or the last
/// good part of an earlier one, when a newer file was unusable). Immutable; the token is never printed.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
internal sealed class ServiceAccountGeneration
{
    public ServiceAccountGeneration(string token, string? tokenVersion, X509Certificate2Collection ca, string? caVersion, string? @namespace)
    {
        Token = token;
        TokenVersion = tokenVersion;
        Header = new AuthenticationHeaderValue("Bearer", token);
        HeaderTask = Task.FromResult(Header);
        CaCertificates = ca;
        CaVersion = caVersion;
        Namespace = @namespace;
        LooksLikeJwt = token.Split('.').Length == 3;
    }

    /// <summary>The bearer token. Internal: only the token provider and the 401 retry read it.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal string Token { get; }

    /// <summary>The header sent with each request: built once per generation, so requests allocate nothing for it.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal AuthenticationHeaderValue Header { get; }

    /// <summary><see cref="Header"/> as a completed task, for the token provider.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal Task<AuthenticationHeaderValue> HeaderTask { get; }

    /// <summary>The generation the token was read from (null for a plain folder).</summary>
    public string? TokenVersion { get; }

    /// <summary>Whether the token has the three dot-separated parts of a service-account JWT.</summary>
    public bool LooksLikeJwt { get; }

    /// <summary>The trusted CA certificates from <c>ca.crt</c>.</summary>
    public X509Certificate2Collection CaCertificates { get; }

    /// <summary>The generation <c>ca.crt</c> was read from (older than <see cref="TokenVersion"/> when a newer one was unusable).</summary>
    public string? CaVersion { get; }

    /// <summary>The pod's namespace from the <c>namespace</c> file.</summary>
    public string? Namespace { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"service account token from {TokenVersion ?? "a plain folder"} (redacted), {CaCertificates.Count} CA certificate(s) from {CaVersion ?? "a plain folder"}, namespace {Namespace ?? "(none)"}";
}
