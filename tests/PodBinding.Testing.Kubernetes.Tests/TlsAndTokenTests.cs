using System.Net;
using System.Security.Authentication;
using k8s;
using k8s.Models;
using PodBinding.Testing.Kubernetes.ApiServer;
using PodBinding.Testing.Kubernetes.Auth;
using PodBinding.Testing.Kubernetes.ServiceAccount;
using PodBinding.Testing.Kubernetes.Tls;

namespace PodBinding.Testing.Kubernetes.Tests;

public sealed class TlsAndTokenTests
{
    [Fact]
    public async Task Tls_is_trusted_with_the_test_CA_and_rejected_with_another_CA()
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        using TestCertificateAuthority stranger = TestCertificateAuthority.Create("stranger");

        using HttpClient trusting = ServerFixture.Client(server);
        Assert.Equal(HttpStatusCode.OK, (await trusting.GetAsync("version")).StatusCode);

        using HttpClient other = ServerFixture.Client(server, stranger.CertificatePem);
        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(() => other.GetAsync("version"));
        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.StartsWith("https://127.0.0.1:", server.BaseAddress.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task A_missing_or_wrong_token_gets_401_with_an_Unauthorized_status(string? token)
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        using HttpClient client = ServerFixture.Client(server, token: token);

        HttpResponseMessage response = await client.GetAsync("api/v1/namespaces/default/pods/x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        V1Status status = KubernetesJson.Deserialize<V1Status>(await response.Content.ReadAsStringAsync());
        Assert.Equal(("Status", "Failure", "Unauthorized", 401), (status.Kind, status.Status, status.Reason, status.Code));
        Assert.Equal(token is null ? TokenState.Missing : TokenState.Unknown, server.Requests.Single().Token);
    }

    [Fact]
    public async Task Only_the_token_in_the_file_now_is_accepted_and_the_log_names_its_generation()
    {
        string directory = Directory.CreateTempSubdirectory("sa-").FullName;
        try
        {
            await using TestApiServer server = await TestApiServer.StartAsync(new TestApiServerOptions { TokenFile = Path.Join(directory, "sa", "token") });
            var folder = new ServiceAccountFolder(Path.Join(directory, "sa"), "token-one", server.CaBundlePem);
            using HttpClient first = ServerFixture.Client(server, token: "token-one");
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("version")).StatusCode);

            folder.Rotate(token: "token-two");
            using HttpClient second = ServerFixture.Client(server, token: "token-two");

            Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("version")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("version")).StatusCode);
            Assert.Equal(
                new[] { (TokenState.Current, 1, 200), (TokenState.Stale, 1, 401), (TokenState.Current, 2, 200) },
                server.Requests.Select(r => (r.Token, r.TokenGeneration, r.StatusCode)));
            Assert.DoesNotContain("token-", string.Join("\n", server.Requests));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Ca_rotation_keeps_both_CAs_in_the_bundle_until_the_old_one_is_dropped()
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        string oldBundle = server.CaBundlePem;

        await server.RotateCertificateAsync();
        string overlap = server.CaBundlePem;
        server.DropPreviousCertificateAuthorities();
        string newOnly = server.CaBundlePem;

        using HttpClient withOld = ServerFixture.Client(server, oldBundle);
        using HttpClient withOverlap = ServerFixture.Client(server, overlap);
        using HttpClient withNew = ServerFixture.Client(server, newOnly);
        await Assert.ThrowsAsync<HttpRequestException>(() => withOld.GetAsync("version"));
        Assert.Equal(HttpStatusCode.OK, (await withOverlap.GetAsync("version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withNew.GetAsync("version")).StatusCode);
        Assert.Equal(2, CountCertificates(overlap));
        Assert.Equal(1, CountCertificates(newOnly));
        Assert.Contains(newOnly, overlap);
    }

    [Fact]
    public async Task SelfSubjectReview_reports_the_token_identity_through_KubernetesClient()
    {
        var identity = new ServiceAccountIdentity { Namespace = "shop", Name = "orders", PodName = "orders-0", PodUid = "pod-uid", NodeName = "node-7", NodeUid = "node-uid", CredentialId = "jti-1" };
        await using TestApiServer server = await ServerFixture.StartAsync(o => o.Identity = identity);
        using var client = KubernetesClient(server);

        V1SelfSubjectReview review = await client.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview());

        V1UserInfo user = review.Status.UserInfo;
        Assert.Equal("system:serviceaccount:shop:orders", user.Username);
        Assert.Equal(new[] { "system:serviceaccounts", "system:serviceaccounts:shop", "system:authenticated" }, user.Groups);
        Assert.Equal("orders-0", user.Extra["authentication.kubernetes.io/pod-name"].Single());
        Assert.Equal("node-7", user.Extra["authentication.kubernetes.io/node-name"].Single());
        Assert.Equal("JTI=jti-1", user.Extra["authentication.kubernetes.io/credential-id"].Single());
        Assert.Equal(5, user.Extra.Count);
    }

    [Fact]
    public async Task Injected_faults_answer_500_then_reset_then_normal()
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        using HttpClient client = ServerFixture.Client(server);
        server.InjectFault(FaultKind.InternalError);
        server.InjectFault(FaultKind.Reset);

        HttpResponseMessage failed = await client.GetAsync("version");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("InternalError", KubernetesJson.Deserialize<V1Status>(await failed.Content.ReadAsStringAsync()).Reason);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync("version"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("version")).StatusCode);
    }

    [Fact]
    public async Task An_injected_hang_lasts_until_the_client_gives_up()
    {
        await using TestApiServer server = await ServerFixture.StartAsync();
        using HttpClient client = ServerFixture.Client(server);
        server.InjectFault(FaultKind.Hang);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("version", cancel.Token));
    }

    internal static k8s.Kubernetes KubernetesClient(TestApiServer server, string token = ServerFixture.Token)
    {
        var roots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        roots.ImportFromPem(server.CaBundlePem);
        return new k8s.Kubernetes(new KubernetesClientConfiguration
        {
            Host = server.BaseAddress.ToString(),
            AccessToken = token,
            SslCaCerts = roots,
        });
    }

    private static int CountCertificates(string pem) => pem.Split("BEGIN CERTIFICATE").Length - 1;
}
