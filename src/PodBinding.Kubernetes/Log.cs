using Microsoft.Extensions.Logging;

namespace PodBinding.Kubernetes;

/// <summary>Every log line the package writes (source-generated: no boxing, AOT-safe). None carries a credential.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "KubernetesModeChosen", Level = LogLevel.Information,
        Message = "Kubernetes API: mode {Mode}, endpoint {Endpoint} ({Reason})")]
    public static partial void ModeChosen(ILogger logger, KubernetesConnectionMode mode, string endpoint, string reason);

    [LoggerMessage(EventId = 2, EventName = "KubernetesCredentialsReloaded", Level = LogLevel.Information,
        Message = "Kubernetes API: service-account credentials reloaded from {Directory} generation {Version} (token changed: {TokenChanged}, CA changed: {CaChanged})")]
    public static partial void CredentialsReloaded(ILogger logger, string directory, string version, bool tokenChanged, bool caChanged);

    [LoggerMessage(EventId = 3, EventName = "KubernetesCredentialsProblem", Level = LogLevel.Warning,
        Message = "Kubernetes API: {Problem}")]
    public static partial void CredentialsProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 4, EventName = "KubernetesTokenRetried", Level = LogLevel.Information,
        Message = "Kubernetes API: 401 from {Endpoint}; the token was re-read from {Directory} (generation {Version}) and the request sent once more")]
    public static partial void TokenRetried(ILogger logger, string endpoint, string directory, string version);
}
