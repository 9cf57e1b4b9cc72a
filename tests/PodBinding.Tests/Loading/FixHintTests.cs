using PodBinding.Testing;
using PodBinding.Tests.Support;

namespace PodBinding.Tests.Loading;

/// <summary>A bound class compiled by the real generator, for the "Fix:" each kind of failure gets.</summary>
[DownwardBinding(ContainerName = "api")]
public sealed partial class FixHintPod
{
    [FromDownward("metadata.name")]
    public required string Name { get; init; }

    [FromDownward("metadata.uid")]
    public required Guid Uid { get; init; }

    [FromDownward("limits.memory", Divisor = "1Mi")]
    public required long MemoryMi { get; init; }

    [FromDownward("metadata.labels")]
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}

/// <summary>The fix follows the failure: a missing value gets the YAML that supplies it, a malformed one what it should look like.</summary>
public sealed class FixHintTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private DownwardApiLoadException Load(Dictionary<string, string> environment, string labels)
    {
        string volume = _temp.Combine("podinfo");
        new KubeletVolumeWriter(volume).Write(new Dictionary<string, string> { ["labels"] = labels });
        return Assert.Throws<DownwardApiLoadException>(() => FixHintPod.Load(PodSource.FromDirectory(volume, environment)));
    }

    [Fact]
    public void A_missing_env_var_gets_the_env_entry_and_the_file_that_holds_all_of_it()
    {
        DownwardApiLoadException error = Load(new() { ["POD_UID"] = "3f2a1b9c-0d4e-4f60-8a7b-1c2d3e4f5a6b", ["LIMITS_MEMORY_MIB"] = "256" }, "app=\"orders\"");

        DownwardApiError name = Assert.Single(error.Errors);
        Assert.Equal(
            "add to the env of container 'api' (all of it is in deploy/podbinding/fix-hint-pod.yaml):\n"
            + "env:\n- name: POD_NAME\n  valueFrom:\n    fieldRef:\n      apiVersion: v1\n      fieldPath: metadata.name",
            name.Fix);
    }

    [Fact]
    public void Malformed_values_get_what_the_value_should_look_like_not_the_yaml()
    {
        DownwardApiLoadException error = Load(new() { ["POD_NAME"] = "orders-1", ["POD_UID"] = "not-a-uid", ["LIMITS_MEMORY_MIB"] = "256Mi" }, "app=orders");

        Assert.Equal(["Uid", "MemoryMi", "Labels"], error.Errors.Select(e => e.Member));
        foreach (DownwardApiError e in error.Errors)
        {
            Assert.DoesNotContain("add to the env", e.Fix, StringComparison.Ordinal);
            Assert.DoesNotContain("mount the downwardAPI volume", e.Fix, StringComparison.Ordinal);
        }

        Assert.StartsWith("POD_UID should hold a UID such as 3f2a1b9c-0d4e-4f60-8a7b-1c2d3e4f5a6b, as the Downward API writes metadata.uid", error.Errors[0].Fix, StringComparison.Ordinal);
        Assert.StartsWith("LIMITS_MEMORY_MIB should hold a whole number such as 256, as the Downward API writes limits.memory in units of 1Mi", error.Errors[1].Fix, StringComparison.Ordinal);
        Assert.StartsWith("the item labels should hold one key=\"value\" per line", error.Errors[2].Fix, StringComparison.Ordinal);
        Assert.Contains("  Fix: POD_UID should hold a UID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_volume_item_gets_the_volume_and_its_mount()
    {
        string volume = _temp.Combine("podinfo");
        new KubeletVolumeWriter(volume).Write(new Dictionary<string, string>());
        var environment = new Dictionary<string, string> { ["POD_NAME"] = "orders-1", ["POD_UID"] = "3f2a1b9c-0d4e-4f60-8a7b-1c2d3e4f5a6b", ["LIMITS_MEMORY_MIB"] = "256" };

        DownwardApiLoadException error = Assert.Throws<DownwardApiLoadException>(() => FixHintPod.Load(PodSource.FromDirectory(volume, environment)));

        Assert.Equal(
            "mount the downwardAPI volume in container 'api' (all of it is in deploy/podbinding/fix-hint-pod.yaml):\n"
            + "volumes:\n- name: podinfo\n  downwardAPI:\n    items:\n    - path: labels\n      fieldRef:\n        apiVersion: v1\n        fieldPath: metadata.labels\n"
            + "volumeMounts:\n- name: podinfo\n  mountPath: /etc/podinfo\n  readOnly: true",
            Assert.Single(error.Errors).Fix);
    }
}
