using System.Collections.Concurrent;
using System.Net;
using System.Security.Authentication;
using System.Text;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PodBinding.Testing.Kubernetes.Auth;
using PodBinding.Testing.Kubernetes.Rbac;
using PodBinding.Testing.Kubernetes.Tls;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>
/// A stand-in for kube-apiserver on loopback: real HTTPS (HTTP/1.1 and HTTP/2) with a certificate from an in-memory test
/// CA, bearer-token authentication, RBAC, an object store with list and watch, SelfSubjectReview and
/// SelfSubjectAccessReview — answering with KubernetesClient's models serialized by <see cref="KubernetesJson"/>.
/// Requests are checked in the real server's order: authentication (401), authorization (403), then the handler.
/// </summary>
public sealed class TestApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServingCertificates _certificates;
    private readonly TokenAuthenticator _tokens;
    private readonly RbacAuthorizer _authorizer;
    private readonly TestApiServerOptions _options;
    private readonly ConcurrentQueue<RecordedRequest> _log = new();
    private readonly ConcurrentQueue<(FaultKind Kind, int StatusCode)> _faults = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _sequence;

    private TestApiServer(WebApplication app, ServingCertificates certificates, TestApiServerOptions options)
    {
        _app = app;
        _certificates = certificates;
        _options = options;
        _tokens = new TokenAuthenticator(options.TokenFile, options.Token, options.ReadTokenFile);
        _authorizer = new RbacAuthorizer(options.Rbac);
        Store = new ObjectStore();
    }

    /// <summary>The server's address, <c>https://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The objects the server holds; writes through it reach open watches.</summary>
    public ObjectStore Store { get; }

    /// <summary>The PEM bundle clients should trust now: one CA, or the old and new ones during a rotation's overlap.</summary>
    public string CaBundlePem => _certificates.BundlePem;

    /// <summary>
    /// The two variables the kubelet sets for the <c>kubernetes</c> Service, pointing at this server (host
    /// <c>127.0.0.1</c>, whose name the serving certificate carries): give them to an in-cluster client under test,
    /// e.g. <c>GetEnvironmentVariable = name =&gt; server.ServiceEnvironment.GetValueOrDefault(name)</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1",
        ["KUBERNETES_SERVICE_PORT"] = BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The CA that signed the certificate new connections get.</summary>
    public TestCertificateAuthority CurrentCertificateAuthority => _certificates.CurrentAuthority;

    /// <summary>Every request received so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.ToArray();

    /// <summary>The generation of the token the server accepts now (see <see cref="RecordedRequest.TokenGeneration"/>).</summary>
    public int CurrentTokenGeneration => _tokens.CurrentGeneration;

    /// <summary>An added delay before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>How many times each loaded RBAC rule allowed a request (SelfSubjectAccessReviews do not count).</summary>
    public IReadOnlyDictionary<RbacRuleReference, long> RbacRuleUses => _authorizer.Uses;

    /// <summary>The loaded RBAC rules that have not allowed any request yet.</summary>
    public IReadOnlyList<RbacRuleReference> UnusedRbacRules => _authorizer.UnusedRules;

    /// <summary>Starts a server on <c>127.0.0.1</c> with a random port.</summary>
    public static async Task<TestApiServer> StartAsync(TestApiServerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificates = new ServingCertificates();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https =>
                {
                    https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                    https.ServerCertificateSelector = (_, _) => certificates.Current;
                });
            });
        });

        WebApplication app = builder.Build();
        TestApiServer server;
        try
        {
            server = new TestApiServer(app, certificates, options);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            certificates.Dispose();
            throw;
        }

        app.Run(server.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/");
        return server;
    }

    /// <summary>
    /// Moves the server to a certificate from a new CA. New connections get it; open ones keep the old certificate.
    /// <see cref="CaBundlePem"/> then holds both CAs until <see cref="DropPreviousCertificateAuthorities"/>.
    /// </summary>
    public Task<TestCertificateAuthority> RotateCertificateAsync() => Task.FromResult(_certificates.Rotate());

    /// <summary>Ends the rotation's overlap: <see cref="CaBundlePem"/> holds only the current CA.</summary>
    public void DropPreviousCertificateAuthorities() => _certificates.DropPrevious();

    /// <summary>Replaces the fixed token (only for a server started with <see cref="TestApiServerOptions.Token"/>).</summary>
    public void SetToken(string token) => _tokens.SetFixedToken(token);

    /// <summary>The next <paramref name="count"/> requests get <paramref name="kind"/> instead of their answer.</summary>
    public void InjectFault(FaultKind kind, int count = 1)
    {
        for (int i = 0; i < count; i++)
        {
            _faults.Enqueue((kind, 500));
        }
    }

    /// <summary>Forgets the request log.</summary>
    public void ClearRequests() => _log.Clear();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        Store.CloseWatches();
        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _certificates.Dispose();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string pathAndQuery = request.Path.Value + request.QueryString.Value;
        long sequence = Interlocked.Increment(ref _sequence);
        TokenState state = TokenState.Missing;
        int generation = 0;
        string? verb = null;
        void Record(int status) => _log.Enqueue(new RecordedRequest(sequence, request.Method, pathAndQuery, state, generation,
            verb, status, request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null));

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        CancellationToken ct = linked.Token;
        try
        {
            string header = request.Headers.Authorization.ToString();
            string? presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
            state = _tokens.Check(presented, out generation);
            RequestInfo info = RequestInfo.Parse(request.Method, request.Path.Value ?? "/", request.Query);
            verb = info.IsResourceRequest ? info.Verb : null;
            await HandleCheckedAsync(context, info, state, Record, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away (or the server is stopping): nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            // A bug in the server itself: answer like kube-apiserver's panic filter (a Status, never an empty 500)
            // and say it is the test server's fault, so a test does not blame the client under test.
            Record(500);
            await WriteAsync(context, Statuses.InternalError(
                $"the test API server failed on {request.Method} {request.Path.Value}: {e.GetType().Name}: {e.Message}"), 500).ConfigureAwait(false);
        }
    }

    private async Task HandleCheckedAsync(HttpContext context, RequestInfo info, TokenState state, Action<int> record, CancellationToken ct)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, ct).ConfigureAwait(false);
        }

        if (_faults.TryDequeue(out var fault))
        {
            switch (fault.Kind)
            {
                case FaultKind.InternalError:
                    record(500);
                    await WriteAsync(context, Statuses.InternalError("injected fault"), 500).ConfigureAwait(false);
                    return;
                case FaultKind.Gone:
                    record(410);
                    await WriteAsync(context, Statuses.Expired("injected fault: too old resource version"), 410).ConfigureAwait(false);
                    return;
                case FaultKind.Hang:
                    record(0);
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                    return;
                default:
                    record(0);
                    context.Abort();
                    return;
            }
        }

        if (state != TokenState.Current)
        {
            record(401);
            await WriteAsync(context, Statuses.Unauthorized(), 401).ConfigureAwait(false);
            return;
        }

        RbacDecision decision = _authorizer.Authorize(_options.Identity, info, recordUse: true);
        if (!decision.Allowed)
        {
            record(403);
            await WriteAsync(context, Forbidden(info, decision.Reason), 403).ConfigureAwait(false);
            return;
        }

        int status = await RouteAsync(context, info, ct).ConfigureAwait(false);
        record(status);
    }

    private V1Status Forbidden(RequestInfo info, string reason)
    {
        string user = _options.Identity.UserName;
        string why;
        if (!info.IsResourceRequest)
        {
            why = $"User \"{user}\" cannot {info.Verb} path \"{info.Path}\"";
        }
        else
        {
            string resource = info.Subresource.Length == 0 ? info.Resource : $"{info.Resource}/{info.Subresource}";
            why = info.Namespace.Length > 0
                ? $"User \"{user}\" cannot {info.Verb} resource \"{resource}\" in API group \"{info.ApiGroup}\" in the namespace \"{info.Namespace}\""
                : $"User \"{user}\" cannot {info.Verb} resource \"{resource}\" in API group \"{info.ApiGroup}\" at the cluster scope";
        }

        if (reason.Length > 0)
        {
            why += ": " + reason;
        }

        return Statuses.Forbidden(info.ApiGroup, info.Resource, info.Name, why);
    }

    private async Task<int> RouteAsync(HttpContext context, RequestInfo info, CancellationToken ct)
    {
        if (!info.IsResourceRequest)
        {
            if (info.Path == "/version" && info.Verb == "get")
            {
                return await WriteAsync(context, new VersionInfo
                {
                    Major = "1", Minor = "32", GitVersion = "v1.32.0-podbinding-test", Platform = "linux/amd64",
                    GoVersion = "go1.23", Compiler = "gc", GitCommit = "", GitTreeState = "clean", BuildDate = "2026-01-01T00:00:00Z",
                }, 200).ConfigureAwait(false);
            }

            return await WriteAsync(context, Statuses.PathNotFound(), 404).ConfigureAwait(false);
        }

        if (info.Verb == "create" && info.ApiGroup == "authentication.k8s.io" && info.Resource == "selfsubjectreviews" && info.Name.Length == 0)
        {
            return await WriteAsync(context, SelfSubjectReview(info.ApiVersion), 201).ConfigureAwait(false);
        }

        if (info.Verb == "create" && info.ApiGroup == "authorization.k8s.io" && info.Resource == "selfsubjectaccessreviews" && info.Name.Length == 0)
        {
            V1SelfSubjectAccessReview review;
            try
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                review = KubernetesJson.Deserialize<V1SelfSubjectAccessReview>(await reader.ReadToEndAsync(ct).ConfigureAwait(false));
            }
            catch (System.Text.Json.JsonException e)
            {
                return await WriteAsync(context, Statuses.BadRequest($"the body of the request was in an unknown format: {e.Message}"), 400).ConfigureAwait(false);
            }

            return await WriteAsync(context, AccessReview(review), 201).ConfigureAwait(false);
        }

        ResourceType? type = ResourceTypes.Find(info.ApiGroup, info.ApiVersion, info.Resource);
        if (type is null || (info.Subresource.Length > 0 && info.Subresource != "status") || (!type.Namespaced && info.Namespace.Length > 0))
        {
            return await WriteAsync(context, Statuses.PathNotFound(), 404).ConfigureAwait(false);
        }

        IQueryCollection query = context.Request.Query;
        if (info.Verb == "get")
        {
            StoredObject? found = Store.Find(type, type.Namespaced ? info.Namespace : "", info.Name);
            return found is null
                ? await WriteAsync(context, Statuses.NotFound(type, info.Name), 404).ConfigureAwait(false)
                : await WriteJsonAsync(context, found.Json, 200).ConfigureAwait(false);
        }

        if (info.Verb is not ("list" or "watch"))
        {
            return await WriteAsync(context, Statuses.MethodNotSupported(type, context.Request.Method), 405).ConfigureAwait(false);
        }

        LabelSelector labels;
        FieldSelector fields;
        try
        {
            labels = LabelSelector.Parse(query["labelSelector"].ToString());
            fields = FieldSelector.Parse(query["fieldSelector"].ToString(), type);
        }
        catch (FormatException e)
        {
            return await WriteAsync(context, Statuses.BadRequest(e.Message), 400).ConfigureAwait(false);
        }

        string? ns = type.Namespaced && info.Namespace.Length > 0 ? info.Namespace : null;
        if (info.Verb == "list")
        {
            (List<StoredObject> items, long version) = Store.List(type, ns, labels, fields);
            object list = type.CreateList(items.Select(i => i.Copy()), version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return await WriteAsync(context, list, 200).ConfigureAwait(false);
        }

        return await WatchStream.RunAsync(context, Store, new WatchSubscription(type, ns, labels, fields), _options, ct).ConfigureAwait(false);
    }

    private V1SelfSubjectReview SelfSubjectReview(string version)
    {
        ServiceAccountIdentity identity = _options.Identity;
        return new V1SelfSubjectReview
        {
            ApiVersion = $"authentication.k8s.io/{version}",
            Kind = "SelfSubjectReview",
            Metadata = new V1ObjectMeta { CreationTimestamp = DateTime.UtcNow },
            Status = new V1SelfSubjectReviewStatus
            {
                UserInfo = new V1UserInfo
                {
                    Username = identity.UserName,
                    Uid = identity.Uid,
                    Groups = identity.Groups.ToList(),
                    Extra = identity.Extra,
                },
            },
        };
    }

    private V1SelfSubjectAccessReview AccessReview(V1SelfSubjectAccessReview review)
    {
        RequestInfo attributes;
        if (review.Spec?.ResourceAttributes is { } resource)
        {
            attributes = new RequestInfo(true, "", resource.Verb ?? "", resource.Group ?? "", resource.Version ?? "",
                resource.NamespaceProperty ?? "", resource.Resource ?? "", resource.Subresource ?? "", resource.Name ?? "");
        }
        else if (review.Spec?.NonResourceAttributes is { } nonResource)
        {
            attributes = new RequestInfo(false, nonResource.Path ?? "", nonResource.Verb ?? "", "", "", "", "", "", "");
        }
        else
        {
            attributes = new RequestInfo(false, "", "", "", "", "", "", "", "");
        }

        RbacDecision decision = _authorizer.Authorize(_options.Identity, attributes, recordUse: false);
        return new V1SelfSubjectAccessReview
        {
            ApiVersion = "authorization.k8s.io/v1",
            Kind = "SelfSubjectAccessReview",
            Metadata = new V1ObjectMeta { CreationTimestamp = DateTime.UtcNow },
            Spec = review.Spec,
            Status = new V1SubjectAccessReviewStatus { Allowed = decision.Allowed, Reason = decision.Reason.Length > 0 ? decision.Reason : null },
        };
    }

    internal static Task<int> WriteAsync(HttpContext context, object body, int status) =>
        WriteJsonAsync(context, body is V1Status failure ? StatusJson.Serialize(failure) : KubernetesJson.Serialize(body), status);

    private static async Task<int> WriteJsonAsync(HttpContext context, string json, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
        return status;
    }
}
