using PodBinding.Shared;

namespace PodBinding.Analyzers.Tests;

/// <summary>
/// The shared rule matcher against kube-apiserver's semantics (rbac.go RuleAllows, evaluation_helpers.go): wildcards,
/// subresources, resourceNames, non-resource URLs. The analyzers and the test API server both decide with it.
/// </summary>
public sealed class RbacRuleMatchTests
{
    private static bool Allows(string[] verbs, string[] groups, string[] resources, string[]? names, string verb, string group, string resource, string subresource = "", string name = "") =>
        RbacRuleMatch.Allows(verbs, groups, resources, names, verb, group, resource, subresource, name);

    [Theory]
    [InlineData("get", true)]
    [InlineData("watch", true)]
    [InlineData("list", false)]
    public void A_verb_matches_only_when_listed(string verb, bool allowed) =>
        Assert.Equal(allowed, Allows(["get", "watch"], ["apps"], ["deployments"], null, verb, "apps", "deployments"));

    [Fact]
    public void A_star_matches_every_verb_group_and_resource()
    {
        Assert.True(Allows(["*"], ["*"], ["*"], null, "deletecollection", "batch", "cronjobs"));
        Assert.True(Allows(["*"], ["*"], ["*"], null, "get", "", "pods", "status"));
    }

    [Fact]
    public void The_core_group_is_the_empty_string()
    {
        Assert.True(Allows(["get"], [""], ["pods"], null, "get", "", "pods"));
        Assert.False(Allows(["get"], ["apps"], ["pods"], null, "get", "", "pods"));
    }

    [Fact]
    public void A_resource_does_not_cover_its_subresources_but_star_slash_does()
    {
        Assert.False(Allows(["get"], [""], ["pods"], null, "get", "", "pods", "status"));
        Assert.True(Allows(["get"], [""], ["pods/status"], null, "get", "", "pods", "status"));
        Assert.True(Allows(["get"], [""], ["*/status"], null, "get", "", "pods", "status"));
        Assert.False(Allows(["get"], [""], ["*/status"], null, "get", "", "pods"));
        Assert.False(Allows(["get"], [""], ["*/log"], null, "get", "", "pods", "status"));
    }

    [Fact]
    public void Empty_resourceNames_allow_every_name_and_listed_ones_only_those()
    {
        Assert.True(Allows(["get"], ["apps"], ["deployments"], [], "get", "apps", "deployments", name: "orders"));
        Assert.True(Allows(["get"], ["apps"], ["deployments"], ["web", "orders"], "get", "apps", "deployments", name: "orders"));
        Assert.False(Allows(["get"], ["apps"], ["deployments"], ["web"], "get", "apps", "deployments", name: "orders"));
    }

    [Fact]
    public void ResourceNames_never_allow_a_list_without_a_name() =>
        // requestinfo.go: a label-selector list carries no name, so only a metadata.name field selector gets through.
        Assert.False(Allows(["list", "watch"], [""], ["pods"], ["orders-7d4b9-x2k4q"], "list", "", "pods"));

    [Theory]
    [InlineData("/healthz", "/healthz", true)]
    [InlineData("/healthz/*", "/healthz/ready", true)]
    [InlineData("/api*", "/apis/apps", true)]
    [InlineData("/healthz", "/healthz/ready", false)]
    [InlineData("*", "/metrics", true)]
    public void Non_resource_urls_match_exactly_or_by_a_star_prefix(string rule, string path, bool allowed) =>
        Assert.Equal(allowed, RbacRuleMatch.AllowsNonResource(["get"], [rule], "get", path));
}
