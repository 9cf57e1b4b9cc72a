using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PodBinding.Extensions.Tests;

/// <summary>
/// A small app as users write one (default host builder, console logging, <c>RunAsync</c>), run as a subprocess by
/// <see cref="StartupFailureTests"/>: <c>dotnet PodBinding.Extensions.Tests.dll --startup-host &lt;volume&gt;</c>.
/// </summary>
internal static class StartupHostProgram
{
    public static async Task Main(string[] args)
    {
        if (args is not ["--startup-host", string volume])
        {
            throw new ArgumentException("usage: --startup-host <volume directory>");
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddPodBinding<ShopPod>(r => r.Source = PodSource.FromDirectory(volume, new Dictionary<string, string>()));
        using IHost host = builder.Build();
        await host.RunAsync();
    }
}
