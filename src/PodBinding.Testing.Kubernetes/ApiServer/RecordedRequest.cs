using PodBinding.Testing.Kubernetes.Auth;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>
/// One request as the test server saw it. It records which token generation was presented, never the token itself.
/// </summary>
/// <param name="Sequence">1 for the first request the server received, then 2, 3, …</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string as sent.</param>
/// <param name="Token">How the bearer token compared with the valid one.</param>
/// <param name="TokenGeneration">The token's generation (1 for the first token the server knew); 0 when missing or unknown.</param>
/// <param name="Verb">The Kubernetes verb the request maps to (get, list, watch, create, …), or null for a non-resource path.</param>
/// <param name="StatusCode">The HTTP status answered (0 when the connection was reset or the request hung until cancelled).</param>
/// <param name="UserAgent">The User-Agent header, if any.</param>
public sealed record RecordedRequest(
    long Sequence,
    string Method,
    string PathAndQuery,
    TokenState Token,
    int TokenGeneration,
    string? Verb,
    int StatusCode,
    string? UserAgent)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"#{Sequence} {Method} {PathAndQuery} → {StatusCode} (token {Token}{(TokenGeneration > 0 ? $", generation {TokenGeneration}" : "")})";
}
