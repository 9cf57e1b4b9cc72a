namespace PodBinding.Testing.Kubernetes.Auth;

/// <summary>What the bearer token of a request was, compared with the tokens the server has known.</summary>
public enum TokenState
{
    /// <summary>No <c>Authorization: Bearer</c> header.</summary>
    Missing,

    /// <summary>The newest token (the one in the token file now, or the fixed token): accepted.</summary>
    Current,

    /// <summary>A token that was in the token file earlier and has since been replaced: rejected with 401.</summary>
    Stale,

    /// <summary>A token the server never issued: rejected with 401.</summary>
    Unknown,
}
