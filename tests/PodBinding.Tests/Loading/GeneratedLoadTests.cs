using PodBinding.Loading;

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
        var environment = new Dictionary<string, string> { ["POD_NAME"] = "orders-1", ["POD_NAMESPACE"] = "orders" };
        DownwardValues first = new BindingReader(PodSource.FromDirectory("/nonexistent/podinfo", environment), GuardedPod.DownwardApi).ReadAll();

        // The env vars are gone from this source: a reload (what the watcher runs) must not read (or miss) them.
        DownwardValues reloaded = new BindingReader(PodSource.FromDirectory("/nonexistent/podinfo", new Dictionary<string, string>()), GuardedPod.DownwardApi).ReadAll(first);
        GuardedPod second = Build<GuardedPod>(reloaded);

        Assert.Equal(("orders-1", "orders"), (second.Name, second.Namespace));
        Assert.Equal(("orders-1", "orders"), (Build<GuardedPod>(first).Name, Build<GuardedPod>(first).Namespace));
    }

    [Fact]
    public void ReadDownward_is_not_part_of_the_class_s_own_members()
    {
        // An explicit implementation: users see Load, Watch and DownwardApi on the class, not the plumbing.
        Assert.DoesNotContain(typeof(GuardedPod).GetMethods(), m => m.Name == "ReadDownward");
    }

    // The generated ReadDownward is reached through the interface, as the watcher and DownwardLoader reach it.
    private static T Build<T>(DownwardValues values)
        where T : class, IDownwardBinding<T>
        => T.ReadDownward(values);
}
