using System.Collections;
using Microsoft.Build.Framework;

namespace PodBinding.Package.Tests.Infrastructure;

/// <summary>Plays MSBuild for a task run in process: records what the task logs.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "Fixture.csproj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    /// <summary>Everything logged, one line each, for assertion messages.</summary>
    public string Log =>
        string.Join(Environment.NewLine,
            Errors.Select(e => $"error {e.Code}: {e.File}({e.LineNumber}): {e.Message}")
                .Concat(Warnings.Select(w => $"warning {w.Code}: {w.Message}"))
                .Concat(Messages.Select(m => $"message [{m.Importance}]: {m.Message}")));
}
