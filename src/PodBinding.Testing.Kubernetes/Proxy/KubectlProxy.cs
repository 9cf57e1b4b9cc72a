using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using PodBinding.Testing.Kubernetes.ApiServer;

namespace PodBinding.Testing.Kubernetes.Proxy;

/// <summary>
/// Runs the machine's real <c>kubectl proxy</c> in front of a <see cref="TestApiServer"/>, through a generated
/// kubeconfig (the server's https address, its CA bundle and a bearer token), over TCP (a random port) or a Unix
/// socket. Disposing stops the process and deletes the kubeconfig.
/// </summary>
public sealed partial class KubectlProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workDirectory;
    private readonly StringBuilder _stderr = new();

    private KubectlProxy(Process process, string workDirectory, Uri? address, string? socketPath)
    {
        _process = process;
        _workDirectory = workDirectory;
        Address = address;
        UnixSocketPath = socketPath;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c> for a TCP proxy; null for a Unix-socket proxy.</summary>
    public Uri? Address { get; private set; }

    /// <summary>The Unix socket's path, or null for a TCP proxy.</summary>
    public string? UnixSocketPath { get; }

    /// <summary>What kubectl wrote to stderr so far.</summary>
    public string StandardError
    {
        get { lock (_stderr) { return _stderr.ToString(); } }
    }

    /// <summary>Starts <c>kubectl proxy --port=0</c> and waits for its "Starting to serve on" line.</summary>
    /// <param name="server">The upstream.</param>
    /// <param name="token">The token the kubeconfig carries (kubectl sends it upstream only because the upstream is https).</param>
    /// <param name="extraArguments">More <c>kubectl proxy</c> flags, such as <c>--reject-methods=POST</c>.</param>
    /// <param name="timeout">How long to wait for readiness (default 20 s).</param>
    public static Task<KubectlProxy> StartTcpAsync(TestApiServer server, string token, IEnumerable<string>? extraArguments = null, TimeSpan? timeout = null) =>
        StartAsync(server, token, null, extraArguments, timeout);

    /// <summary>Starts <c>kubectl proxy --unix-socket=PATH</c> and waits until it serves.</summary>
    public static Task<KubectlProxy> StartUnixSocketAsync(TestApiServer server, string token, string socketPath, IEnumerable<string>? extraArguments = null, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        return StartAsync(server, token, Path.GetFullPath(socketPath), extraArguments, timeout);
    }

    /// <summary>The kubectl found on PATH.</summary>
    /// <exception cref="InvalidOperationException">There is none.</exception>
    public static string FindKubectl()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Join(directory, OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "kubectl was not found on PATH. Install it (on Debian or Ubuntu: `sudo apt-get install kubernetes-client`) or add its folder to PATH.");
    }

    private static async Task<KubectlProxy> StartAsync(TestApiServer server, string token, string? socketPath, IEnumerable<string>? extraArguments, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrEmpty(token);
        string kubectl = FindKubectl();
        string work = System.IO.Directory.CreateTempSubdirectory("podbinding-kubectl-proxy-").FullName;
        string kubeconfig = Path.Join(work, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, Kubeconfig.Render(server.BaseAddress, server.CaBundlePem, token)).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(kubeconfig, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var start = new ProcessStartInfo(kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("proxy");
        start.ArgumentList.Add("--kubeconfig=" + kubeconfig);
        start.ArgumentList.Add(socketPath is null ? "--port=0" : "--unix-socket=" + socketPath);
        foreach (string argument in extraArguments ?? Array.Empty<string>())
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("KUBECONFIG");
        start.Environment["HOME"] = work;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {kubectl}.");
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var proxy = new KubectlProxy(process, work, null, socketPath);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (proxy._stderr)
                {
                    proxy._stderr.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && e.Data.Contains("Starting to serve on", StringComparison.Ordinal))
            {
                ready.TrySetResult(e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("kubectl proxy exited before serving."));
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        string line;
        try
        {
            line = await ready.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"kubectl proxy did not start serving ({e.Message}). kubectl's stderr:\n{proxy.StandardError}", e);
        }

        if (socketPath is not null)
        {
            return proxy;
        }

        Match match = ServeLine().Match(line);
        if (!match.Success)
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Unexpected kubectl proxy start line: '{line}'.");
        }

        proxy.Address = new Uri($"http://{match.Groups[1].Value}/");
        return proxy;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder.
        }
    }

    [GeneratedRegex(@"Starting to serve on (\S+)")]
    private static partial Regex ServeLine();
}
