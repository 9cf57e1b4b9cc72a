using System.Diagnostics;
using System.Net.Sockets;
using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PodBinding.Kubernetes.Credentials;
using PodBinding.Kubernetes.Http;
using PodBinding.Kubernetes.Modes;

namespace PodBinding.Kubernetes;

/// <summary>
/// A connection to the API server in the chosen mode: a KubernetesClient <see cref="IKubernetes"/> whose
/// credentials (in-cluster) follow the service-account folder's <c>..data</c> swaps, whose failures are
/// <see cref="KubernetesConnectionException"/>s that say what to fix, and a <see cref="WhoAmIAsync"/> that needs no RBAC.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed partial class KubernetesConnection : IDisposable
{
    private readonly ServiceAccountVolume? _volume;
    private readonly k8s.Kubernetes _client;
    private readonly string? _staticNamespace;
    private int _disposed;

    private KubernetesConnection(KubernetesConnectionMode mode, string endpoint, string reason, k8s.Kubernetes client, ServiceAccountVolume? volume, string? @namespace)
    {
        Mode = mode;
        Endpoint = endpoint;
        Reason = reason;
        _client = client;
        _volume = volume;
        _staticNamespace = @namespace;
    }

    /// <summary>The mode in use.</summary>
    public KubernetesConnectionMode Mode { get; }

    /// <summary>Where requests go (the API server, or the kubectl proxy in front of it).</summary>
    public string Endpoint { get; }

    /// <summary>Why this mode was chosen (the override, or what Auto found).</summary>
    public string Reason { get; }

    /// <summary>The client. Requests made with it use the current credentials and fail with <see cref="KubernetesConnectionException"/> on 401, 403, 5xx and transport errors.</summary>
    public IKubernetes Client => _client;

    /// <summary>The namespace of the pod (InCluster: the service-account folder) or of the kubeconfig context; null when the mode does not say.</summary>
    public string? Namespace => _volume?.Current.Namespace ?? _staticNamespace;

    /// <summary>InCluster: the <c>..data</c> generation the token in use came from.</summary>
    public string? CredentialsVersion => _volume?.Current.TokenVersion;

    /// <summary>InCluster: the last reload problem (an unusable new token or CA; the previous one stays in use), or null.</summary>
    public string? CredentialsProblem => _volume?.LastProblem;

    internal ServiceAccountVolume? Volume => _volume;

    /// <summary>
    /// Chooses the mode (<see cref="ModeSelector"/>: the override variable, the option, or Auto's order), logs it once,
    /// and builds the client. Throws <see cref="KubernetesConnectionException"/> when no mode applies or the chosen
    /// one's inputs are unusable; no request is sent.
    /// </summary>
    public static KubernetesConnection Connect(KubernetesConnectionOptions? options = null)
    {
        options ??= new KubernetesConnectionOptions();
        options.Validate();
        ILogger logger = options.LoggerFactory?.CreateLogger("PodBinding.Kubernetes") ?? NullLogger.Instance;
        ResolvedMode mode = ModeSelector.Select(options);

        ServiceAccountVolume? volume = mode.Mode == KubernetesConnectionMode.InCluster
            ? ServiceAccountVolume.Open(mode.ServiceAccountDirectory!, options.WatchOptions, logger)
            : null;
        try
        {
            var handler = new ConnectionHandler(mode, options, volume, logger);
            KubernetesClientConfiguration config = Configure(mode, options, volume, handler);
            handler.Endpoint = mode.Mode == KubernetesConnectionMode.Kubeconfig ? config.Host : mode.Display;
            handler.Context = config.CurrentContext;
            var client = new k8s.Kubernetes(config, handler);
            string reason = mode.Mode == KubernetesConnectionMode.Kubeconfig
                ? $"{mode.Reason}; context {config.CurrentContext ?? "(current)"} in {mode.KubeconfigPath}"
                : mode.Reason;
            Log.ModeChosen(logger, mode.Mode, handler.Endpoint, reason);
            return new KubernetesConnection(mode.Mode, handler.Endpoint, reason, client, volume, volume is null ? config.Namespace : null);
        }
        catch
        {
            volume?.Dispose();
            throw;
        }
    }

    private static KubernetesClientConfiguration Configure(ResolvedMode mode, KubernetesConnectionOptions options, ServiceAccountVolume? volume, ConnectionHandler handler)
    {
        KubernetesClientConfiguration config;
        if (mode.Mode == KubernetesConnectionMode.Kubeconfig)
        {
            try
            {
                config = KubernetesClientConfiguration.BuildConfigFromConfigFile(mode.KubeconfigPath, mode.KubeconfigContext);
            }
            catch (KubeConfigException e)
            {
                throw new KubernetesConnectionException(KubernetesConnectionErrorKind.NoUsableMode,
                    $"The kubeconfig {mode.KubeconfigPath}{(mode.KubeconfigContext is null ? "" : $" (context {mode.KubeconfigContext})")} cannot be used: {e.Message} " +
                    "Check it with `kubectl config view --minify" + (mode.KubeconfigContext is null ? "" : $" --context {mode.KubeconfigContext}") + "`.", e);
            }
        }
        else
        {
            // InCluster: SslCaCerts stays null on purpose. KubernetesClient would otherwise install its own validator
            // over ours, built once from a CA that never reloads.
            config = new KubernetesClientConfiguration
            {
                Host = mode.BaseUri.ToString(),
                TokenProvider = volume is null ? null : new RotatingTokenProvider(volume),
                Namespace = volume?.Current.Namespace,
            };
        }

        // A backstop for reading a response body; the wait for headers is bounded by the handler (RequestTimeout).
        config.HttpClientTimeout = options.RequestTimeout + options.RequestTimeout;
        Action<SocketsHttpHandler>? existing = config.FirstMessageHandlerSetup;
        config.FirstMessageHandlerSetup = sockets =>
        {
            existing?.Invoke(sockets);
            sockets.ConnectTimeout = options.ConnectTimeout;
            sockets.PooledConnectionLifetime = options.PooledConnectionLifetime;
            if (mode.Dial is { } dial)
            {
                sockets.UseProxy = false; // a loopback or Unix-socket kubectl proxy is never reached through an HTTP proxy
                sockets.ConnectCallback = async (_, cancellationToken) =>
                {
                    Socket socket = dial is UnixDomainSocketEndPoint
                        ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                        : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(dial, cancellationToken).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                };
            }

            if (volume is not null)
            {
                sockets.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => volume.ValidateServerCertificate(certificate, errors);
            }
        };
        return config;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _volume?.Dispose();
            _client.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"Kubernetes API connection: {Mode} at {Endpoint}";
}
