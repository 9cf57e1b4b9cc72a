using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using PodBinding.Volumes;
using PodBinding.Watching;

namespace PodBinding.Kubernetes.Credentials;

/// <summary>
/// The live service-account folder: token, ca.crt and namespace read from one <c>..data</c> generation, reloaded
/// when the kubelet swaps it (the runtime's <see cref="VolumeChangeLoop"/>: file-system events plus a slow poll) and
/// on demand after a 401. Requests only read the current <see cref="ServiceAccountGeneration"/>: no file I/O per request.
/// A new file that is unusable keeps the last good value and is reported (<see cref="LastProblem"/>, the log).
/// </summary>
internal sealed class ServiceAccountVolume : IDisposable
{
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private readonly VolumeChangeLoop? _loop;
    private ServiceAccountGeneration _current;
    private string? _readVersion;
    private string? _lastProblem;
    private TlsFailure? _lastTlsFailure;

    private ServiceAccountVolume(string directory, ServiceAccountGeneration first, string? readVersion, DownwardWatchOptions? watch, ILogger logger)
    {
        Directory = directory;
        _current = first;
        _readVersion = readVersion;
        _logger = logger;
        if (watch is not null)
        {
            _loop = new VolumeChangeLoop(directory, watch, () => Reload(force: false), e => Report(e.Exception.Message));
        }
    }

    /// <summary>The service-account folder.</summary>
    public string Directory { get; }

    /// <summary>The credentials in use now.</summary>
    public ServiceAccountGeneration Current => Volatile.Read(ref _current);

    /// <summary>The last reload problem (an unusable new token or CA, kept the previous one), or null when the last reload was clean.</summary>
    public string? LastProblem => Volatile.Read(ref _lastProblem);

    /// <summary>Why the last rejected server certificate was rejected (read when a handshake fails).</summary>
    public TlsFailure? LastTlsFailure => Volatile.Read(ref _lastTlsFailure);

    /// <summary>Raised after a reload changed the token or the CA.</summary>
    public event Action<ServiceAccountGeneration>? Changed;

    /// <summary>
    /// Reads the folder for the first time; throws <see cref="KubernetesConnectionException"/> when the token or CA is
    /// missing or unusable. <paramref name="watch"/> null: no watching (one-shot use, benchmarks).
    /// </summary>
    public static ServiceAccountVolume Open(string directory, DownwardWatchOptions? watch, ILogger logger)
    {
        VolumeSnapshot snapshot = ServiceAccountFiles.Read(directory);
        string? token = ServiceAccountFiles.ParseToken(snapshot, out string? tokenProblem);
        X509Certificate2Collection? ca = ServiceAccountFiles.ParseCa(snapshot, out string? caProblem);
        if (token is null || ca is null)
        {
            throw new KubernetesConnectionException(
                KubernetesConnectionErrorKind.ServiceAccount,
                ErrorTexts.ServiceAccountUnusable(directory, snapshot.Version, tokenProblem, caProblem));
        }

        var first = new ServiceAccountGeneration(token, snapshot.Version, ca, snapshot.Version, ServiceAccountFiles.ParseNamespace(snapshot));
        return new ServiceAccountVolume(directory, first, snapshot.Version, watch, logger);
    }

    /// <summary>Re-reads the folder now (after a 401). Returns whether the token changed.</summary>
    public bool ReloadNow()
    {
        string before = Current.Token;
        Reload(force: true);
        return !string.Equals(before, Current.Token, StringComparison.Ordinal);
    }

    /// <summary>The TLS validation for connections to the API server, against the CA of the current generation.</summary>
    public bool ValidateServerCertificate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        ServiceAccountGeneration current = Current;
        if (certificate is null)
        {
            Volatile.Write(ref _lastTlsFailure, new TlsFailure("the server sent no certificate", current));
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            Volatile.Write(ref _lastTlsFailure, new TlsFailure($"its certificate ({certificate.Subject}) is not issued for the host name that was dialled", current));
            return false;
        }

        using var server = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(current.CaCertificates);
        if (chain.Build(server))
        {
            return true;
        }

        string status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        Volatile.Write(ref _lastTlsFailure, new TlsFailure(
            $"its certificate ({server.Subject}, issued by {server.Issuer}) does not chain to a CA in ca.crt ({status})", current));
        return false;
    }

    public void Dispose() => _loop?.Dispose();

    private void Reload(bool force)
    {
        lock (_gate)
        {
            if (!force && _readVersion is { } known && VolumeSnapshot.ReadVersion(Directory) == known)
            {
                return; // no swap since the last read: one readlink
            }

            VolumeSnapshot snapshot;
            try
            {
                snapshot = ServiceAccountFiles.Read(Directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report($"The service-account folder {Directory} could not be re-read ({e.Message}); the previous token and CA stay in use.");
                return;
            }

            _readVersion = snapshot.Version;
            ServiceAccountGeneration previous = Current;
            string? token = ServiceAccountFiles.ParseToken(snapshot, out string? tokenProblem);
            X509Certificate2Collection? ca = ServiceAccountFiles.ParseCa(snapshot, out string? caProblem);

            var problems = new List<string>(2);
            if (token is null)
            {
                problems.Add($"{tokenProblem} in generation {snapshot.Version ?? "(plain folder)"}: the previous token (from {previous.TokenVersion ?? "a plain folder"}) stays in use");
            }

            if (ca is null)
            {
                problems.Add($"{caProblem} in generation {snapshot.Version ?? "(plain folder)"}: the last good CA (from {previous.CaVersion ?? "a plain folder"}, {previous.CaCertificates.Count} certificate(s)) stays in use");
            }

            bool tokenChanged = token is not null && !string.Equals(token, previous.Token, StringComparison.Ordinal);
            bool caChanged = ca is not null && !SameCertificates(ca, previous.CaCertificates);
            string? @namespace = ServiceAccountFiles.ParseNamespace(snapshot) ?? previous.Namespace;
            if (tokenChanged || caChanged || token is not null && previous.TokenVersion != snapshot.Version || !string.Equals(@namespace, previous.Namespace, StringComparison.Ordinal))
            {
                var next = new ServiceAccountGeneration(
                    token ?? previous.Token,
                    token is not null ? snapshot.Version : previous.TokenVersion,
                    caChanged ? ca! : previous.CaCertificates,
                    ca is not null ? snapshot.Version : previous.CaVersion,
                    @namespace);
                Volatile.Write(ref _current, next);
                if (tokenChanged || caChanged)
                {
                    Log.CredentialsReloaded(_logger, Directory, snapshot.Version ?? "(plain folder)", tokenChanged, caChanged);
                    Notify(next);
                }
            }

            if (problems.Count > 0)
            {
                Report($"The service-account folder {Directory} changed but " + string.Join("; ", problems) + ".");
            }
            else
            {
                Volatile.Write(ref _lastProblem, null);
            }
        }
    }

    private static bool SameCertificates(X509Certificate2Collection a, X509Certificate2Collection b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (!a[i].RawDataMemory.Span.SequenceEqual(b[i].RawDataMemory.Span))
            {
                return false;
            }
        }

        return true;
    }

    private void Notify(ServiceAccountGeneration next)
    {
        try
        {
            Changed?.Invoke(next);
        }
        catch (Exception e)
        {
            Report($"A credentials-changed handler threw: {e.Message}");
        }
    }

    private void Report(string problem)
    {
        Volatile.Write(ref _lastProblem, problem);
        Log.CredentialsProblem(_logger, problem);
    }
}

/// <summary>Why the validator rejected a server certificate, and which CA generation it checked against.</summary>
internal sealed record TlsFailure(string Reason, ServiceAccountGeneration CheckedAgainst);
