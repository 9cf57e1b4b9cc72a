using System.Diagnostics;

namespace PodBinding.Tests.Shared;

/// <summary>
/// The real <c>kubectl kustomize</c>, as users run it. kubectl must be on PATH (CI installs Debian's
/// kubernetes-client); without it the calling test fails rather than skips.
/// </summary>
internal static class KubectlKustomize
{
    /// <summary>Renders <paramref name="directory"/>; fails the test with kubectl's stderr when it exits non-zero.</summary>
    public static string Render(string directory)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException("kubectl did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"kubectl is not on PATH ({e.Message}); install it (Debian: apt-get install kubernetes-client). These tests must not be skipped.");
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new Xunit.Sdk.XunitException($"kubectl kustomize {directory} failed ({process.ExitCode}):\n{stderr.Result}");
            }

            return stdout.Result;
        }
    }

    /// <summary>The documents of kustomize's multi-document output.</summary>
    public static string[] Documents(string rendered) => rendered.Split("\n---\n");

    /// <summary>The one document of <paramref name="kind"/>.</summary>
    public static string Document(string rendered, string kind) =>
        Documents(rendered).Single(d => d.Split('\n').Contains("kind: " + kind));
}
