using System.Net;
using k8s;
using k8s.Models;
using PodBinding.Testing.Kubernetes.ApiServer;

namespace PodBinding.Testing.Kubernetes.Tests;

/// <summary>The server's own races and bugs never look like the client's fault: no false 401, no empty 500.</summary>
public sealed class ServerRaceTests
{
    [Fact]
    public async Task A_token_file_lookup_that_lands_in_the_swap_is_retried_not_answered_401()
    {
        int reads = 0;
        await using TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions
        {
            TokenFile = "/sa/token",
            // The second read resolves ..data to the generation the kubelet is removing: ENOENT once, then the new one.
            ReadTokenFile = _ => Interlocked.Increment(ref reads) == 2 ? throw new FileNotFoundException("mid-swap") : "token-1",
        });
        using HttpClient client = ServerFixture.Client(server, token: "token-1");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("version")).StatusCode);

        Assert.Equal(3, reads);
        Assert.Equal(new[] { 200, 200 }, server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_token_file_that_stays_missing_is_missing()
    {
        await using TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions
        {
            TokenFile = "/sa/token",
            ReadTokenFile = _ => throw new FileNotFoundException("gone"),
        });
        using HttpClient client = ServerFixture.Client(server, token: "token-1");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("version")).StatusCode);
        Assert.Equal(0, server.CurrentTokenGeneration);
    }

    [Fact]
    public async Task A_failure_inside_the_server_is_a_500_with_a_Status_that_blames_the_server()
    {
        await using TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions
        {
            TokenFile = "/sa/token",
            ReadTokenFile = _ => throw new InvalidOperationException("a bug in the server"),
        });
        using HttpClient client = ServerFixture.Client(server, token: "token-1");

        HttpResponseMessage response = await client.PostAsync("apis/authentication.k8s.io/v1/selfsubjectreviews", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        V1Status status = KubernetesJson.Deserialize<V1Status>(await response.Content.ReadAsStringAsync());
        Assert.Equal(("Status", "Failure", "InternalError", 500), (status.Kind, status.Status, status.Reason, status.Code));
        Assert.Contains("the test API server failed on POST /apis/authentication.k8s.io/v1/selfsubjectreviews: InvalidOperationException: a bug in the server", status.Message);
        Assert.Equal(500, server.Requests.Single().StatusCode);
    }
}
