using System.Net.Http.Headers;
using k8s.Authentication;

namespace PodBinding.Kubernetes.Credentials;

/// <summary>
/// Hands KubernetesClient the header of the current generation: a field read per request, never a file read
/// (KubernetesClient's own TokenFileAuth re-reads at most once a minute and never on a 401).
/// </summary>
internal sealed class RotatingTokenProvider(ServiceAccountVolume volume) : ITokenProvider
{
    public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
        volume.Current.HeaderTask;

    public override string ToString() => $"token from {volume.Directory} (redacted)";
}
