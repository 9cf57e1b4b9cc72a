using PodBinding.Loading;
using PodBinding.Shared;

namespace PodBinding.Tests.Loading;

/// <summary>The member kinds the generator writes into a class's binding table are exactly the ones the runtime converts.</summary>
public sealed class BindingTableKindsTests
{
    private static DownwardBindingInfo InfoWith(string kind) => DownwardBindingInfo.FromTable(new BindingTable(
        "App.PodInfo", "app", "podinfo", "/etc/podinfo", "deploy/podbinding", "pod-info", null, null, null,
        [new BindingTableRow("Member", kind, false, false, "POD_VALUE", "metadata.name", null, null, null)], []).ToString());

    [Fact]
    public void EveryTableKind_MapsToItsOwnConversion_AndEveryConversionHasAKind()
    {
        ValueKind[] mapped = BindingTable.Kinds.All.Select(k => InfoWith(k).References[0].Kind).ToArray();

        Assert.Equal(mapped.Length, mapped.Distinct().Count());
        Assert.Equal(Enum.GetValues<ValueKind>().OrderBy(v => v), mapped.OrderBy(v => v));
        Assert.All(BindingTable.Kinds.All.Zip(mapped), pair => Assert.Equal(pair.First, pair.Second.ToString()));
    }

    [Fact]
    public void AnUnknownKind_IsAFormatErrorNamingTheMember()
    {
        var e = Assert.Throws<FormatException>(() => InfoWith("Uri"));
        Assert.Contains("App.PodInfo", e.Message);
        Assert.Contains("Member", e.Message);
        Assert.Contains("'Uri'", e.Message);
    }
}
