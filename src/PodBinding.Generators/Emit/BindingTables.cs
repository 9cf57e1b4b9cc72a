using System.Collections.Generic;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Model;
using PodBinding.Shared;

namespace PodBinding.Generators.Emit;

/// <summary>A plan as the <see cref="BindingTable"/> the loader carries and the YAML emitters read (generator side only).</summary>
internal static class BindingTables
{
    public static BindingTable Of(BindingPlan plan)
    {
        var members = new List<BindingTableRow>(plan.Members.Count);
        foreach (PlannedMember m in plan.Members)
        {
            members.Add(new BindingTableRow(m.MemberName, KindName(m.Kind), m.IsNullable, m.IsVolume, m.Name, m.FieldPath, m.Resource, m.ContainerName, m.Divisor));
        }

        var skipped = new List<BindingTableSkip>();
        foreach (PlanFinding skip in plan.Skipped)
        {
            skipped.Add(new BindingTableSkip(skip.MemberName, skip.Id, skip.Message));
        }

        // The catalog's kind names are the enum's member names (ContractTests); a value it does not know stays a number.
        string? kind = plan.WorkloadKind == 0
            ? null
            : WorkloadKinds.FromValue(plan.WorkloadKind)?.Kind ?? plan.WorkloadKind.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new BindingTable(plan.FullName, plan.ContainerName, plan.VolumeName, plan.MountPath, plan.ManifestFolder, plan.ManifestStem,
            kind, plan.WorkloadName, plan.DefaultMode, members, skipped);
    }

    /// <summary>The table's kind name, which is also the name of the runtime's reader for it (<c>DownwardValues.Guid</c>, …).</summary>
    public static string KindName(ClrKind kind) => kind switch
    {
        ClrKind.Guid => BindingTable.Kinds.Guid,
        ClrKind.IPAddress => BindingTable.Kinds.IPAddress,
        ClrKind.IPAddressList => BindingTable.Kinds.IPAddressList,
        ClrKind.StringMap => BindingTable.Kinds.Map,
        ClrKind.Int32 => BindingTable.Kinds.Int32,
        ClrKind.Int64 => BindingTable.Kinds.Int64,
        ClrKind.Decimal => BindingTable.Kinds.Decimal,
        _ => BindingTable.Kinds.String,
    };
}

/// <summary>The generator's entry to <see cref="WorkloadVolumes"/>: from a plan.</summary>
internal static partial class WorkloadVolumes
{
    public static IEnumerable<WorkloadVolume> Of(BindingPlan plan) => Of(BindingTables.Of(plan));
}
