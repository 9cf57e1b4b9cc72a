using k8s.Models;
using PodBinding.Kubernetes.Facts;
using PodBinding.Testing.Kubernetes.ApiServer;
using static PodBinding.Kubernetes.Tests.ApiFactsFixture;

namespace PodBinding.Kubernetes.Tests;

/// <summary>The fact reader and its watches against the test API server, RBAC enforced from the shared access table.</summary>
public sealed class ApiFactsTests
{
    private const ApiFactKinds All = ApiFactKinds.PodStatus | ApiFactKinds.Node | ApiFactKinds.Owner | ApiFactKinds.Peers;

    [Fact]
    public async Task Loads_all_four_kinds_with_exactly_the_contract_role()
    {
        await using ApiFactsFixture f = await StartAsync(ContractRbac(All, "Deployment"));
        ApiFacts facts = await f.Connection.LoadFactsAsync(new ApiFactsRequest(All, WorkloadName: "orders"), Identity);

        Assert.Equal(("Running", "Burstable", true), (facts.Pod!.Phase, facts.Pod.QosClass, facts.Pod.Ready));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), facts.Pod.StartTime);
        ContainerStatusFacts app = Assert.Single(facts.Pod.Containers);
        Assert.Equal(("app", 2, "shop/orders@sha256:abc", "running", "500m", "512Mi"), (app.Name, app.RestartCount, app.ImageId, app.State, app.Requests["cpu"], app.Limits["memory"]));
        Assert.Equal(("node-a", "eu-west-1a", "eu-west-1", "3920m", true), (facts.Node!.Name, facts.Node.Zone, facts.Node.Region, facts.Node.Allocatable["cpu"], facts.Node.Ready));
        Assert.Equal(["ReplicaSet/orders-7d4b9", "Deployment/orders"], facts.Owner!.Chain.Select(c => c.ToString()));
        Assert.Equal("app=orders", facts.Peers!.Selector); // pod-template-hash is per pod: left out
        Assert.Equal(["orders-7d4b9-b2c3d", "orders-7d4b9-c3d4e", PodName], facts.Peers.Pods.Select(p => p.Name));
        Assert.Equal(["orders-7d4b9-b2c3d", PodName], facts.Peers.Ready.Select(p => p.Name));
        Assert.DoesNotContain(f.Server.Requests, r => r.StatusCode == 403);
    }

    [Fact]
    public async Task Watching_uses_every_contract_rule_and_no_request_is_denied()
    {
        await using ApiFactsFixture f = await StartAsync(ContractRbac(All, "Deployment"));
        using ApiFactsWatch watch = f.Connection.WatchFacts(new ApiFactsRequest(All, WorkloadName: "orders"), Identity, FastOptions());
        await watch.WaitForFirstAsync();
        await Eventually(() => watch.StreamsOpened == 4, "the pod, node, deployment and peer watches are open");

        Assert.Empty(f.Server.UnusedRbacRules);
        Assert.DoesNotContain(f.Server.Requests, r => r.StatusCode == 403);
        // The server logs a watch when it ends.
        f.Server.Store.CloseWatches();
        await Eventually(() => f.Server.Requests.Count(r => r.Verb == "watch") >= 4, "the closed watches are logged");
        // Single objects are watched by name (so resourceNames applies), peers by label.
        Assert.Contains(f.Server.Requests, r => r.Verb == "watch" && r.PathAndQuery.Contains("/deployments?") && r.PathAndQuery.Contains("metadata.name%3Dorders"));
        Assert.Contains(f.Server.Requests, r => r.Verb == "watch" && r.PathAndQuery.Contains("/pods?") && r.PathAndQuery.Contains("labelSelector=app%3Dorders"));
    }

    [Fact]
    public async Task A_narrower_role_fails_the_self_check_naming_the_missing_rule()
    {
        string narrow = ContractRbac(All, "Deployment", keep: r => r.Resource != "nodes");
        await using ApiFactsFixture f = await StartAsync(narrow);
        int before = f.Server.Requests.Count;
        var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => f.Connection.LoadFactsAsync(new ApiFactsRequest(All), Identity with { NodeName = "node-a" }));

        Assert.Equal(KubernetesConnectionErrorKind.Forbidden, e.Kind);
        Assert.Contains("- get nodes (cluster-wide) (name node-a)", e.Message);
        Assert.Contains("- watch nodes (cluster-wide) (name node-a)", e.Message);
        Assert.Contains("kind: ClusterRole\n", e.Message);
        Assert.Contains("resources: [\"nodes\"]\n  verbs: [\"get\", \"watch\"]", e.Message);
        Assert.DoesNotContain("pods", e.Message.Split("Grant them")[0]);
        // Failed before any real read: only access reviews were sent.
        Assert.All(f.Server.Requests.Skip(before), r => Assert.Contains("selfsubjectaccessreviews", r.PathAndQuery));
    }

    [Theory]
    [InlineData("nodes")]
    [InlineData("pods")]
    [InlineData("deployments")]
    public async Task The_printed_RBAC_applied_next_to_the_narrow_one_makes_the_self_check_and_the_reads_pass(string dropped)
    {
        string narrow = ContractRbac(All, "Deployment", keep: r => r.Resource != dropped);
        string printed;
        await using (ApiFactsFixture f = await StartAsync(narrow))
        {
            var e = await Assert.ThrowsAsync<KubernetesConnectionException>(() => f.Connection.LoadFactsAsync(new ApiFactsRequest(All, WorkloadName: "orders"), Identity with { NodeName = "node-a" }));
            printed = e.Message[e.Message.IndexOf("---", StringComparison.Ordinal)..];
        }

        // Its own names: applying it cannot replace the user's Role (orders-api-facts here), and the cluster-scoped
        // binding names the namespace, so the same app in another namespace does not take it over.
        var policy = PodBinding.Testing.Kubernetes.Rbac.RbacPolicy.FromYaml(printed, "the self-check's message"); // strict: unknown fields fail
        Assert.NotEmpty(policy.Roles.Concat<object>(policy.ClusterRoles));
        Assert.DoesNotContain(policy.Roles, r => r.Metadata.Name == "orders-api-facts");
        Assert.All(policy.ClusterRoleBindings, b => Assert.StartsWith(Ns + "-", b.Metadata.Name));

        await using ApiFactsFixture granted = await StartAsync(narrow + printed + "\n");
        using ApiFactsWatch watch = granted.Connection.WatchFacts(new ApiFactsRequest(All, WorkloadName: "orders"), Identity with { NodeName = "node-a" }, FastOptions());
        await watch.WaitForFirstAsync();
        await Eventually(() => watch.StreamsOpened == 4, "every watch open");
        Assert.DoesNotContain(granted.Server.Requests, r => r.StatusCode == 403);
    }

    [Fact]
    public async Task Typed_binding_loads_and_fires_only_when_its_mapped_value_changes()
    {
        await using ApiFactsFixture f = await StartAsync(ContractRbac(ZoneAndPeers.ApiRequest.Kinds, "Deployment"));
        Assert.Equal(new ZoneAndPeers("eu-west-1a", "orders", 2), await f.Connection.LoadFactsAsync<ZoneAndPeers>(Identity));

        using ApiFactsWatch<ZoneAndPeers> watch = f.Connection.WatchFacts<ZoneAndPeers>(Identity, FastOptions());
        await watch.WaitForFirstAsync();
        var typed = new List<ZoneAndPeers>();
        var raw = new List<ApiFacts>();
        watch.Changed += typed.Add;
        watch.Facts.Changed += raw.Add;
        await Eventually(() => watch.Facts.StreamsOpened == 3, "watches open");

        V1Node node = Node("eu-west-1a");
        node.Status.Allocatable["cpu"] = new ResourceQuantity("3800m"); // a fact changes, the mapped value does not
        f.Server.Store.Upsert(node);
        await Eventually(() => raw.Count == 1, "the node change reaches the snapshot");
        Assert.Empty(typed);

        f.Server.Store.Upsert(Node("eu-west-1b"));
        await Eventually(() => typed.Count == 1, "the zone change reaches the typed value");
        Assert.Equal(new ZoneAndPeers("eu-west-1b", "orders", 2), watch.Current);
        Assert.Same(raw[0].Peers, raw[^1].Peers); // unchanged parts are the same instances
        Assert.Empty(f.Server.UnusedRbacRules);
    }

    [Fact]
    public async Task Peers_join_leave_and_change_readiness()
    {
        await using ApiFactsFixture f = await StartAsync(ContractRbac(ApiFactKinds.Peers, null));
        using ApiFactsWatch watch = f.Connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.Peers), Identity, FastOptions());
        await watch.WaitForFirstAsync();
        string[] Ready() => watch.Current.Peers!.Ready.Select(p => p.Name).ToArray();

        f.Server.Store.Upsert(Pod("orders-7d4b9-d4e5f", ready: true, "10.0.0.13"));
        await Eventually(() => Ready().Contains("orders-7d4b9-d4e5f"), "a new ready peer joins");
        f.Server.Store.Upsert(Pod("orders-7d4b9-c3d4e", ready: true, "10.0.0.12"));
        await Eventually(() => Ready().Contains("orders-7d4b9-c3d4e"), "a peer becomes ready");
        f.Server.Store.Delete<V1Pod>(Ns, "orders-7d4b9-b2c3d");
        await Eventually(() => watch.Current.Peers!.Pods.All(p => p.Name != "orders-7d4b9-b2c3d"), "a peer leaves");
        V1Pod relabelled = Pod("orders-7d4b9-d4e5f", ready: true, "10.0.0.13");
        relabelled.Metadata.Labels["app"] = "other";
        f.Server.Store.Upsert(relabelled);
        await Eventually(() => watch.Current.Peers!.Pods.All(p => p.Name != "orders-7d4b9-d4e5f"), "a relabelled pod stops being a peer");

        Assert.Equal(["orders-7d4b9-c3d4e", PodName], watch.Current.Peers!.Pods.Select(p => p.Name));
        Assert.Empty(f.Server.UnusedRbacRules); // peers only: the own pod's labels came from a list by name
        Assert.DoesNotContain(f.Server.Requests, r => r.StatusCode == 403);
    }

    [Fact]
    public async Task In_place_resize_changes_the_applied_resources()
    {
        await using ApiFactsFixture f = await StartAsync(ContractRbac(ApiFactKinds.PodStatus, null));
        using ApiFactsWatch watch = f.Connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.PodStatus), Identity, FastOptions());
        await watch.WaitForFirstAsync();
        V1Pod resizing = Pod(PodName, ready: true, "10.0.0.10");
        resizing.Status.Conditions.Add(new V1PodCondition { Type = "PodResizeInProgress", Status = "True" });
        f.Server.Store.Upsert(resizing);
        await Eventually(() => watch.Current.Pod!.Resize == "InProgress", "resize in progress");

        f.Server.Store.Upsert(Pod(PodName, ready: true, "10.0.0.10", cpu: "1"));
        await Eventually(() => watch.Current.Pod!.Containers[0].Requests["cpu"] == "1", "the applied cpu request follows the resize");
        Assert.Null(watch.Current.Pod!.Resize);
    }

    [Fact]
    public async Task The_owner_deleted_and_re_created_is_followed()
    {
        await using ApiFactsFixture f = await StartAsync(ContractRbac(ApiFactKinds.Owner, "Deployment"));
        using ApiFactsWatch watch = f.Connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.Owner, WorkloadName: "orders"), Identity, FastOptions());
        ApiFacts first = await watch.WaitForFirstAsync();
        Assert.Equal("uid-deploy", first.Owner!.Workload!.Uid);
        await Eventually(() => watch.StreamsOpened == 1, "the deployment watch is open");

        f.Server.Store.Delete<V1Deployment>(Ns, "orders");
        f.Server.Store.Upsert(ReplicaSet("uid-deploy-2")); // adopted by the new Deployment
        f.Server.Store.Upsert(Deployment("uid-deploy-2"));
        await Eventually(() => watch.Current.Owner!.Workload!.Uid == "uid-deploy-2", "the re-created Deployment is the owner");
        Assert.Empty(f.Server.UnusedRbacRules);
        Assert.DoesNotContain(f.Server.Requests, r => r.StatusCode == 403);
    }

    [Fact]
    public async Task Server_closing_every_stream_resumes_from_the_resource_version()
    {
        await using ApiFactsFixture f = await StartAsync(null);
        using ApiFactsWatch watch = f.Connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.Node, null), Identity with { NodeName = "node-a" }, FastOptions());
        await watch.WaitForFirstAsync();
        await Eventually(() => watch.StreamsOpened == 1, "watch open");

        f.Server.Store.CloseWatches();
        await Eventually(() => watch.StreamsOpened == 2, "reopened after the server closed it", seconds: 5);
        f.Server.Store.Upsert(Node("eu-west-1c"));
        await Eventually(() => watch.Current.Node!.Zone == "eu-west-1c", "a change after the reconnect arrives", seconds: 5);
        // Resumed, not re-read: one get in all.
        Assert.Single(f.Server.Requests, r => r.Verb == "get" && r.PathAndQuery.StartsWith("/api/v1/nodes/node-a"));
        Assert.Contains(f.Server.Requests, r => r.Verb == "watch" && r.PathAndQuery.Contains("resourceVersion=") && r.PathAndQuery.Contains("allowWatchBookmarks=true"));
    }

    [Fact]
    public async Task Gone_410_reads_the_object_again()
    {
        await using ApiFactsFixture f = await StartAsync(null);
        using ApiFactsWatch watch = f.Connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.Node, null), Identity with { NodeName = "node-a" }, FastOptions(TimeSpan.FromSeconds(1)));
        await watch.WaitForFirstAsync();
        await Eventually(() => watch.StreamsOpened == 1, "watch open");

        // Nothing reaches the client (no bookmark either) while the history moves on and is compacted: on reconnect
        // (after the idle timeout) its resume point is gone.
        f.Server.Store.StallWatches();
        f.Server.Store.Upsert(new V1Pod { Metadata = new V1ObjectMeta { Name = "unrelated", NamespaceProperty = Ns } });
        f.Server.Store.Compact();
        await Eventually(() => f.Server.Requests.Count(r => r.Verb == "get" && r.PathAndQuery.StartsWith("/api/v1/nodes/node-a")) >= 2, () => "a fresh get after 410: " + string.Join("\n", f.Server.Requests) + " problem " + watch.LastProblem, seconds: 10);
        f.Server.Store.Upsert(Node("eu-west-1c"));
        await Eventually(() => watch.Current.Node!.Zone == "eu-west-1c", "changes arrive after the re-read", seconds: 10);
        await Task.Delay(500);
        // One re-read, not a loop of get → 410 → get: the watch after the re-read starts from now.
        Assert.Equal(2, f.Server.Requests.Count(r => r.Verb == "get" && r.PathAndQuery.StartsWith("/api/v1/nodes/node-a")));
    }

    [Fact]
    public async Task Gone_as_an_HTTP_410_answer_to_the_watch_reads_the_object_again_without_backing_off()
    {
        await using ApiFactsFixture f = await StartAsync(null);
        using ApiFactsWatch watch = f.Connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.Node, null), Identity with { NodeName = "node-a" }, FastOptions(TimeSpan.FromSeconds(5)));
        await watch.WaitForFirstAsync();
        await Eventually(() => watch.StreamsOpened == 1, "watch open");

        // The reconnect is answered 410 before any stream starts; the change made meanwhile must still arrive.
        f.Server.InjectFault(FaultKind.Gone);
        f.Server.Store.CloseWatches();
        f.Server.Store.Upsert(Node("eu-west-1c"));
        await Eventually(() => watch.Current.Node!.Zone == "eu-west-1c", () => "re-read after the 410: " + string.Join("\n", f.Server.Requests) + " problem " + watch.LastProblem, seconds: 5);
        await Eventually(() => watch.StreamsOpened == 2, "watching again after the re-read", seconds: 5);

        Assert.Single(f.Server.Requests, r => r.StatusCode == 410 && r.Verb == "watch");
        Assert.Equal(2, f.Server.Requests.Count(r => r.Verb == "get" && r.PathAndQuery.StartsWith("/api/v1/nodes/node-a")));
        Assert.Null(watch.LastProblem); // an expected part of the protocol, not a failure to report
    }

    [Fact]
    public async Task Bookmarks_move_the_resume_point_and_keep_an_idle_stream_alive()
    {
        await using ApiFactsFixture f = await StartAsync(null);
        // Bookmarks every 0.3 s: an idle timeout of 2 s is never reached while they flow.
        using ApiFactsWatch watch = f.Connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.Node, null), Identity with { NodeName = "node-a" }, FastOptions(TimeSpan.FromSeconds(2)));
        await watch.WaitForFirstAsync();
        await Eventually(() => watch.StreamsOpened == 1, "watch open");
        for (int i = 0; i < 5; i++)
        {
            f.Server.Store.Upsert(new V1Pod { Metadata = new V1ObjectMeta { Name = "noise-" + i, NamespaceProperty = Ns } }); // other objects move the resourceVersion
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, watch.StreamsOpened);
        long newest = f.Server.Store.ResourceVersion;
        f.Server.Store.CloseWatches();
        await Eventually(() => watch.StreamsOpened == 2, "reopened");
        f.Server.Store.CloseWatches();
        await Eventually(() => f.Server.Requests.Count(r => r.Verb == "watch") >= 2, "both watches logged (the server logs a watch when it ends)");
        // The resume point came from a bookmark: newer than the node's own resourceVersion.
        Assert.Contains("resourceVersion=" + newest, f.Server.Requests.Where(r => r.Verb == "watch").ElementAt(1).PathAndQuery);
    }

    [Fact]
    public async Task A_stalled_stream_is_noticed_by_the_idle_timeout_and_reopened()
    {
        await using ApiFactsFixture f = await StartAsync(null);
        using ApiFactsWatch watch = f.Connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.Node, null), Identity with { NodeName = "node-a" }, FastOptions(TimeSpan.FromSeconds(1)));
        await watch.WaitForFirstAsync();
        await Eventually(() => watch.StreamsOpened == 1, "watch open");

        f.Server.Store.StallWatches();
        f.Server.Store.Upsert(Node("eu-west-1c")); // queued on the dead stream, never delivered there
        await Eventually(() => watch.Current.Node!.Zone == "eu-west-1c", "the change arrives over a reopened stream", seconds: 10);
        Assert.True(watch.StreamsOpened >= 2);
    }

    [Fact]
    public async Task Server_errors_on_reconnect_back_off_and_recover_keeping_the_last_value()
    {
        await using ApiFactsFixture f = await StartAsync(null);
        using ApiFactsWatch watch = f.Connection.WatchFacts(new ApiFactsRequest(ApiFactKinds.Node, null), Identity with { NodeName = "node-a" }, FastOptions());
        await watch.WaitForFirstAsync();
        await Eventually(() => watch.StreamsOpened == 1, "watch open");

        f.Server.InjectFault(FaultKind.InternalError, 3); // the next three reconnects get 500
        f.Server.Store.CloseWatches();
        await Eventually(() => watch.LastProblem is KubernetesConnectionException { Kind: KubernetesConnectionErrorKind.ServerError }, "the failure is reported", seconds: 5);
        Assert.Equal("eu-west-1a", watch.Current.Node!.Zone); // the last good value stays
        // Backoff 0.1 + 0.2 + 0.4 s (±20 %) with these options: well within 10 s.
        await Eventually(() => watch.StreamsOpened == 2, "reopened after three failures", seconds: 10);
        f.Server.Store.Upsert(Node("eu-west-1c"));
        await Eventually(() => watch.Current.Node!.Zone == "eu-west-1c" && watch.LastProblem is null, "recovered", seconds: 5);
        Assert.Equal(3, f.Server.Requests.Count(r => r.StatusCode == 500));
    }

    [Fact]
    public async Task A_bare_pod_has_no_owner_and_missing_fields_are_null()
    {
        await using ApiFactsFixture f = await StartAsync(null);
        f.Server.Store.Upsert(new V1Pod { Metadata = new V1ObjectMeta { Name = "debug", NamespaceProperty = Ns } }); // no spec, no status, no owner
        ApiFacts facts = await f.Connection.LoadFactsAsync(new ApiFactsRequest(ApiFactKinds.PodStatus | ApiFactKinds.Owner), Identity with { PodName = "debug" });

        Assert.True(facts.Owner!.IsBarePod);
        Assert.Equal((null, null, null, false), (facts.Pod!.Phase, facts.Pod.QosClass, facts.Pod.StartTime, facts.Pod.Ready));
        Assert.Empty(facts.Pod.Containers);
        Assert.Null(facts.Node);
        Assert.Null(facts.Peers);
    }

    [Fact]
    public async Task A_missing_pod_or_node_is_one_clear_error()
    {
        await using ApiFactsFixture f = await StartAsync(null);
        var pod = await Assert.ThrowsAsync<KubernetesConnectionException>(() => f.Connection.LoadFactsAsync(new ApiFactsRequest(ApiFactKinds.PodStatus), Identity with { PodName = "gone" }));
        Assert.Contains("Pod shop/gone does not exist", pod.Message);
        var node = await Assert.ThrowsAsync<KubernetesConnectionException>(() => f.Connection.LoadFactsAsync(new ApiFactsRequest(ApiFactKinds.Node), Identity with { NodeName = "node-z" }));
        Assert.Contains("Node node-z", node.Message);
        Assert.Contains("kubectl get node node-z", node.Message);
    }

    [Fact]
    public void Backoff_starts_near_0_8_s_doubles_and_stops_at_30_s()
    {
        using var w = new ResumableWatch<V1Node>(null!, "api/v1/nodes", "n", null, new ApiWatchOptions(), _ => { }, _ => { });
        for (int i = 0; i < 200; i++)
        {
            Assert.InRange(w.Backoff(1).TotalSeconds, 0.64, 0.96);
            Assert.InRange(w.Backoff(2).TotalSeconds, 1.28, 1.92);
            Assert.InRange(w.Backoff(12).TotalSeconds, 24, 30);
        }
    }
}

/// <summary>What the watch does with event lines the server should never send.</summary>
public sealed class WatchEventParsingTests
{
    private static ResumableWatch<k8s.Models.V1Node> Watch(List<IReadOnlyDictionary<string, k8s.Models.V1Node>> changes) =>
        new(null!, "api/v1/nodes", "node-a", null, new ApiWatchOptions(), changes.Add, _ => { });

    [Fact]
    public void Unknown_fields_are_ignored_and_a_bookmark_changes_nothing()
    {
        var changes = new List<IReadOnlyDictionary<string, k8s.Models.V1Node>>();
        using var watch = Watch(changes);
        Assert.True(watch.Apply("""{"type":"ADDED","object":{"apiVersion":"v1","kind":"Node","metadata":{"name":"node-a","resourceVersion":"7","futureField":1},"spec":{"newThing":{}}},"extra":true}"""));
        Assert.True(watch.Apply("""{"type":"BOOKMARK","object":{"apiVersion":"v1","kind":"Node","metadata":{"resourceVersion":"9"}}}"""));
        Assert.Equal("node-a", Assert.Single(Assert.Single(changes)).Key);
    }

    [Theory]
    [InlineData("not json at all", "not a watch event")]
    [InlineData("""{"object":{}}""", "not a watch event")]
    [InlineData("""{"type":"ADDED","object":"a string"}""", "whose object is not a V1Node")]
    [InlineData("""{"type":"ERROR","object":{"kind":"Status","code":500,"message":"etcd is down"}}""", "ended with an error: etcd is down")]
    public void A_broken_line_is_one_error_naming_the_watch(string line, string expected)
    {
        using var watch = Watch(new List<IReadOnlyDictionary<string, k8s.Models.V1Node>>());
        var e = Assert.Throws<InvalidDataException>(() => watch.Apply(line));
        Assert.Contains("api/v1/nodes/node-a", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void An_error_event_with_410_asks_for_a_fresh_read()
    {
        using var watch = Watch(new List<IReadOnlyDictionary<string, k8s.Models.V1Node>>());
        Assert.False(watch.Apply("""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Expired","code":410,"message":"too old resource version: 5 (9)"}}"""));
    }
}

/// <summary>The shared access table's kind constants are the runtime enum's values (the generator uses the constants).</summary>
public sealed class ApiAccessContractPinTests
{
    [Fact]
    public void Kind_constants_match_ApiFactKinds()
    {
        Assert.Equal((int)ApiFactKinds.PodStatus, PodBinding.Shared.ApiAccessContract.PodStatus);
        Assert.Equal((int)ApiFactKinds.Node, PodBinding.Shared.ApiAccessContract.Node);
        Assert.Equal((int)ApiFactKinds.Owner, PodBinding.Shared.ApiAccessContract.Owner);
        Assert.Equal((int)ApiFactKinds.Peers, PodBinding.Shared.ApiAccessContract.Peers);
    }

    [Fact]
    public void The_default_peer_selector_leaves_out_every_per_pod_label()
    {
        var pod = new k8s.Models.V1Pod
        {
            Metadata = new k8s.Models.V1ObjectMeta
            {
                Name = "db-0",
                Labels = new Dictionary<string, string>
                {
                    ["tier"] = "db", ["app"] = "db", ["pod-template-hash"] = "x", ["controller-revision-hash"] = "db-5f",
                    ["statefulset.kubernetes.io/pod-name"] = "db-0", ["apps.kubernetes.io/pod-index"] = "0",
                    ["batch.kubernetes.io/job-completion-index"] = "0",
                },
            },
        };
        Assert.Equal("app=db,tier=db", FactsMapping.DefaultPeerSelector(pod));
        pod.Metadata.Labels = new Dictionary<string, string> { ["pod-template-hash"] = "x" };
        var e = Assert.Throws<KubernetesConnectionException>(() => FactsMapping.DefaultPeerSelector(pod));
        Assert.Contains("set the peer selector in the declaration", e.Message);
    }
}
