using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PodBinding.Kubernetes.Extensions;

namespace PodBinding.Kubernetes.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task One_call_registers_the_client_for_the_chosen_mode_and_a_health_check_that_reports_the_fix()
    {
        int port = ModeSelectionTests.ClosedPort();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPodBindingKubernetes(o =>
        {
            o.Mode = KubernetesConnectionMode.Proxy;
            o.ProxyUri = new Uri($"http://127.0.0.1:{port}");
            o.GetEnvironmentVariable = new FakeEnvironment().Get;
            o.ConnectTimeout = TimeSpan.FromSeconds(1);
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IKubernetes>();
        Assert.Same(provider.GetRequiredService<KubernetesConnection>().Client, client);
        Assert.Equal($"http://localhost:{port}/", client.BaseUri.ToString()); // Host: localhost, the name kubectl proxy accepts

        HealthReport report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        HealthReportEntry entry = report.Entries[KubernetesServiceCollectionExtensions.HealthCheckName];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains($"start `kubectl proxy --port={port}`", entry.Description);
        Assert.Equal("Proxy", entry.Data["mode"]);
    }

    [Fact]
    public async Task A_health_check_without_any_usable_mode_is_unhealthy_with_the_full_list()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPodBindingKubernetes(o =>
        {
            o.GetEnvironmentVariable = new FakeEnvironment { ["HOME"] = "/nonexistent-home" }.Get;
            o.ProxyUri = new Uri($"http://127.0.0.1:{ModeSelectionTests.ClosedPort()}");
            o.ServiceAccountDirectory = "/nonexistent-sa";
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        HealthReport report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        HealthReportEntry entry = report.Entries[KubernetesServiceCollectionExtensions.HealthCheckName];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("- Kubeconfig:", entry.Description);
    }
}
