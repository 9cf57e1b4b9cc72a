using Microsoft.Extensions.Logging;

namespace PodBinding.Extensions;

/// <summary>Source-generated log messages (no boxing, no reflection).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Loaded {Type} ({Members} members, volume {Volume}, watching: {Watching})")]
    public static partial void Loaded(ILogger logger, string type, int members, string volume, bool watching);

    // The load exception's message is the whole report (it names the type); attaching the exception would print it twice.
    [LoggerMessage(2, LogLevel.Critical, "{Problems}")]
    public static partial void LoadFailed(ILogger logger, string problems);

    [LoggerMessage(14, LogLevel.Information, "Stopping the host because {Type} could not be loaded (exit code {ExitCode}); the problems are listed above")]
    public static partial void StoppingHost(ILogger logger, string type, int exitCode);

    [LoggerMessage(3, LogLevel.Information, "Reloaded {Type}: the kubelet updated the volume (version {Version})")]
    public static partial void Reloaded(ILogger logger, string type, string? version);

    [LoggerMessage(4, LogLevel.Warning, "Could not reload {Type}; keeping the previous value until a reload succeeds (logged again only then): {Problem}")]
    public static partial void ReloadFailed(ILogger logger, string type, string problem, Exception? exception);

    [LoggerMessage(7, LogLevel.Debug, "Still cannot reload {Type} ({Count} failed reloads so far): {Problem}")]
    public static partial void ReloadStillFailing(ILogger logger, string type, int count, string problem);

    [LoggerMessage(8, LogLevel.Information, "Reloading {Type} works again: the failure cleared after {Count} failed reloads")]
    public static partial void ReloadRecovered(ILogger logger, string type, int count);

    [LoggerMessage(5, LogLevel.Error, "A change callback for {Type} threw; other callbacks still ran")]
    public static partial void CallbackFailed(ILogger logger, string type, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "File-system events for {Type} failed; polling until they recover: {Problem}")]
    public static partial void EventsFailed(ILogger logger, string type, string problem, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Could not reload the downward API volume at {Volume} into configuration; keeping the previous values until a reload succeeds (logged again only then): {Problem}")]
    public static partial void ConfigurationReloadFailed(ILogger logger, string volume, string problem);

    [LoggerMessage(10, LogLevel.Debug, "Still cannot reload the downward API volume at {Volume} into configuration ({Count} failed reloads so far): {Problem}")]
    public static partial void ConfigurationStillFailing(ILogger logger, string volume, int count, string problem);

    [LoggerMessage(11, LogLevel.Information, "Reloading the downward API volume at {Volume} into configuration works again: the failure cleared after {Count} failed reloads")]
    public static partial void ConfigurationReloadRecovered(ILogger logger, string volume, int count);

    [LoggerMessage(12, LogLevel.Error, "A ReloadFailed handler for the downward API volume at {Volume} threw")]
    public static partial void ConfigurationHandlerFailed(ILogger logger, string volume, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "File-system events for the downward API volume at {Volume} failed; polling covers: {Problem}")]
    public static partial void ConfigurationEventsFailed(ILogger logger, string volume, string problem);

    [LoggerMessage(15, LogLevel.Warning, "Reading {Type} from the simulated pod in {Folder}, not from a real pod, because {Reason}")]
    public static partial void UsingSimulatedPod(ILogger logger, string type, string folder, string reason);
}
