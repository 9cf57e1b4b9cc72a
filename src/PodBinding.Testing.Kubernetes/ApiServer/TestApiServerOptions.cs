using PodBinding.Testing.Kubernetes.Auth;
using PodBinding.Testing.Kubernetes.Rbac;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>How a <see cref="TestApiServer"/> authenticates, authorizes and paces its answers.</summary>
public sealed class TestApiServerOptions
{
    /// <summary>
    /// The token file (for example a service-account folder's <c>token</c>): read on every request, and only the token
    /// in it now is accepted. Set this or <see cref="Token"/>.
    /// </summary>
    public string? TokenFile { get; set; }

    /// <summary>A fixed accepted token, instead of <see cref="TokenFile"/>.</summary>
    public string? Token { get; set; }

    /// <summary>Who the accepted token belongs to (SelfSubjectReview answers and RBAC subjects).</summary>
    public ServiceAccountIdentity Identity { get; set; } = new();

    /// <summary>The RBAC policy to enforce; null allows every authenticated request (like an AlwaysAllow authorizer).</summary>
    public RbacPolicy? Rbac { get; set; }

    /// <summary>How often a watch with <c>allowWatchBookmarks=true</c> gets a BOOKMARK (the real server: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a watch without <c>timeoutSeconds</c> stays open (the real server: 30–60 minutes at random).</summary>
    public TimeSpan DefaultWatchTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How <see cref="TokenFile"/> is read; tests of the server's own races replace it.</summary>
    internal Func<string, string>? ReadTokenFile { get; set; }
}
