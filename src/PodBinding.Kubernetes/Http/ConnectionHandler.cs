using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using PodBinding.Kubernetes.Credentials;
using PodBinding.Kubernetes.Modes;

namespace PodBinding.Kubernetes.Http;

/// <summary>
/// Wraps KubernetesClient's transport: bounds the wait for response headers, re-reads the token once on a 401
/// (in-cluster) and sends the request again, and turns 401, 403, 5xx and transport failures into
/// <see cref="KubernetesConnectionException"/>s that name the mode, the endpoint and the fix.
/// Other statuses (404, 409, …) pass through to KubernetesClient unchanged.
/// </summary>
internal sealed class ConnectionHandler : DelegatingHandler
{
    private readonly ResolvedMode _mode;
    private readonly KubernetesConnectionOptions _options;
    private readonly ServiceAccountVolume? _volume;
    private readonly ILogger _logger;
    private readonly string _basePath;

    public ConnectionHandler(ResolvedMode mode, KubernetesConnectionOptions options, ServiceAccountVolume? volume, ILogger logger)
    {
        _mode = mode;
        _options = options;
        _volume = volume;
        _logger = logger;
        _basePath = mode.BaseUri.AbsolutePath;
    }

    /// <summary>Where requests go, as the user would recognise it (the kubeconfig's server once known).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Kubeconfig mode: the context actually used.</summary>
    public string? Context { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && _volume is not null)
        {
            // The kubelet may have swapped the token since the last event reached us: re-read once, resend once.
            _volume.ReloadNow();
            ServiceAccountGeneration current = _volume.Current;
            if (!string.Equals(request.Headers.Authorization?.Parameter, current.Token, StringComparison.Ordinal))
            {
                Log.TokenRetried(_logger, Endpoint, _volume.Directory, current.TokenVersion ?? "(plain folder)");
                response.Dispose();
                request.Headers.Authorization = current.Header;
                response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }

        int status = (int)response.StatusCode;
        if (status is 401 or 403 || status >= 500)
        {
            string body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw new KubernetesConnectionException(Kind(status), StatusText(status, request, body)) { StatusCode = status };
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Watches stream for as long as the server keeps them open; only their connect is bounded (ConnectTimeout).
        // OriginalString, not Query: Uri.Query builds a new string on every request.
        bool watch = request.RequestUri?.OriginalString.Contains("watch=true", StringComparison.OrdinalIgnoreCase) == true;
        using CancellationTokenSource? timeout = watch ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout?.CancelAfter(_options.RequestTimeout);
        try
        {
            return await base.SendAsync(request, timeout?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            bool connect = e.InnerException is TimeoutException;
            throw new KubernetesConnectionException(KubernetesConnectionErrorKind.Timeout, TimeoutText(request, connect || watch), e);
        }
        catch (HttpRequestException e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    private static KubernetesConnectionErrorKind Kind(int status) => status switch
    {
        401 => KubernetesConnectionErrorKind.Unauthorized,
        403 => KubernetesConnectionErrorKind.Forbidden,
        _ => KubernetesConnectionErrorKind.ServerError,
    };

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(5));
            return await response.Content.ReadAsStringAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return "";
        }
    }

    private string StatusText(int status, HttpRequestMessage request, string body)
    {
        string where = $"{request.Method} {request.RequestUri?.PathAndQuery}";
        switch (status)
        {
            case 401:
                return UnauthorizedText(where);
            case 403:
                return ForbiddenText.Build(
                    RequestAttributes.From(request.Method, request.RequestUri, _basePath), body, Endpoint, _mode.Mode, _volume?.Current.Namespace);
            default:
                string reason = ForbiddenText.Shorten(body);
                // kubectl proxy answers an upstream failure itself, with plain text ("dial tcp …: connection refused");
                // the API server's own errors are JSON Status objects.
                if (_mode.Mode is KubernetesConnectionMode.Proxy or KubernetesConnectionMode.Ambassador
                    && !body.TrimStart().StartsWith('{'))
                {
                    return $"{status} from kubectl proxy at {Endpoint} for {where}: kubectl proxy is running but cannot reach its API server ({reason}). " +
                           "Check the cluster it points at: `kubectl cluster-info` with the same kubeconfig (a sidecar: its service account and the kubernetes Service).";
                }

                return $"The API server at {Endpoint} ({_mode.Mode}) answered {status} for {where}: {(reason.Length == 0 ? "(no body)" : reason)}. " +
                       "This is a server-side failure, not a problem with this request's credentials; retry later, and check the API server's health (`kubectl get --raw /readyz?verbose`).";
        }
    }

    private string UnauthorizedText(string where) => _mode.Mode switch
    {
        KubernetesConnectionMode.InCluster =>
            $"401 Unauthorized from {Endpoint} for {where}, even after the token was re-read from {Path.Join(_volume!.Directory, "token")} " +
            $"(generation {_volume.Current.TokenVersion ?? "(plain folder)"}). " +
            (_volume.Current.LooksLikeJwt ? "" : "That file does not look like a service-account token (a JWT has three dot-separated parts). ") +
            "The API server does not accept this pod's service-account token: it expired and the kubelet has not written a fresh one, " +
            "or the pod or ServiceAccount it is bound to was deleted and re-created. Check `kubectl get serviceaccount -n <namespace>`; " +
            "a restarted pod gets a fresh token.",
        KubernetesConnectionMode.Kubeconfig =>
            $"401 Unauthorized from {Endpoint} for {where}: the credentials of context {Context ?? "(current)"} in {_mode.KubeconfigPath} were rejected. " +
            $"Log in again, then check with `kubectl auth whoami{(Context is null ? "" : $" --context {Context}")}`.",
        _ =>
            $"401 Unauthorized through kubectl proxy at {Endpoint} for {where}: the API server rejected the credentials kubectl proxy sends. " +
            (_mode.Mode == KubernetesConnectionMode.Proxy
                ? "Check them with `kubectl auth whoami` in the shell that runs kubectl proxy, log in again, and restart kubectl proxy."
                : "The sidecar uses its pod's service-account token: check that the pod's ServiceAccount exists and that the sidecar mounts the token."),
    };

    private string TimeoutText(HttpRequestMessage request, bool connect) =>
        connect
            ? $"Could not connect to {Endpoint} ({_mode.Mode}) within {_options.ConnectTimeout.TotalSeconds:0.#} s (ConnectTimeout) for {request.Method} {request.RequestUri?.PathAndQuery}: {RefusedHint()}"
            : $"No response from {Endpoint} ({_mode.Mode}) within {_options.RequestTimeout.TotalSeconds:0.#} s (RequestTimeout) for {request.Method} {request.RequestUri?.PathAndQuery}: " +
              "the connection was accepted but the server sent no response headers. The API server (or kubectl proxy) is overloaded or hung; raise RequestTimeout only if it is slow by design.";

    private KubernetesConnectionException? Translate(HttpRequestException e)
    {
        if (Find<AuthenticationException>(e) is not null)
        {
            return new KubernetesConnectionException(KubernetesConnectionErrorKind.Tls, TlsText(e), e);
        }

        SocketException? socket = Find<SocketException>(e);
        if (socket?.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable or SocketError.HostUnreachable or SocketError.NetworkUnreachable
            || (_mode.Dial is UnixDomainSocketEndPoint && socket is not null && socket.SocketErrorCode != SocketError.ConnectionReset))
        {
            return new KubernetesConnectionException(KubernetesConnectionErrorKind.ConnectionRefused,
                $"Nothing accepts connections at {Endpoint} ({_mode.Mode}, {socket!.SocketErrorCode}): {RefusedHint()}", e);
        }

        if (socket?.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted || e.HttpRequestError == HttpRequestError.ResponseEnded
            || Find<IOException>(e) is not null)
        {
            return new KubernetesConnectionException(KubernetesConnectionErrorKind.ConnectionReset,
                $"The connection to {Endpoint} ({_mode.Mode}) was closed before a complete response arrived ({Innermost(e).Message}). " +
                (_mode.Mode is KubernetesConnectionMode.Proxy or KubernetesConnectionMode.Ambassador
                    ? "kubectl proxy may have exited or restarted; check its output (a sidecar: `kubectl logs <pod> -c <sidecar>`)."
                    : "The API server or something between (a load balancer, a NetworkPolicy, an HTTP proxy from HTTPS_PROXY) dropped it; retry, and check NO_PROXY covers the API server."), e);
        }

        return null;
    }

    private string RefusedHint() => _mode.Mode switch
    {
        KubernetesConnectionMode.Proxy =>
            $"start `kubectl proxy --port={PortOf(_mode.Display)}` in another terminal (it uses your kubeconfig), or set {_options.ProxyVariable} to where it listens.",
        KubernetesConnectionMode.Ambassador =>
            "the ambassador sidecar is not listening yet (or not at all). Run it as a native sidecar with a startupProbe, so the app starts only once it listens:\n" +
            ErrorTexts.AmbassadorYaml(new Uri(_mode.Display), _options.ModeVariable),
        KubernetesConnectionMode.InCluster =>
            $"the address comes from {_options.ServiceHostVariable}/{_options.ServicePortVariable}. A NetworkPolicy may block egress to the API server, or the variables were overridden in the container's env.",
        _ => $"is the cluster of context {Context ?? "(current)"} in {_mode.KubeconfigPath} running? Check with `kubectl cluster-info{(Context is null ? "" : $" --context {Context}")}`.",
    };

    private string TlsText(HttpRequestException e)
    {
        if (_mode.Mode == KubernetesConnectionMode.InCluster && _volume is not null)
        {
            TlsFailure? failure = _volume.LastTlsFailure;
            ServiceAccountGeneration checkedAgainst = failure?.CheckedAgainst ?? _volume.Current;
            return $"The TLS handshake with {Endpoint} failed: {failure?.Reason ?? Innermost(e).Message}. " +
                   $"The trusted CA came from {Path.Join(_volume.Directory, "ca.crt")}, generation {checkedAgainst.CaVersion ?? "(plain folder)"} " +
                   $"({checkedAgainst.CaCertificates.Count} certificate(s): {string.Join("; ", checkedAgainst.CaCertificates.Select(c => c.Subject))}). " +
                   "After a cluster CA rotation the kubelet rewrites ca.crt from the kube-root-ca.crt ConfigMap and new connections use it at once; " +
                   "if the server moved to a new CA before ca.crt lists it, the rotation skipped the overlap step (a bundle with both CAs)." +
                   (_volume.LastProblem is { } problem ? $" Also: {problem}" : "");
        }

        return _mode.Mode == KubernetesConnectionMode.Kubeconfig
            ? $"The TLS handshake with {Endpoint} failed ({Innermost(e).Message}): the server's certificate does not match certificate-authority(-data) of the cluster of context {Context ?? "(current)"} in {_mode.KubeconfigPath}. Refresh the kubeconfig from the cluster's provider."
            : $"The TLS handshake with {Endpoint} failed ({Innermost(e).Message}).";
    }

    private static string PortOf(string display) => Uri.TryCreate(display, UriKind.Absolute, out Uri? uri) && uri.Port > 0 ? uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : "8001";

    private static T? Find<T>(Exception e)
        where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
