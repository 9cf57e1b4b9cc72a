namespace PodBinding.Tests.Loading;

/// <summary>The generated Load() through the table-driven reader: every member is read before the instance exists.</summary>
public sealed class GeneratedLoadTests
{
    [Fact]
    public void A_missing_value_is_the_load_exception_and_no_instance_or_init_accessor_runs()
    {
        int before = GuardedPod.Created;
        var source = PodSource.FromDirectory("/nonexistent/podinfo", new Dictionary<string, string> { ["POD_NAMESPACE"] = "orders" });

        DownwardApiLoadException e = Assert.Throws<DownwardApiLoadException>(() => GuardedPod.Load(source));

        Assert.Contains("POD_NAME", e.Message, StringComparison.Ordinal);
        Assert.Contains("- name: POD_NAME", e.Message, StringComparison.Ordinal); // the fix YAML still reaches the user
        Assert.Equal(before, GuardedPod.Created);
    }

    [Fact]
    public void A_reload_carries_env_members_over_without_reading_them()
    {
        GuardedPod first = GuardedPod.Load(PodSource.FromDirectory("/nonexistent/podinfo", new Dictionary<string, string> { ["POD_NAME"] = "orders-1", ["POD_NAMESPACE"] = "orders" }));

        // The env vars are gone from this source: a reload must not read (or miss) them.
        GuardedPod second = GuardedPod.ReadDownward(new(PodSource.FromDirectory("/nonexistent/podinfo", new Dictionary<string, string>()), GuardedPod.DownwardApi), first);

        Assert.Equal(("orders-1", "orders"), (second.Name, second.Namespace));
    }
}
