using System.Net;
using System.Net.Sockets;

namespace PodBinding.Kubernetes.Modes;

/// <summary>
/// Picks the mode: the override variable, else the option; <see cref="KubernetesConnectionMode.Auto"/> tries
/// InCluster, Ambassador, Proxy, Kubeconfig in that order. In-pod modes come first because their inputs exist only
/// in a pod; a running <c>kubectl proxy</c> is a deliberate act, so it beats a kubeconfig that merely exists.
/// Nothing applying is one exception listing every mode tried — never a silent default endpoint.
/// </summary>
internal static class ModeSelector
{
    private static readonly KubernetesConnectionMode[] AutoOrder =
    [
        KubernetesConnectionMode.InCluster,
        KubernetesConnectionMode.Ambassador,
        KubernetesConnectionMode.Proxy,
        KubernetesConnectionMode.Kubeconfig,
    ];

    public static ResolvedMode Select(KubernetesConnectionOptions options)
    {
        (KubernetesConnectionMode requested, string requestedBy) = Requested(options);
        var attempts = new List<ModeAttempt>(4);
        bool auto = requested == KubernetesConnectionMode.Auto;
        foreach (KubernetesConnectionMode mode in auto ? AutoOrder : [requested])
        {
            ResolvedMode? resolved = TryResolve(mode, options, probe: auto, out ModeAttempt? failure);
            if (resolved is not null)
            {
                return auto ? resolved with { Reason = $"{requestedBy}: {resolved.Reason}" } : resolved with { Reason = requestedBy };
            }

            attempts.Add(failure!);
        }

        throw new KubernetesConnectionException(
            KubernetesConnectionErrorKind.NoUsableMode,
            ErrorTexts.NoUsableMode(requested, requestedBy, attempts));
    }

    private static (KubernetesConnectionMode Mode, string By) Requested(KubernetesConnectionOptions options)
    {
        string? fromEnvironment = options.GetEnvironmentVariable(options.ModeVariable);
        if (string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return (options.Mode, options.Mode == KubernetesConnectionMode.Auto ? "mode Auto" : $"Mode = {options.Mode} in the options");
        }

        // Enum.TryParse would accept numbers ("1"); only the names are meant.
        foreach (KubernetesConnectionMode mode in Enum.GetValues<KubernetesConnectionMode>())
        {
            if (string.Equals(mode.ToString(), fromEnvironment.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return (mode, $"{options.ModeVariable}={fromEnvironment.Trim()}");
            }
        }

        throw new KubernetesConnectionException(
            KubernetesConnectionErrorKind.NoUsableMode,
            $"The environment variable {options.ModeVariable} is '{fromEnvironment}', which is not a connection mode. " +
            $"Use one of: {string.Join(", ", Enum.GetNames<KubernetesConnectionMode>())} (any case), or remove it to use the configured mode ({options.Mode}).");
    }

    private static ResolvedMode? TryResolve(KubernetesConnectionMode mode, KubernetesConnectionOptions options, bool probe, out ModeAttempt? failure) => mode switch
    {
        KubernetesConnectionMode.InCluster => TryInCluster(options, out failure),
        KubernetesConnectionMode.Ambassador => TryAmbassador(options, probe, out failure),
        KubernetesConnectionMode.Proxy => TryProxy(options, probe, out failure),
        KubernetesConnectionMode.Kubeconfig => TryKubeconfig(options, out failure),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Auto is not a concrete mode."),
    };

    private static ResolvedMode? TryInCluster(KubernetesConnectionOptions options, out ModeAttempt? failure)
    {
        string? host = options.GetEnvironmentVariable(options.ServiceHostVariable);
        string? portText = options.GetEnvironmentVariable(options.ServicePortVariable);
        const string OtherModes = "run inside a pod, or pick another mode (on a laptop: start `kubectl proxy` and set PODBINDING_KUBERNETES_MODE=Proxy)";
        if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(portText))
        {
            string missing = string.IsNullOrWhiteSpace(host) && string.IsNullOrWhiteSpace(portText)
                ? $"{options.ServiceHostVariable} and {options.ServicePortVariable} are not set"
                : $"{(string.IsNullOrWhiteSpace(host) ? options.ServiceHostVariable : options.ServicePortVariable)} is not set (but {(string.IsNullOrWhiteSpace(host) ? options.ServicePortVariable : options.ServiceHostVariable)} is)";
            failure = new ModeAttempt(KubernetesConnectionMode.InCluster,
                $"{missing}: the kubelet sets both in every container of a pod, so this process is not running in one", OtherModes);
            return null;
        }

        if (!ushort.TryParse(portText.Trim(), out ushort port) || port == 0)
        {
            failure = new ModeAttempt(KubernetesConnectionMode.InCluster,
                $"{options.ServicePortVariable}='{portText}' is not a TCP port number",
                $"remove the override of {options.ServicePortVariable} from the container's env: the kubelet sets it to the kubernetes Service's port");
            return null;
        }

        string directory = options.ServiceAccountDirectory;
        string token = Path.Join(directory, "token");
        string ca = Path.Join(directory, "ca.crt");
        if (!File.Exists(token))
        {
            failure = new ModeAttempt(KubernetesConnectionMode.InCluster,
                $"{options.ServiceHostVariable} is set but {token} does not exist{(Directory.Exists(directory) ? "" : $" (nor does the folder {directory}: nothing is mounted there)")}: the pod (or its ServiceAccount) sets automountServiceAccountToken: false",
                ErrorTexts.AutomountYaml + "\n# or keep the token out of the app and use an ambassador sidecar (mode Ambassador)");
            return null;
        }

        if (!File.Exists(ca))
        {
            failure = new ModeAttempt(KubernetesConnectionMode.InCluster,
                $"{token} exists but {ca} does not: the folder was not written by the kubelet",
                "remove the volume mounted over the service-account folder, or point ServiceAccountDirectory at the kubelet's folder");
            return null;
        }

        // UriBuilder brackets IPv6 literals (fd00::1 → https://[fd00::1]:443/).
        var uri = new UriBuilder(Uri.UriSchemeHttps, host.Trim(), port).Uri;
        failure = null;
        return new ResolvedMode(KubernetesConnectionMode.InCluster, uri, $"{options.ServiceHostVariable}/{options.ServicePortVariable} and the service-account token are present")
        {
            Display = uri.ToString(),
            ServiceAccountDirectory = directory,
        };
    }

    private static ResolvedMode? TryAmbassador(KubernetesConnectionOptions options, bool probe, out ModeAttempt? failure)
    {
        string? configured = options.GetEnvironmentVariable(options.AmbassadorVariable);
        if (!TryParseEndpoint(configured, options.AmbassadorUri, options.AmbassadorVariable, out Uri? uri, out string? parseProblem))
        {
            failure = new ModeAttempt(KubernetesConnectionMode.Ambassador, parseProblem!, $"set {options.AmbassadorVariable} to http://127.0.0.1:<port> or unix:///<path-on-the-shared-emptyDir>");
            return null;
        }

        string yaml = ErrorTexts.AmbassadorYaml(uri!, options.ModeVariable);
        if (probe)
        {
            bool inPod = !string.IsNullOrWhiteSpace(options.GetEnvironmentVariable(options.ServiceHostVariable));
            if (string.IsNullOrWhiteSpace(configured) && !inPod)
            {
                failure = new ModeAttempt(KubernetesConnectionMode.Ambassador,
                    $"neither {options.AmbassadorVariable} nor {options.ServiceHostVariable} is set: not a pod with an ambassador sidecar", yaml);
                return null;
            }

            if (Probe(uri!, options.ConnectTimeout) is { } notListening)
            {
                failure = new ModeAttempt(KubernetesConnectionMode.Ambassador, $"{notListening}: the sidecar is not running or not listening yet", yaml);
                return null;
            }
        }

        failure = null;
        return Local(KubernetesConnectionMode.Ambassador, uri!, probe ? $"the ambassador sidecar listens at {uri}" : "");
    }

    private static ResolvedMode? TryProxy(KubernetesConnectionOptions options, bool probe, out ModeAttempt? failure)
    {
        string? configured = options.GetEnvironmentVariable(options.ProxyVariable);
        if (!TryParseEndpoint(configured, options.ProxyUri, options.ProxyVariable, out Uri? uri, out string? parseProblem) || uri!.IsUnixSocket())
        {
            failure = new ModeAttempt(KubernetesConnectionMode.Proxy, parseProblem ?? $"{uri} is a Unix socket; kubectl proxy on a laptop listens on TCP", $"set {options.ProxyVariable} to http://127.0.0.1:<port>");
            return null;
        }

        if (probe && Probe(uri!, options.ConnectTimeout) is { } notListening)
        {
            failure = new ModeAttempt(KubernetesConnectionMode.Proxy, notListening, $"start it in another terminal: kubectl proxy --port={uri!.Port} (or set {options.ProxyVariable} to where it listens)");
            return null;
        }

        failure = null;
        return Local(KubernetesConnectionMode.Proxy, uri!, probe ? $"kubectl proxy listens at {uri}" : "");
    }

    private static ResolvedMode? TryKubeconfig(KubernetesConnectionOptions options, out ModeAttempt? failure)
    {
        string? path = options.KubeconfigPath;
        string source;
        if (path is not null)
        {
            source = "KubeconfigPath in the options";
        }
        else
        {
            string? list = options.GetEnvironmentVariable("KUBECONFIG");
            string? home = options.GetEnvironmentVariable("HOME");
            path = list?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(File.Exists);
            source = "KUBECONFIG";
            if (path is null && !string.IsNullOrWhiteSpace(home))
            {
                path = Path.Join(home, ".kube", "config");
                source = "~/.kube/config";
            }
        }

        if (path is null || !File.Exists(path))
        {
            failure = new ModeAttempt(KubernetesConnectionMode.Kubeconfig,
                path is null ? "KUBECONFIG names no existing file and HOME is not set" : $"{path} ({source}) does not exist",
                "log in to a cluster so kubectl writes ~/.kube/config (check with `kubectl config current-context`), or set KUBECONFIG or KubeconfigPath");
            return null;
        }

        failure = null;
        return new ResolvedMode(KubernetesConnectionMode.Kubeconfig, new Uri("https://kubeconfig.invalid"), $"{path} exists ({source})")
        {
            Display = path,
            KubeconfigPath = path,
            KubeconfigContext = options.KubeconfigContext,
        };
    }

    private static bool TryParseEndpoint(string? configured, Uri fallback, string variable, out Uri? uri, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(configured))
        {
            uri = fallback;
        }
        else if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out uri)
                 || !(uri.Scheme is "http" or "https" || uri.IsUnixSocket()))
        {
            problem = $"{variable}='{configured}' is not an http:// or unix:// address";
            uri = null;
            return false;
        }

        if (uri!.IsUnixSocket() ? uri.AbsolutePath.Length <= 1 : uri.Port <= 0)
        {
            problem = $"{uri} names no {(uri.IsUnixSocket() ? "socket path" : "port")}";
            uri = null;
            return false;
        }

        return true;
    }

    /// <summary>
    /// The request address and the socket address for a kubectl proxy endpoint. kubectl proxy accepts only the Host
    /// names localhost and 127.0.0.1 (<c>[::1]</c> fails its filter once a port is attached), so loopback addresses
    /// are dialled directly while requests say <c>Host: localhost</c>; <c>localhost</c> itself dials 127.0.0.1, where
    /// kubectl proxy listens by default, instead of whatever the resolver returns first.
    /// </summary>
    private static ResolvedMode Local(KubernetesConnectionMode mode, Uri configured, string reason)
    {
        if (configured.IsUnixSocket())
        {
            return new ResolvedMode(mode, new Uri("http://localhost/"), reason)
            {
                Dial = new UnixDomainSocketEndPoint(configured.AbsolutePath),
                Display = configured.ToString(),
            };
        }

        IPAddress? address = string.Equals(configured.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.TryParse(configured.Host, out IPAddress? parsed) && IPAddress.IsLoopback(parsed) ? parsed : null;
        if (address is null)
        {
            return new ResolvedMode(mode, configured, reason) { Display = configured.ToString() };
        }

        var builder = new UriBuilder(configured) { Host = "localhost" };
        return new ResolvedMode(mode, builder.Uri, reason)
        {
            Dial = new IPEndPoint(address, configured.Port),
            Display = configured.ToString(),
        };
    }

    /// <summary>Null when something accepts a connection at <paramref name="endpoint"/>, else what was found.</summary>
    internal static string? Probe(Uri endpoint, TimeSpan timeout)
    {
        EndPoint target;
        if (endpoint.IsUnixSocket())
        {
            if (!File.Exists(endpoint.AbsolutePath))
            {
                return $"there is no socket at {endpoint.AbsolutePath}";
            }

            target = new UnixDomainSocketEndPoint(endpoint.AbsolutePath);
        }
        else
        {
            target = Local(KubernetesConnectionMode.Proxy, endpoint, "").Dial ?? new DnsEndPoint(endpoint.Host, endpoint.Port);
        }

        using var socket = target is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            socket.ConnectAsync(target, cancel.Token).AsTask().GetAwaiter().GetResult();
            return null;
        }
        catch (OperationCanceledException)
        {
            return $"nothing answered at {endpoint} within {timeout.TotalSeconds:0.#} s";
        }
        catch (SocketException e)
        {
            return $"nothing listens at {endpoint} ({e.SocketErrorCode})";
        }
    }
}
