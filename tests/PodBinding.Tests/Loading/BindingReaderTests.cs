using System.Net;
using PodBinding.Loading;
using PodBinding.Testing;
using PodBinding.Tests.Support;

namespace PodBinding.Tests.Loading;

/// <summary>BindingReader against hand-built binding descriptions, a simulated pod and a kubelet-written volume.</summary>
public sealed class BindingReaderTests : IDisposable
{
    private const string TypeName = "Demo.Settings";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string VolumeDirectory => _temp.Combine("podinfo");

    private static DownwardReference Env(string member, string name, string? field = null, string? resource = null, string? divisor = null, bool optional = false) =>
        new(member, DownwardSource.Environment, name, field, resource, null, divisor, optional);

    private static DownwardReference File(string member, string path, string? field = null, string? resource = null, string? divisor = null, bool optional = false) =>
        new(member, DownwardSource.Volume, path, field, resource, resource is null ? null : "app", divisor, optional);

    private static DownwardBindingInfo Info(params DownwardReference[] references) => new(TypeName, "app", "podinfo", "/etc/podinfo", references);

    private static SimulatedPod Pod() => new()
    {
        Name = "orders-1",
        Uid = Guid.Parse("3f2a1b9c-0d4e-4f60-8a7b-1c2d3e4f5a6b"),
        PodIPs = ["10.1.2.3", "fd00::3"],
        Labels = { ["app"] = "orders" },
        Annotations = { ["note"] = "multi\nline \"quoted\"" },
        Containers = { ["app"] = new ContainerResources { Limits = { ["memory"] = "256Mi", ["cpu"] = "500m" } } },
        NodeAllocatable = { ["ephemeral-storage"] = "100Ti" },
    };

    private PodSource Source(SimulatedPod pod, DownwardBindingInfo info)
    {
        pod.WriteVolume(new KubeletVolumeWriter(VolumeDirectory), info);
        return PodSource.FromDirectory(VolumeDirectory, pod.Environment(info));
    }

    [Fact]
    public void A_reload_with_another_class_s_values_is_refused_by_name()
    {
        var environment = new Dictionary<string, string> { ["POD_NAME"] = "orders-1", ["TEAM"] = "payments" };
        DownwardBindingInfo one = Info(Env("Name", "POD_NAME", "metadata.name"));
        DownwardBindingInfo two = Info(Env("Name", "POD_NAME", "metadata.name"), Env("Team", "TEAM", "metadata.labels['team']"));
        DownwardValues previous = new BindingReader(PodSource.FromDirectory(VolumeDirectory, environment), one).ReadAll();

        ArgumentException e = Assert.Throws<ArgumentException>(() => new BindingReader(PodSource.FromDirectory(VolumeDirectory, environment), two).ReadAll(previous));

        Assert.Contains("1 members, but Demo.Settings has 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_member_kind_converts()
    {
        DownwardBindingInfo info = Info(
            Env("Name", "POD_NAME", "metadata.name"),
            Env("Uid", "POD_UID", "metadata.uid"),
            Env("PodIP", "POD_IP", "status.podIP"),
            Env("PodIPs", "POD_IPS", "status.podIPs"),
            Env("MemoryMi", "MEMORY_MI", resource: "limits.memory", divisor: "1Mi"),
            Env("MemoryBytes", "MEMORY_BYTES", resource: "limits.memory"),
            Env("StorageBytes", "STORAGE_BYTES", resource: "limits.ephemeral-storage"),
            File("Labels", "labels", "metadata.labels"),
            File("Annotations", "annotations", "metadata.annotations"),
            File("CpuMillis", "cpu", resource: "limits.cpu", divisor: "1m"),
            File("App", "app", "metadata.labels['app']"));
        var reader = new BindingReader(Source(Pod(), info), info);

        Assert.Equal("orders-1", reader.GetString(0));
        Assert.Equal(Guid.Parse("3f2a1b9c-0d4e-4f60-8a7b-1c2d3e4f5a6b"), reader.GetGuid(1));
        Assert.Equal(IPAddress.Parse("10.1.2.3"), reader.GetIPAddress(2));
        Assert.Equal([IPAddress.Parse("10.1.2.3"), IPAddress.Parse("fd00::3")], reader.GetIPAddressList(3));
        Assert.Equal(256, reader.GetInt32(4));
        Assert.Equal(268435456L, reader.GetInt64(5));
        Assert.Equal(109951162777600m, reader.GetDecimal(6));
        IReadOnlyDictionary<string, string> labels = reader.GetMap(7)!;
        Assert.Equal("orders", Assert.Single(labels).Value);
        IReadOnlyDictionary<string, string> annotations = reader.GetMap(8)!;
        Assert.Equal("multi\nline \"quoted\"", annotations["note"]);
        Assert.Equal("api", annotations["kubernetes.io/config.source"]);
        Assert.Equal(500, reader.GetInt32(9));
        Assert.Equal("orders", reader.GetString(10));
        Assert.False(reader.HasErrors);
        Assert.NotNull(reader.Volume?.Version);
        reader.ThrowIfFailed();
    }

    [Fact]
    public void Every_problem_is_listed_at_once_with_member_origin_and_yaml()
    {
        DownwardBindingInfo info = Info(
            Env("Name", "POD_NAME", "metadata.name"),
            Env("Uid", "POD_UID", "metadata.uid"),
            Env("PodIP", "POD_IP", "status.podIP"),
            Env("PodIPs", "POD_IPS", "status.podIPs"),
            Env("Memory", "MEMORY", resource: "limits.memory"),
            Env("Big", "BIG", resource: "limits.memory"),
            Env("Huge", "HUGE", resource: "limits.memory"),
            Env("Cost", "COST", resource: "limits.memory"),
            File("Labels", "labels", "metadata.labels"),
            File("Missing", "missing", "metadata.name"));
        string folder = _temp.Combine("plain");
        Directory.CreateDirectory(folder);
        System.IO.File.WriteAllText(Path.Combine(folder, "labels"), "app=\"orders\"\ntier=api");
        var environment = new Dictionary<string, string>
        {
            ["POD_UID"] = "not-a-uid",
            ["POD_IP"] = "10.1",
            ["POD_IPS"] = "10.1.2.3,nope",
            ["MEMORY"] = "12Mi",
            ["BIG"] = "3000000000",
            ["HUGE"] = "99999999999999999999",
            ["COST"] = "-1",
        };
        var reader = new BindingReader(PodSource.FromDirectory(folder, environment), info);

        Assert.Null(reader.GetString(0));
        Assert.Null(reader.GetGuid(1));
        Assert.Null(reader.GetIPAddress(2));
        Assert.Null(reader.GetIPAddressList(3));
        Assert.Null(reader.GetInt32(4));
        Assert.Null(reader.GetInt32(5));
        Assert.Null(reader.GetInt64(6));
        Assert.Null(reader.GetDecimal(7));
        Assert.Null(reader.GetMap(8));
        Assert.Null(reader.GetString(9));
        Assert.True(reader.HasErrors);

        DownwardApiLoadException error = Assert.Throws<DownwardApiLoadException>(reader.ThrowIfFailed);
        Assert.Equal(TypeName, error.TypeName);
        Assert.Equal(["Name", "Uid", "PodIP", "PodIPs", "Memory", "Big", "Huge", "Cost", "Labels", "Missing"], error.Errors.Select(e => e.Member));
        Assert.StartsWith("Could not load Demo.Settings from the Downward API: 10 problems.", error.Message, StringComparison.Ordinal);

        AssertError(error, "Name", "env var POD_NAME", "is not set in the supplied environment");
        AssertError(error, "Uid", "env var POD_UID", "'not-a-uid' is not a UID");
        AssertError(error, "PodIP", "env var POD_IP", "'10.1' is not an IPv4 or IPv6 address");
        AssertError(error, "PodIPs", "env var POD_IPS", "'nope' in '10.1.2.3,nope' is not an IPv4 or IPv6 address");
        AssertError(error, "Memory", "env var MEMORY", "'12Mi' is not a whole number");
        AssertError(error, "Big", "env var BIG", "3000000000 does not fit in an int");
        AssertError(error, "Huge", "env var HUGE", "99999999999999999999 does not fit in a long");
        AssertError(error, "Cost", "env var COST", "'-1' is not a whole number");
        AssertError(error, "Labels", $"file {Path.Combine(folder, "labels")} line 2", "expected a double-quoted value at column 6 but found 'a'");
        AssertError(error, "Missing", $"file {Path.Combine(folder, "missing")}", $"does not exist: the volume at {folder} has no item 'missing'");
        foreach (DownwardApiError e in error.Errors)
        {
            Assert.Contains(e.ToString(), error.Message, StringComparison.Ordinal);
        }
    }

    private static void AssertError(DownwardApiLoadException exception, string member, string origin, string problem)
    {
        DownwardApiError error = Assert.Single(exception.Errors, e => e.Member == member);
        Assert.Equal(origin, error.Origin);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);

        // The message names the member, where it was looked for, and the YAML that supplies it.
        Assert.Contains($"- {member}: {origin}: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(error.Fix.Replace("\n", "\n       ", StringComparison.Ordinal), exception.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.Fix);
    }

    [Fact]
    public void A_missing_volume_is_reported_for_every_volume_member()
    {
        DownwardBindingInfo info = Info(File("Labels", "labels", "metadata.labels"), File("Name", "name", "metadata.name"));
        string nowhere = _temp.Combine("nowhere");
        var reader = new BindingReader(PodSource.FromDirectory(nowhere, new Dictionary<string, string>()), info);

        Assert.Null(reader.GetMap(0));
        Assert.Null(reader.GetString(1));

        DownwardApiLoadException error = Assert.Throws<DownwardApiLoadException>(reader.ThrowIfFailed);
        Assert.Equal(2, error.Errors.Count);
        Assert.All(error.Errors, e => Assert.Contains($"no downward API volume is mounted at {nowhere}", e.Problem, StringComparison.Ordinal));
        Assert.Contains("downwardAPI:\n    items:\n    - path: labels\n", error.Errors[0].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_item_is_reported_for_its_member_with_its_cause()
    {
        DownwardBindingInfo info = Info(File("Name", "name", "metadata.name"), File("Zone", "zone", "metadata.name", optional: true));
        string volume = _temp.Combine("vol");
        Directory.CreateDirectory(Path.Combine(volume, "name"));  // a directory where a file is expected: not readable as a file
        var reader = new BindingReader(PodSource.FromDirectory(volume, new Dictionary<string, string>()), info);

        Assert.Null(reader.GetString(0));
        Assert.Null(reader.GetString(1));

        DownwardApiLoadException error = Assert.Throws<DownwardApiLoadException>(reader.ThrowIfFailed);
        DownwardApiError only = Assert.Single(error.Errors);
        Assert.Equal("Name", only.Member);
        Assert.Equal($"{Path.Combine(volume, "name")} is not a regular file (a directory); the kubelet writes every item as a regular file", only.Problem);
    }

    [Fact]
    public void Optional_members_come_back_null_without_errors()
    {
        DownwardBindingInfo info = Info(
            Env("Name", "POD_NAME", "metadata.name", optional: true),
            Env("Memory", "MEMORY", resource: "limits.memory", optional: true),
            Env("Team", "TEAM", "metadata.labels['team']", optional: true),
            File("Labels", "labels", "metadata.labels", optional: true),
            File("Zone", "zone", "metadata.annotations['zone']", optional: true),
            File("Replicas", "replicas", "metadata.annotations['replicas']", optional: true));
        var pod = new SimulatedPod { Containers = { ["app"] = new ContainerResources() } };

        // Only the map-key items exist, empty (docs/kubernetes-rules.md, "File contents": a missing key is an empty file or env var); the rest are absent.
        var writer = new KubeletVolumeWriter(VolumeDirectory);
        writer.Write(new Dictionary<string, string> { ["zone"] = pod.ResolveField("metadata.annotations['zone']"), ["replicas"] = "" });
        var reader = new BindingReader(PodSource.FromDirectory(VolumeDirectory, new Dictionary<string, string> { ["TEAM"] = "" }), info);

        Assert.Null(reader.GetString(0));
        Assert.Null(reader.GetInt64(1));
        Assert.Null(reader.GetString(2));
        Assert.Null(reader.GetMap(3));
        Assert.Null(reader.GetString(4));
        Assert.Null(reader.GetInt32(5));
        Assert.False(reader.HasErrors);
        reader.ThrowIfFailed();
    }

    [Fact]
    public void A_required_empty_value_is_an_error_for_every_type()
    {
        // One rule: the kubelet writes an empty value only where the field has none (a missing label key, an unset
        // podIP), and Kubernetes never has an empty metadata.name or uid, so an empty required value is missing data.
        DownwardBindingInfo info = Info(
            Env("Name", "POD_NAME", "metadata.name"),
            Env("Team", "TEAM", "metadata.labels['team']"),
            Env("Uid", "POD_UID", "metadata.uid"),
            Env("PodIP", "POD_IP", "status.podIP"),
            File("Zone", "zone", "metadata.annotations['zone']"));
        new KubeletVolumeWriter(VolumeDirectory).Write(new Dictionary<string, string> { ["zone"] = "" });
        var environment = new Dictionary<string, string> { ["POD_NAME"] = "", ["TEAM"] = "", ["POD_UID"] = "", ["POD_IP"] = "" };
        var reader = new BindingReader(PodSource.FromDirectory(VolumeDirectory, environment), info);

        Assert.Null(reader.GetString(0));
        Assert.Null(reader.GetString(1));
        Assert.Null(reader.GetGuid(2));
        Assert.Null(reader.GetIPAddress(3));
        Assert.Null(reader.GetString(4));

        IReadOnlyList<DownwardApiError> errors = Assert.Throws<DownwardApiLoadException>(reader.ThrowIfFailed).Errors;
        Assert.Equal(["Name", "Team", "Uid", "PodIP", "Zone"], errors.Select(e => e.Member));
        Assert.All(errors, e => Assert.Equal("is empty", e.Problem));
    }

    [Theory]
    [InlineData("3000000000")]
    [InlineData("99999999999999999999")]
    public void A_whole_number_too_large_for_an_int_says_so_however_large(string value)
    {
        DownwardBindingInfo info = Info(Env("Memory", "MEMORY", resource: "limits.memory"));
        var reader = new BindingReader(PodSource.FromDirectory(VolumeDirectory, new Dictionary<string, string> { ["MEMORY"] = value }), info);

        Assert.Null(reader.GetInt32(0));

        DownwardApiError error = Assert.Single(Assert.Throws<DownwardApiLoadException>(reader.ThrowIfFailed).Errors);
        Assert.Equal($"{value} does not fit in an int: declare the property as long, or use a larger divisor", error.Problem);
    }

    [Fact]
    public void An_empty_map_file_is_an_empty_map()
    {
        DownwardBindingInfo info = Info(File("Labels", "labels", "metadata.labels"));
        var reader = new BindingReader(Source(new SimulatedPod(), info), info);

        Assert.Empty(reader.GetMap(0)!);
        reader.ThrowIfFailed();
    }

    [Fact]
    public void An_unreadable_item_is_blamed_on_its_own_member_only()
    {
        DownwardBindingInfo info = Info(File("Labels", "labels", "metadata.labels"), File("Annotations", "annotations", "metadata.annotations"));
        PodSource source = Source(Pod(), info);
        string labels = Path.Combine(VolumeDirectory, new FileInfo(Path.Combine(VolumeDirectory, "..data")).LinkTarget!, "labels");
        System.IO.File.Delete(labels);
        Directory.CreateDirectory(labels); // cannot be opened as a file, even by root

        var reader = new BindingReader(source, info);

        Assert.Null(reader.GetMap(0));
        Assert.Equal("multi\nline \"quoted\"", reader.GetMap(1)!["note"]);
        DownwardApiError error = Assert.Single(Assert.Throws<DownwardApiLoadException>(reader.ThrowIfFailed).Errors);
        Assert.Equal("Labels", error.Member);
        Assert.Contains("labels is not a regular file (a directory)", error.Problem, StringComparison.Ordinal);
    }
}
