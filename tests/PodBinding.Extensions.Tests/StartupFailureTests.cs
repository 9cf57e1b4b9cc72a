using System.Diagnostics;

namespace PodBinding.Extensions.Tests;

/// <summary>A misconfigured pod stops a real app once: one report on the console and a non-zero exit, no abort.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task A_hosted_app_with_a_misconfigured_pod_prints_one_report_and_exits_with_1()
    {
        string missing = Path.Combine(Path.GetTempPath(), "podbinding-missing-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(StartupHostProgram).Assembly.Location, "--startup-host", missing },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_ENVIRONMENT"] = "Production", ["Logging__Console__FormatterName"] = "simple" },
        };
        using Process app = Process.Start(start)!;
        Task<string> stdout = app.StandardOutput.ReadToEndAsync();
        Task<string> stderr = app.StandardError.ReadToEndAsync();
        await app.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2)); // liveness bound, not a speed assertion
        string output = await stdout + await stderr;

        Assert.True(app.ExitCode == 1, $"exit code {app.ExitCode} (134 is SIGABRT)\n{output}");
        int reports = Count(output, "Could not load PodBinding.Extensions.Tests.ShopPod from the Downward API");
        Assert.True(reports == 1, $"the report appears {reports} times\n{output}");
        Assert.Equal(1, Count(output, "env var POD_NAME"));
        Assert.DoesNotContain("Unhandled exception", output);
    }

    private static int Count(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
