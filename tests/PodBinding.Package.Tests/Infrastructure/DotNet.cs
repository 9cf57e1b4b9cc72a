using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace PodBinding.Package.Tests.Infrastructure;

/// <summary>The outcome of one <c>dotnet</c> command: exit code and interleaved stdout/stderr.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"> {Command}{Environment.NewLine}(exit code {ExitCode}){Environment.NewLine}{Output}";
}

/// <summary>Runs the SDK's <c>dotnet</c> in a clean, isolated child process with a timeout.</summary>
internal static class DotNet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The repository root, from the <c>AssemblyMetadata("RepoRoot", …)</c> that tests/Directory.Build.props adds.</summary>
    public static string RepoRoot { get; } =
        typeof(DotNet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value
        ?? throw new InvalidOperationException("The RepoRoot assembly metadata is empty.");

    /// <summary>This test project's folder (where the scratch project templates live), from tests/Directory.Build.props.</summary>
    public static string ProjectDirectory { get; } =
        typeof(DotNet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value
        ?? throw new InvalidOperationException("The ProjectDirectory assembly metadata is empty.");

    /// <summary>
    /// <c>dotnet build</c>-style arguments get flags that keep nested builds independent of the test run: no MSBuild
    /// node reuse, no shared compiler server, the classic console logger (stable text to assert on).
    /// </summary>
    public static CommandResult Build(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, [.. arguments, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off", "-nologo"]);

    public static CommandResult Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(HostPath())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host inherits MSBuild's environment from `dotnet test`; a nested build must start from scratch.
        foreach (string name in start.Environment.Keys.Where(IsInheritedBuildVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        string command = "dotnet " + string.Join(' ', arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Append(output, $"*** killed after {Timeout.TotalSeconds:0} s ***");
            return new CommandResult(command, -1, Snapshot(output));
        }

        process.WaitForExit(); // drains the asynchronous output readers
        return new CommandResult(command, process.ExitCode, Snapshot(output));
    }

    private static bool IsInheritedBuildVariable(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("VSTEST_", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase);

    private static string HostPath()
    {
        // Under `dotnet test` this is the dotnet that runs the tests; otherwise the one on PATH.
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
