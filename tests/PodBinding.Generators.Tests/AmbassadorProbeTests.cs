using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using k8s.Models;
using PodBinding.Generators.Tests.Helpers;

namespace PodBinding.Generators.Tests;

/// <summary>
/// The generated startupProbe commands, run as the kubelet would run them in the sidecar (bash and coreutils, as in
/// registry.k8s.io/kubectl): they pass only once something listens, so the app is not started too early.
/// </summary>
public sealed class AmbassadorProbeTests
{
    [Fact]
    public void TcpProbe_PassesOnlyWhileTheLoopbackPortListens()
    {
        IList<string> command = Probe("kubernetes-api/ambassador/catalog-pod.patch.yaml");
        Assert.Equal("exec 3<>/dev/tcp/127.0.0.1/8001", command[2]);

        // The same command on a free port instead of 8001 (which another process on this machine may hold).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        string[] onPort = { command[0], command[1], command[2].Replace("/8001", "/" + port, StringComparison.Ordinal) };
        Assert.Equal(0, Run(onPort));

        listener.Stop();
        Assert.NotEqual(0, Run(onPort));
    }

    [Fact]
    public void SocketProbe_PassesOnlyForASocket()
    {
        IList<string> command = Probe("kubernetes-api/ambassador-unix-socket/catalog-pod.patch.yaml");
        Assert.Equal(new[] { "test", "-S", "/var/run/kubectl/proxy.sock" }, command);

        string folder = Directory.CreateTempSubdirectory("podbinding-probe-").FullName;
        try
        {
            string socketPath = Path.Combine(folder, "proxy.sock");
            string[] onPath = { command[0], command[1], socketPath };
            Assert.NotEqual(0, Run(onPath)); // nothing there yet

            using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                socket.Bind(new UnixDomainSocketEndPoint(socketPath));
                socket.Listen();
                Assert.Equal(0, Run(onPath));
            }

            File.Delete(socketPath);
            File.WriteAllText(socketPath, "not a socket");
            Assert.NotEqual(0, Run(onPath));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IList<string> Probe(string file)
    {
        V1PodSpec spec = Workloads.PodSpecOfPatch(GeneratorRunner.Run(Sources.ApiModes).Manifest(file), out _);
        return Assert.Single(spec.InitContainers).StartupProbe.Exec.Command;
    }

    private static int Run(IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardError = true };
        foreach (string argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
