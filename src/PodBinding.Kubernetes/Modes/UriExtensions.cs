namespace PodBinding.Kubernetes;

internal static class UriExtensions
{
    /// <summary>Whether the endpoint is a Unix socket (<c>unix:///path</c>).</summary>
    public static bool IsUnixSocket(this Uri uri) => string.Equals(uri.Scheme, "unix", StringComparison.OrdinalIgnoreCase);
}
