using PodBinding.Generators.Catalog;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;

namespace PodBinding.Generators.Tests;

/// <summary>
/// <see cref="BindingPlanner"/> on hand-built specs: routing (the allow-lists validEnvDownwardAPIFieldPathExpressions and
/// validVolumeDownwardAPIFieldPathExpressions), divisors (validateContainerResourceDivisor), keys (IsQualifiedName), item
/// paths (validateDownwardAPIVolumeFile, and the kubelet's validatePath in pkg/volume/util/atomic_writer.go), env var
/// names (validateEnvVarName) and default names; the validators live in pkg/apis/core/validation/validation.go.
/// </summary>
public sealed class PlannerTests
{
    private const int Auto = 0, Environment = 1, Volume = 2;

    [Theory]
    [InlineData("metadata.labels", nameof(ClrKind.StringMap), true, "labels")]
    [InlineData("metadata.annotations", nameof(ClrKind.StringMap), true, "annotations")]
    [InlineData("metadata.labels['app.kubernetes.io/name']", nameof(ClrKind.String), true, "label.app.kubernetes.io_name")]
    [InlineData("metadata.annotations['example.com/owner']", nameof(ClrKind.String), true, "annotation.example.com_owner")]
    [InlineData("metadata.name", nameof(ClrKind.String), false, "POD_NAME")]
    [InlineData("metadata.namespace", nameof(ClrKind.String), false, "POD_NAMESPACE")]
    [InlineData("metadata.uid", nameof(ClrKind.Guid), false, "POD_UID")]
    [InlineData("spec.nodeName", nameof(ClrKind.String), false, "NODE_NAME")]
    [InlineData("spec.serviceAccountName", nameof(ClrKind.String), false, "POD_SERVICE_ACCOUNT")]
    [InlineData("status.podIP", nameof(ClrKind.IPAddress), false, "POD_IP")]
    [InlineData("status.podIPs", nameof(ClrKind.IPAddressList), false, "POD_IPS")]
    [InlineData("status.hostIP", nameof(ClrKind.IPAddress), false, "HOST_IP")]
    [InlineData("status.hostIPs", nameof(ClrKind.IPAddressList), false, "HOST_IPS")]
    [InlineData("limits.memory", nameof(ClrKind.Int64), false, "LIMITS_MEMORY")]
    [InlineData("requests.ephemeral-storage", nameof(ClrKind.Int64), false, "REQUESTS_EPHEMERAL_STORAGE")]
    public void Auto_RoutesToTheLegalAndLiveChannel(string path, string kind, bool volume, string name)
    {
        PlannedMember m = Planned(Member(path, Enum.Parse<ClrKind>(kind)));
        Assert.Equal(volume, m.IsVolume);
        Assert.Equal(name, m.Name);
    }

    [Theory]
    [InlineData("spec.nodeName", nameof(ClrKind.String))]
    [InlineData("spec.serviceAccountName", nameof(ClrKind.String))]
    [InlineData("status.podIP", nameof(ClrKind.IPAddress))]
    [InlineData("status.podIPs", nameof(ClrKind.IPAddressList))]
    [InlineData("status.hostIP", nameof(ClrKind.IPAddress))]
    [InlineData("status.hostIPs", nameof(ClrKind.IPAddressList))]
    public void EnvOnlyFields_InTheVolume_AreSkippedWithTheFix(string path, string kind)
    {
        string reason = Skipped(Member(path, Enum.Parse<ClrKind>(kind), source: Volume));
        Assert.Contains("only come from an env var", reason, StringComparison.Ordinal);
        Assert.Contains("Source = DownwardSource.Environment", reason, StringComparison.Ordinal);

        // A File alone asks for the volume too; then the fix is to remove it (Auto routes to the env var).
        Assert.Contains("remove File", Skipped(Member(path, Enum.Parse<ClrKind>(kind), file: "x")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("metadata.labels")]
    [InlineData("metadata.annotations")]
    public void WholeMaps_InAnEnvVar_AreSkippedWithTheFix(string path)
    {
        string reason = Skipped(Member(path, ClrKind.StringMap, source: Environment));
        Assert.Contains("only come from a downwardAPI volume", reason, StringComparison.Ordinal);
        Assert.Contains("Source = DownwardSource.Volume", reason, StringComparison.Ordinal);
        Assert.Contains("remove EnvVar", Skipped(Member(path, ClrKind.StringMap, env: "LABELS")), StringComparison.Ordinal);
    }

    [Fact]
    public void ExplicitNames_PickTheChannelUnderAuto()
    {
        PlannedMember label = Planned(Member("metadata.labels['tier']", env: "TIER"));
        Assert.False(label.IsVolume);
        Assert.Equal("TIER", label.Name);

        PlannedMember name = Planned(Member("metadata.name", file: "pod/name"));
        Assert.True(name.IsVolume);
        Assert.Equal("pod/name", name.Name);

        // An explicit Source wins over the name that does not apply.
        PlannedMember forced = Planned(Member("metadata.name", source: Volume, env: "IGNORED"));
        Assert.True(forced.IsVolume);
        Assert.Equal("name", forced.Name);
    }

    [Theory]
    [InlineData("metadata.uid", nameof(ClrKind.Int32), "declare it as Guid (or string)")]
    [InlineData("metadata.labels", nameof(ClrKind.String), "declare it as IReadOnlyDictionary<string, string>")]
    [InlineData("metadata.labels['a']", nameof(ClrKind.StringMap), "declare it as string")]
    [InlineData("status.podIPs", nameof(ClrKind.IPAddress), "declare it as IReadOnlyList<IPAddress> (or string)")]
    [InlineData("status.podIP", nameof(ClrKind.Guid), "declare it as IPAddress (or string)")]
    [InlineData("limits.memory", nameof(ClrKind.String), "declare it as long (or int, decimal)")]
    public void WrongType_IsSkippedWithASuggestion(string path, string kind, string suggestion) =>
        Assert.EndsWith(suggestion, Skipped(Member(path, Enum.Parse<ClrKind>(kind))), StringComparison.Ordinal);

    [Fact]
    public void NoSetterOrUnsupportedType_IsSkipped()
    {
        Assert.Contains("has no setter", Skipped(Member("metadata.name") with { HasSetter = false }), StringComparison.Ordinal);
        Assert.Contains("cannot hold a Downward API value", Skipped(Member("metadata.name", ClrKind.Unsupported)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status.phase", "does not expose it")]
    [InlineData("spec.host", "use 'spec.nodeName'")]
    [InlineData("metadata.ownerReferences", "KEP-4753")]
    [InlineData("spec.restartPolicy", "does not expose it")]
    [InlineData("", "empty")]
    [InlineData("metadata.Name", "is not a Downward API field")]
    [InlineData("limits.CPU", "is not a Downward API field")]
    [InlineData("cpu", "is not a Downward API field")]
    [InlineData("limits.nvidia.com/gpu", "is not a Downward API field")]
    [InlineData("metadata.name['x']", "not a valid subscript of metadata.name: only metadata.labels['key']")]
    [InlineData("status.podIPs['0']", "not a valid subscript of status.podIPs")]
    [InlineData("metadata.labels[\"k\"]", "is not a Downward API field")]
    [InlineData("metadata.labels[ 'k' ]", "is not a Downward API field")]
    [InlineData("['k']", "is not a Downward API field")]
    public void PathsKubernetesRejects_AreSkipped(string path, string why) =>
        Assert.Contains(why, Skipped(Member(path)), StringComparison.Ordinal);

    [Theory]
    [InlineData("MY_VAR")]
    [InlineData("a.b-c")]
    [InlineData(".a")]
    [InlineData("_")]
    [InlineData("-")]
    public void ValidEnvVarNames_AreKept(string name) => Assert.Equal(name, Planned(Member("metadata.name", env: name)).Name);

    /// <summary>Relaxed names are kept (with PB0011) from the target that turns them on by default, skipped (PB0010) before.</summary>
    [Theory]
    [InlineData("1abc")]
    [InlineData("0 a")]
    [InlineData("* +,-./0123456789")]
    public void RelaxedEnvVarNames_DependOnTheTarget(string name)
    {
        BindingPlan old = BindingPlanner.Plan(
            new BindingSpec("Ns", "Pod", new ClassSettings("app", null, null, 0, null), new EquatableArray<MemberSpec>(new[] { Member("metadata.name", env: name) })),
            new GeneratorOptions(null, "deploy/podbinding", "App", new KubernetesVersion(1, 31)));
        Assert.Equal("PB0010", Assert.Single(old.Skipped).Id);
        Assert.Empty(old.Members);

        BindingPlan current = BindingPlanner.Plan(
            new BindingSpec("Ns", "Pod", new ClassSettings("app", null, null, 0, null), new EquatableArray<MemberSpec>(new[] { Member("metadata.name", env: name) })),
            new GeneratorOptions(null, "deploy/podbinding", "App", new KubernetesVersion(1, 32)));
        Assert.Equal(name, Assert.Single(current.Members).Name);
        Assert.Equal("PB0011", Assert.Single(current.Findings).Id);
    }

    [Theory]
    [InlineData("A=B")]
    [InlineData("=abc")]
    [InlineData("a=")]
    [InlineData("")]
    [InlineData("café")]
    [InlineData("a\tb")]
    [InlineData("a\u007fb")]
    public void InvalidEnvVarNames_AreSkipped(string name) =>
        Assert.Contains("is not a valid env var name", Skipped(Member("metadata.name", env: name)), StringComparison.Ordinal);

    [Theory]
    [InlineData("MY_VAR", true, true)]
    [InlineData("a.b-c", true, true)]
    [InlineData("1abc", false, true)]
    [InlineData("..a", false, true)]
    [InlineData(".", false, true)]
    [InlineData("..", false, true)]
    [InlineData("a b", false, true)]
    [InlineData("café", false, false)]
    [InlineData("a=b", false, false)]
    [InlineData("", false, false)]
    public void EnvVarNameRules(string name, bool strict, bool relaxed)
    {
        Assert.Equal(strict, NameRules.IsStrictEnvVarName(name));
        Assert.Equal(relaxed, NameRules.IsRelaxedEnvVarName(name));
    }

    [Fact]
    public void DuplicateEnvVars_SecondIsSkipped()
    {
        BindingPlan plan = Plan(
            Member("metadata.name", name: "A"),
            Member("metadata.name", name: "B"),
            Member("metadata.namespace", name: "C", env: "POD_NAME"));
        Assert.Equal(new[] { "A" }, plan.Members.Select(m => m.MemberName));
        Assert.Equal(new[] { "B", "C" }, plan.Skipped.Select(s => s.MemberName));
        Assert.All(plan.Skipped, s => Assert.Equal("Env var 'POD_NAME' is already used by 'A'; set a different EnvVar", s.Message));
    }

    [Fact]
    public void DuplicateItemPaths_AfterCleaning_SecondIsSkipped()
    {
        BindingPlan plan = Plan(
            Member("metadata.labels", ClrKind.StringMap, name: "A"),
            Member("metadata.name", name: "B", file: "./labels"));
        Assert.Equal("Item path 'labels' is already used by 'A'; set a different File", Assert.Single(plan.Skipped).Message);
    }

    [Theory]
    [InlineData("a", "a/b")]
    [InlineData("a/b", "a")]
    [InlineData("x/a", "x/a/b/c")]
    public void FileAndDirectoryWithOneName_Clash(string first, string second)
    {
        BindingPlan plan = Plan(Member("metadata.name", name: "A", file: first), Member("metadata.namespace", name: "B", file: second));
        PlanFinding skipped = Assert.Single(plan.Skipped);
        Assert.Equal("B", skipped.MemberName);
        Assert.Contains("clashes with", skipped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedPrefixWithoutSlash_IsNoClash()
    {
        BindingPlan plan = Plan(Member("metadata.name", name: "A", file: "a"), Member("metadata.namespace", name: "B", file: "ab"), Member("metadata.uid", name: "C", file: "a.b"));
        Assert.Empty(plan.Skipped);
    }

    [Theory]
    [InlineData("./a", "a")]
    [InlineData("a//b", "a/b")]
    [InlineData("a/", "a")]
    [InlineData("a/.", "a")]
    [InlineData("a/./b", "a/b")]
    [InlineData("a/..b", "a/..b")]
    [InlineData("a..b", "a..b")]
    [InlineData(".hidden", ".hidden")]
    [InlineData("a\\..\\b", "a\\..\\b")] // a backslash is an ordinary character on Linux (ValidateLocalNonReservedPath splits on / only)
    public void ItemPaths_AreCleaned(string file, string cleaned) => Assert.Equal(cleaned, Planned(Member("metadata.name", file: file)).Name);

    [Theory]
    [InlineData("/etc/name", "is absolute")]
    [InlineData("..x", "starts with '..'")]
    [InlineData("..data", "starts with '..'")]
    [InlineData("a/../b", "contains a '..' element")]
    [InlineData("a/..", "contains a '..' element")]
    [InlineData(".", "names the volume directory itself")]
    [InlineData("./", "names the volume directory itself")]
    [InlineData("", "must not be empty")]
    public void ItemPathsKubernetesRejects_AreSkipped(string file, string why)
    {
        string reason = Skipped(Member("metadata.name", file: file));
        Assert.StartsWith("File ", reason, StringComparison.Ordinal);
        Assert.Contains(why, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ItemPathLengths_FollowTheKubeletLimits()
    {
        Assert.Contains("255-byte", Skipped(Member("metadata.name", file: new string('a', 256))), StringComparison.Ordinal);
        Assert.Equal(255, Planned(Member("metadata.name", file: new string('a', 255))).Name.Length);
        Assert.Contains("4096-byte", Skipped(Member("metadata.name", file: string.Join("/", Enumerable.Repeat(new string('a', 200), 21)))), StringComparison.Ordinal);
        Assert.Contains("255-byte", Skipped(Member("metadata.name", file: new string('é', 128))), StringComparison.Ordinal); // 256 bytes in UTF-8
    }

    [Theory]
    [InlineData("limits.cpu", null, "1")]
    [InlineData("limits.cpu", "1", "1")]
    [InlineData("limits.cpu", "1m", "1m")]
    [InlineData("limits.cpu", "1000m", "1")]
    [InlineData("requests.cpu", "0.001", "1m")]
    [InlineData("limits.cpu", "1.0", "1")]
    [InlineData("limits.cpu", "0", "1")] // zero means unset (validateContainerResourceDivisor skips it)
    [InlineData("limits.memory", "0m", "1")]
    [InlineData("limits.memory", "1024Ki", "1Mi")]
    [InlineData("limits.memory", "1000", "1k")]
    [InlineData("limits.memory", "1Mi", "1Mi")]
    [InlineData("requests.memory", "1E", "1E")]
    [InlineData("limits.ephemeral-storage", "1048576Ki", "1Gi")]
    [InlineData("limits.hugepages-2Mi", "1Mi", "1Mi")]
    [InlineData("limits.memory", "0.001k", "1")]
    public void Divisors_AreCanonicalised(string resource, string? divisor, string canonical) =>
        Assert.Equal(canonical, Planned(Member(resource, ClrKind.Int64, divisor: divisor)).Divisor);

    [Theory]
    [InlineData("limits.cpu", "250m")]
    [InlineData("limits.cpu", "10m")]
    [InlineData("limits.cpu", "100m")]
    [InlineData("limits.cpu", "2")]
    [InlineData("limits.memory", "1024")]
    [InlineData("limits.memory", "1e3")]
    [InlineData("limits.memory", "0.5Ki")]
    [InlineData("limits.cpu", "+1")]
    [InlineData("limits.cpu", "01")]
    [InlineData("limits.cpu", "1Mi")]
    [InlineData("limits.cpu", "1k")]
    [InlineData("limits.memory", "1m")]
    [InlineData("limits.memory", "1Ki ")]
    [InlineData("limits.memory", "Mi")]
    [InlineData("limits.memory", "1MiB")]
    public void DivisorsKubernetesRejects_AreSkipped(string resource, string divisor) =>
        Assert.Contains("Divisor", Skipped(Member(resource, ClrKind.Int64, divisor: divisor)), StringComparison.Ordinal);

    [Fact]
    public void RejectedDivisor_NamesTheAllowedOnes()
    {
        Assert.Equal("Divisor '250m' is not accepted for limits.cpu: use one of 1, 1m", Skipped(Member("limits.cpu", ClrKind.Int64, divisor: "250m")));
        Assert.EndsWith("use one of 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei", Skipped(Member("limits.memory", ClrKind.Int64, divisor: "1m")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("metadata.labels['Www.k8s.io/test']", false)] // upstream: prefix must be lower case for labels
    [InlineData("metadata.annotations['TEST.EXAMPLE.COM/key']", true)] // upstream: annotations are lower-cased first
    [InlineData("metadata.labels['myKey']", true)]
    [InlineData("metadata.labels['test.example.com/key']", true)]
    [InlineData("metadata.annotations['spec.pod.beta.kubernetes.io/statefulset-index']", true)]
    [InlineData("metadata.annotations['invalid~key']", false)]
    [InlineData("metadata.labels['']", false)]
    [InlineData("metadata.labels['a/b/c']", false)]
    [InlineData("metadata.labels['/a']", false)]
    [InlineData("metadata.labels['a/']", false)]
    [InlineData("metadata.labels['a']b']", false)]
    [InlineData("metadata.labels['-a']", false)]
    [InlineData("metadata.labels['a_b.c-D']", true)]
    [InlineData("metadata.labels['Example.com/a']", false)]
    [InlineData("metadata.annotations['Example.com/A']", true)]
    [InlineData("metadata.labels['ex_ample.com/a']", false)]
    public void LabelAndAnnotationKeys(string path, bool valid)
    {
        BindingPlan plan = Plan(Member(path));
        Assert.Equal(valid, plan.Members.Count == 1);
        if (!valid)
        {
            Assert.Contains("is not a valid", Assert.Single(plan.Skipped).Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(path, plan.Members[0].FieldPath); // written as asked: the lookup is case-sensitive
        }
    }

    [Fact]
    public void KeyNamePart_IsAtMost63Characters()
    {
        Assert.Single(Plan(Member($"metadata.labels['{new string('a', 63)}']")).Members);
        Assert.Contains("at most 63", Skipped(Member($"metadata.labels['{new string('a', 64)}']")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limits.hugepages-2Mi", "LIMITS_HUGEPAGES_2MI")]
    [InlineData("requests.hugepages-1Gi", "REQUESTS_HUGEPAGES_1GI")]
    [InlineData("limits.hugepages-64Ki", "LIMITS_HUGEPAGES_64KI")]
    public void HugePages_WithAPageSize_AreBound(string resource, string env)
    {
        PlannedMember m = Planned(Member(resource, ClrKind.Int64));
        Assert.Equal((env, resource, false), (m.Name, m.Resource, m.IsVolume));
        Assert.Equal(resource, Planned(Member(resource, ClrKind.Int64, source: Volume)).Name);
    }

    [Theory]
    [InlineData("limits.hugepages-")]
    [InlineData("limits.hugepages-foo")]
    [InlineData("requests.hugepages-0")]
    [InlineData("limits.hugepages--2Mi")]
    public void HugePages_WithoutAPageSize_AreSkipped(string resource) =>
        Assert.Contains("does not name a page size", Skipped(Member(resource, ClrKind.Int64)), StringComparison.Ordinal);

    [Theory]
    [InlineData("limits.memory", "1Mi", "LIMITS_MEMORY_MIB", "limits.memory.mib")]
    [InlineData("requests.cpu", "1m", "REQUESTS_CPU_MILLICORES", "requests.cpu.millicores")]
    [InlineData("limits.cpu", null, "LIMITS_CPU", "limits.cpu")]
    [InlineData("requests.memory", "1k", "REQUESTS_MEMORY_KB", "requests.memory.kb")]
    [InlineData("limits.memory", "1024Ki", "LIMITS_MEMORY_MIB", "limits.memory.mib")] // named after the canonical divisor
    public void ResourceDefaultNames_CarryTheUnit(string resource, string? divisor, string env, string file)
    {
        Assert.Equal(env, Planned(Member(resource, ClrKind.Int64, divisor: divisor)).Name);
        Assert.Equal(file, Planned(Member(resource, ClrKind.Int64, divisor: divisor, source: Volume)).Name);
    }

    [Theory]
    [InlineData("metadata.labels['app.kubernetes.io/name']", "POD_LABEL_APP_KUBERNETES_IO_NAME")]
    [InlineData("metadata.annotations['TEST.EXAMPLE.COM/key']", "POD_ANNOTATION_TEST_EXAMPLE_COM_KEY")]
    [InlineData("metadata.labels['tier']", "POD_LABEL_TIER")]
    public void KeyDefaultEnvNames_AreStrictAndShellFriendly(string path, string env)
    {
        PlannedMember m = Planned(Member(path, source: Environment));
        Assert.Equal(env, m.Name);
        Assert.Matches("^[A-Z_][A-Z0-9_]*$", m.Name);
    }

    [Fact]
    public void OtherContainersResources_CarryTheContainerAndMustBeDnsLabels()
    {
        PlannedMember envoy = Planned(Member("limits.memory", ClrKind.Int64, divisor: "1Mi", container: "envoy-proxy"));
        Assert.Equal(("ENVOY_PROXY_LIMITS_MEMORY_MIB", "envoy-proxy"), (envoy.Name, envoy.ContainerName));
        Assert.Equal("envoy-proxy.limits.memory.mib", Planned(Member("limits.memory", ClrKind.Int64, divisor: "1Mi", container: "envoy-proxy", source: Volume)).Name);

        PlannedMember own = Planned(Member("limits.memory", ClrKind.Int64, container: "app"));
        Assert.Equal(("LIMITS_MEMORY", "app"), (own.Name, own.ContainerName));

        Assert.Contains("not a valid Kubernetes container name", Skipped(Member("limits.memory", ClrKind.Int64, container: "Envoy")), StringComparison.Ordinal);
        Assert.Contains("applies only to resource fields", Skipped(Member("metadata.name", container: "envoy")), StringComparison.Ordinal);
        Assert.Contains("applies only to resource fields", Skipped(Member("metadata.name", divisor: "1")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app", null, null, "Orders.Api", "app")]
    [InlineData(null, "from-msbuild", "orders", "Orders.Api", "from-msbuild")]
    [InlineData(null, null, "orders", "Orders.Api", "orders")]
    [InlineData(null, null, null, "Orders.Api", "orders-api")]
    [InlineData(null, null, null, "My__Service..V2", "my-service-v2")]
    [InlineData(null, null, null, "___", "app")]
    public void ContainerName_Defaults(string? onClass, string? msbuild, string? workload, string assembly, string expected)
    {
        var spec = new BindingSpec("Ns", "Pod", new ClassSettings(onClass, null, null, workload is null ? 0 : 2, workload), EquatableArray<MemberSpec>.Empty);
        Assert.Equal(expected, BindingPlanner.Plan(spec, new GeneratorOptions(msbuild, "deploy/podbinding", assembly)).ContainerName);
    }

    [Theory]
    [InlineData("PodInfo", "pod-info")]
    [InlineData("HTTPSettings", "http-settings")]
    [InlineData("Pod2Info", "pod2-info")]
    [InlineData("A", "a")]
    public void ManifestStem_IsKebabCase(string type, string stem) => Assert.Equal(stem, BindingPlanner.ToKebab(type));

    /// <summary>A cast such as <c>(WorkloadKind)42</c> used to become a CronJob patch; now no patch, and PB0017 says why.</summary>
    [Theory]
    [InlineData(8)]
    [InlineData(-7)]
    public void UnknownWorkloadKind_WritesNoPatch(int kind)
    {
        BindingPlan plan = BindingPlanner.Plan(
            new BindingSpec("Ns", "Pod", new ClassSettings("app", null, null, kind, "web"), new EquatableArray<MemberSpec>(new[] { Member("metadata.name") })),
            new GeneratorOptions(null, "deploy/podbinding", "App"));
        Assert.False(plan.HasPatch);
        PlanFinding finding = Assert.Single(plan.Findings);
        Assert.Equal("PB0017", finding.Id);
        Assert.Equal("WorkloadKind", finding.Argument);
        Assert.Contains("Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob", finding.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// apimachinery's IsDNS1123Subdomain limits the whole name to 253 characters and does not limit a dot-separated
    /// part to 63 (that is IsDNS1123Label): a 64-character first part is a valid label-key prefix and workload name.
    /// </summary>
    [Fact]
    public void DnsSubdomains_HaveNoPerPartLimit()
    {
        string part64 = new('a', 64);
        Assert.True(NameRules.IsDns1123Subdomain(part64 + ".example.com"));
        Assert.Equal("label." + part64 + ".example.com_tier", Planned(Member($"metadata.labels['{part64}.example.com/tier']")).Name);

        BindingPlan plan = BindingPlanner.Plan(
            new BindingSpec("Ns", "Pod", new ClassSettings("app", null, null, 2, part64 + ".web"), new EquatableArray<MemberSpec>(new[] { Member("metadata.name") })),
            new GeneratorOptions(null, "deploy/podbinding", "App"));
        Assert.True(plan.HasPatch, string.Join("; ", plan.Findings.Select(f => f.Message)));
        Assert.Empty(plan.Findings);
    }

    [Theory]
    [InlineData(253, true)]
    [InlineData(254, false)]
    public void DnsSubdomains_AreAtMost253Characters(int length, bool valid)
    {
        string name = string.Join(".", Enumerable.Repeat(new string('a', 50), 5));
        name = (name + new string('b', 300)).Substring(0, length);
        Assert.Equal(valid, NameRules.IsDns1123Subdomain(name));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("-a.b")]
    [InlineData("a.b-")]
    [InlineData("A.b")]
    [InlineData(".a")]
    public void DnsSubdomains_KeepThePerCharacterPattern(string name) => Assert.False(NameRules.IsDns1123Subdomain(name));

    [Fact]
    public void DnsLabels_StayAtMost63Characters()
    {
        Assert.True(NameRules.IsDns1123Label(new string('a', 63)));
        Assert.False(NameRules.IsDns1123Label(new string('a', 64)));
    }

    /// <summary>Issue 12 item 15: under Auto the name chose the channel, so the message says to remove the name, not to set Source.</summary>
    [Theory]
    [InlineData("metadata.labels", "EnvVar", "remove EnvVar")]
    [InlineData("status.podIP", "File", "remove File")]
    public void WrongChannelChosenByName_SaysToRemoveTheName(string path, string argument, string fix)
    {
        MemberSpec member = argument == "EnvVar"
            ? Member(path, ClrKind.StringMap, env: "LABELS")
            : Member(path, ClrKind.IPAddress, file: "ip");
        BindingPlan plan = Plan(member);
        PlanFinding finding = Assert.Single(plan.Findings);
        Assert.Equal("PB0002", finding.Id);
        Assert.Equal(argument, finding.Argument);
        Assert.Contains(fix, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("or Auto", finding.Message, StringComparison.Ordinal);
    }

    /// <summary>Issue 12 item 15: a name for the channel the member does not use used to be dropped silently.</summary>
    [Theory]
    [InlineData(Volume, "POD_NAME", null, "EnvVar", true)]
    [InlineData(Environment, null, "name", "File", false)]
    [InlineData(Auto, "POD_NAME", "name", "File", false)]
    public void NameForTheOtherChannel_IsReported(int source, string? env, string? file, string ignored, bool volume)
    {
        BindingPlan plan = Plan(Member("metadata.name", source: source, env: env, file: file));
        PlannedMember planned = Assert.Single(plan.Members);
        Assert.Equal(volume, planned.IsVolume);
        PlanFinding finding = Assert.Single(plan.Findings);
        Assert.Equal("PB0105", finding.Id);
        Assert.Equal(ignored, finding.Argument);
        Assert.False(finding.Skips);
        Assert.Contains("remove " + ignored, finding.Message, StringComparison.Ordinal);
    }

    private static MemberSpec Member(
        string path, ClrKind kind = ClrKind.String, int source = Auto, string? env = null, string? file = null,
        string? divisor = null, string? container = null, string name = "P") =>
        new(name, kind, false, kind.ToString(), path, source, env, file, divisor, container, HasSetter: true);

    private static BindingPlan Plan(params MemberSpec[] members) =>
        BindingPlanner.Plan(
            new BindingSpec("Ns", "Pod", new ClassSettings("app", null, null, 0, null), new EquatableArray<MemberSpec>(members)),
            new GeneratorOptions(null, "deploy/podbinding", "App"));

    private static PlannedMember Planned(MemberSpec member)
    {
        BindingPlan plan = Plan(member);
        Assert.True(!plan.Skipped.Any(), "Skipped: " + string.Join("; ", plan.Skipped.Select(s => s.Message)));
        return Assert.Single(plan.Members);
    }

    private static string Skipped(MemberSpec member)
    {
        BindingPlan plan = Plan(member);
        Assert.True(plan.Members.Count == 0, $"Expected '{member.Path}' to be skipped, but it was planned as {plan.Members.FirstOrDefault()}");
        return Assert.Single(plan.Skipped).Message;
    }
}
