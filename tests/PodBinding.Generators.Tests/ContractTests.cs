using System.Reflection;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Model;
using PodBinding.Generators.Planning;
using PodBinding.Generators.Tests.Helpers;
using PodBinding.Shared;

namespace PodBinding.Generators.Tests;

/// <summary>
/// The compiler extensions cannot reference the runtime, so they carry its names and values in
/// <see cref="AttributeContract"/>. These tests pin every constant to the runtime's real attribute, argument and enum
/// member, so a rename or a renumbering on one side fails here instead of silently binding nothing.
/// </summary>
public sealed class ContractTests
{
    [Fact]
    public void AttributeMetadataNames_AreTheRuntimeTypes()
    {
        Assert.Equal(AttributeContract.FromDownwardAttribute, typeof(FromDownwardAttribute).FullName);
        Assert.Equal(AttributeContract.DownwardBindingAttribute, typeof(DownwardBindingAttribute).FullName);
        Assert.Equal(AttributeContract.DownwardBindingAttributeName, typeof(DownwardBindingAttribute).Name);
        Assert.Equal(AttributeContract.DownwardSourceType, typeof(DownwardSource).FullName);
        Assert.Equal(AttributeContract.Namespace, typeof(FromDownwardAttribute).Namespace);
    }

    [Fact]
    public void FromDownwardArguments_AreTheRuntimeProperties()
    {
        ParameterInfo path = Assert.Single(Assert.Single(typeof(FromDownwardAttribute).GetConstructors()).GetParameters());
        Assert.Equal(AttributeContract.FromDownward.Path, path.Name);
        Assert.Equal(nameof(FromDownwardAttribute.Source), AttributeContract.FromDownward.Source);
        Assert.Equal(nameof(FromDownwardAttribute.EnvVar), AttributeContract.FromDownward.EnvVar);
        Assert.Equal(nameof(FromDownwardAttribute.File), AttributeContract.FromDownward.File);
        Assert.Equal(nameof(FromDownwardAttribute.Divisor), AttributeContract.FromDownward.Divisor);
        Assert.Equal(nameof(FromDownwardAttribute.ContainerName), AttributeContract.FromDownward.ContainerName);
        Assert.Equal(
            Settable(typeof(FromDownwardAttribute)),
            new[] { AttributeContract.FromDownward.ContainerName, AttributeContract.FromDownward.Divisor, AttributeContract.FromDownward.EnvVar, AttributeContract.FromDownward.File, AttributeContract.FromDownward.Source });
    }

    [Fact]
    public void DownwardBindingArguments_AreTheRuntimeProperties()
    {
        Assert.Equal(nameof(DownwardBindingAttribute.ContainerName), AttributeContract.DownwardBinding.ContainerName);
        Assert.Equal(nameof(DownwardBindingAttribute.VolumeName), AttributeContract.DownwardBinding.VolumeName);
        Assert.Equal(nameof(DownwardBindingAttribute.MountPath), AttributeContract.DownwardBinding.MountPath);
        Assert.Equal(nameof(DownwardBindingAttribute.WorkloadKind), AttributeContract.DownwardBinding.WorkloadKind);
        Assert.Equal(nameof(DownwardBindingAttribute.WorkloadName), AttributeContract.DownwardBinding.WorkloadName);
        Assert.Equal(nameof(DownwardBindingAttribute.ManifestName), AttributeContract.DownwardBinding.ManifestName);
        Assert.Equal(nameof(DownwardBindingAttribute.DefaultMode), AttributeContract.DownwardBinding.DefaultMode);
        Assert.Equal(
            Settable(typeof(DownwardBindingAttribute)),
            new[] { AttributeContract.DownwardBinding.ContainerName, AttributeContract.DownwardBinding.DefaultMode, AttributeContract.DownwardBinding.ManifestName, AttributeContract.DownwardBinding.MountPath, AttributeContract.DownwardBinding.VolumeName, AttributeContract.DownwardBinding.WorkloadKind, AttributeContract.DownwardBinding.WorkloadName });
        Assert.Equal(DownwardBindingAttribute.DefaultVolumeName, BindingPlanner.DefaultVolumeName);
        Assert.Equal(DownwardBindingAttribute.DefaultMountPath, BindingPlanner.DefaultMountPath);
    }

    [Fact]
    public void KubernetesApiArguments_AreTheRuntimeAttribute()
    {
        Assert.Equal(AttributeContract.KubernetesApiAttribute, typeof(KubernetesApiAttribute).FullName);
        Assert.Equal(AttributeContract.KubernetesApiAttributeName, typeof(KubernetesApiAttribute).Name);
        ParameterInfo modes = Assert.Single(Assert.Single(typeof(KubernetesApiAttribute).GetConstructors()).GetParameters());
        Assert.Equal(AttributeContract.KubernetesApi.Modes, modes.Name);
        Assert.Equal(typeof(KubernetesApiMode[]), modes.ParameterType);
        Assert.True(modes.IsDefined(typeof(ParamArrayAttribute)));
        Assert.Equal(
            Settable(typeof(KubernetesApiAttribute)),
            new[] { AttributeContract.KubernetesApi.RunAsUser, AttributeContract.KubernetesApi.ServiceAccountName });
        Assert.Equal(KubernetesApiAttribute.DefaultRunAsUser, AttributeContract.KubernetesApi.DefaultRunAsUser);
        Assert.Equal(KubernetesApiAttribute.DefaultRunAsUser, new KubernetesApiAttribute().RunAsUser);

        Assert.Equal(
            new[] { ((int)KubernetesApiMode.InCluster, "InCluster"), ((int)KubernetesApiMode.Ambassador, "Ambassador"), ((int)KubernetesApiMode.AmbassadorUnixSocket, "AmbassadorUnixSocket") },
            Enum.GetValues<KubernetesApiMode>().Select(m => ((int)m, m.ToString())));
        Assert.Equal((int)KubernetesApiMode.InCluster, AttributeContract.KubernetesApiMode.InCluster);
        Assert.Equal((int)KubernetesApiMode.Ambassador, AttributeContract.KubernetesApiMode.Ambassador);
        Assert.Equal((int)KubernetesApiMode.AmbassadorUnixSocket, AttributeContract.KubernetesApiMode.AmbassadorUnixSocket);
        foreach (KubernetesApiMode mode in Enum.GetValues<KubernetesApiMode>())
        {
            Assert.Equal(mode.ToString(), PodBinding.Generators.Planning.ApiPlanner.ModeName((int)mode));
            Assert.NotNull(PodBinding.Generators.Planning.ApiPlanner.ModeFolder((int)mode));
        }
    }

    [Fact]
    public void DownwardSourceValues_AreTheRuntimeEnum()
    {
        Assert.Equal((int)DownwardSource.Auto, AttributeContract.DownwardSource.Auto);
        Assert.Equal((int)DownwardSource.Environment, AttributeContract.DownwardSource.Environment);
        Assert.Equal((int)DownwardSource.Volume, AttributeContract.DownwardSource.Volume);
        Assert.Equal(nameof(DownwardSource.Auto), AttributeContract.DownwardSource.AutoName);
        Assert.Equal(nameof(DownwardSource.Environment), AttributeContract.DownwardSource.EnvironmentName);
        Assert.Equal(nameof(DownwardSource.Volume), AttributeContract.DownwardSource.VolumeName);
        Assert.Equal(3, Enum.GetValues<DownwardSource>().Length);
    }

    /// <summary>
    /// The shared field-path names (linked into the OpenTelemetry detector and the simulated pod) are exactly the
    /// catalog's plain fields: a path added to one and not the other fails here.
    /// </summary>
    [Fact]
    public void DownwardFieldPaths_AreTheCatalogsFields()
    {
        string[] shared = typeof(DownwardFieldPaths).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        string[] catalog = FieldCatalog.Fields.Select(f => f.Path).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(catalog, shared);
    }

    /// <summary>
    /// The resource families the simulated pod splits a resource name by are the catalog's: every resource it accepts
    /// starts with exactly one of them, each is used, and the hugepages prefixes are built from them.
    /// </summary>
    [Fact]
    public void DownwardResourcePrefixes_AreTheCatalogsFamilies()
    {
        string[] families = { DownwardResourcePrefixes.Limits, DownwardResourcePrefixes.Requests };

        Assert.All(FieldCatalog.Resources, resource => Assert.Single(families, family => resource.StartsWith(family, StringComparison.Ordinal)));
        Assert.All(families, family => Assert.Contains(FieldCatalog.Resources, resource => resource.StartsWith(family, StringComparison.Ordinal)));
        Assert.Equal(new[] { FieldCatalog.LimitsHugePagesPrefix, FieldCatalog.RequestsHugePagesPrefix }, families.Select(family => family + DownwardResourcePrefixes.HugePages));
        Assert.NotNull(FieldCatalog.FindResource(DownwardResourcePrefixes.Requests + DownwardResourcePrefixes.HugePages + "2Mi"));
        Assert.Equal(string.Join(", ", families.Select(family => family + "*")), FieldCatalog.DescribeResources());
    }

    /// <summary>Each alias the simulated pod resolves is an unsupported path in the catalog, and the catalog names the field to use.</summary>
    [Fact]
    public void DownwardFieldAliases_AreTheCatalogsUnsupportedAliases()
    {
        string[] aliases = typeof(DownwardFieldAliases).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        Assert.NotEmpty(aliases);
        Assert.All(aliases, alias => Assert.True(FieldCatalog.Unsupported.ContainsKey(alias) && FieldCatalog.FindField(alias) is null, alias));
        Assert.Contains("'" + DownwardFieldPaths.NodeName + "'", FieldCatalog.Unsupported[DownwardFieldAliases.Host], StringComparison.Ordinal);
    }

    /// <summary>
    /// The field-selector labels (linked into the API-connection library and the test API server) that name a field the
    /// Downward API also exposes are spelt as the catalog spells it; pod phase is a catalog path the Downward API refuses.
    /// </summary>
    [Fact]
    public void FieldSelectorFields_ShareTheCatalogsSpellings()
    {
        var downward = new Dictionary<string, string>
        {
            [nameof(FieldSelectorFields.MetadataName)] = DownwardFieldPaths.Name,
            [nameof(FieldSelectorFields.MetadataNamespace)] = DownwardFieldPaths.Namespace,
            [nameof(FieldSelectorFields.PodNodeName)] = DownwardFieldPaths.NodeName,
            [nameof(FieldSelectorFields.PodServiceAccountName)] = DownwardFieldPaths.ServiceAccountName,
            [nameof(FieldSelectorFields.PodIP)] = DownwardFieldPaths.PodIP,
        };
        Dictionary<string, string> selectable = typeof(FieldSelectorFields).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

        foreach ((string name, string path) in downward)
        {
            Assert.Equal(path, selectable[name]);
            Assert.NotNull(FieldCatalog.FindField(path));
        }

        Assert.True(FieldCatalog.Unsupported.ContainsKey(FieldSelectorFields.PodPhase));

        // The rest are node fields, which no pod-side catalog describes; a new constant must be added above or here.
        Assert.Equal(
            new[] { nameof(FieldSelectorFields.NodeUnschedulable), nameof(FieldSelectorFields.PodPhase) },
            selectable.Keys.Except(downward.Keys).Order(StringComparer.Ordinal));
    }

    /// <summary>Every runtime <c>WorkloadKind</c> but None has exactly one catalog entry of the same name, and no more.</summary>
    [Fact]
    public void WorkloadKinds_AreTheRuntimeEnum()
    {
        Assert.Equal((int)WorkloadKind.None, AttributeContract.WorkloadKind.None);
        Assert.Null(WorkloadKinds.FromValue((int)WorkloadKind.None));
        foreach (WorkloadKind kind in Enum.GetValues<WorkloadKind>().Where(k => k != WorkloadKind.None))
        {
            WorkloadKindInfo? info = WorkloadKinds.FromValue((int)kind);
            Assert.True(info is not null, $"WorkloadKind.{kind} has no catalog entry");
            Assert.Equal(kind.ToString(), info.Kind);
        }

        Assert.Equal(
            Enum.GetValues<WorkloadKind>().Where(k => k != WorkloadKind.None).Select(k => (int)k),
            WorkloadKinds.All.Where(k => k.Value is not null).Select(k => k.Value!.Value));
        Assert.Equal((int)WorkloadKind.Pod, AttributeContract.WorkloadKind.Pod);
        Assert.Equal((int)WorkloadKind.Deployment, AttributeContract.WorkloadKind.Deployment);
        Assert.Equal((int)WorkloadKind.StatefulSet, AttributeContract.WorkloadKind.StatefulSet);
        Assert.Equal((int)WorkloadKind.DaemonSet, AttributeContract.WorkloadKind.DaemonSet);
        Assert.Equal((int)WorkloadKind.ReplicaSet, AttributeContract.WorkloadKind.ReplicaSet);
        Assert.Equal((int)WorkloadKind.Job, AttributeContract.WorkloadKind.Job);
        Assert.Equal((int)WorkloadKind.CronJob, AttributeContract.WorkloadKind.CronJob);
    }

    /// <summary>The generated code's GeneratedCode stamp is the released version, not a copy that can drift.</summary>
    [Fact]
    public void GeneratedCodeStamp_IsTheRuntimeVersion()
    {
        string version = typeof(FromDownwardAttribute).Assembly.GetName().Version!.ToString(3);
        GeneratorOutput output = GeneratorRunner.Run("""
            using PodBinding;
            namespace Shop;
            public partial class PodInfo { [FromDownward("metadata.name")] public string? Name { get; init; } }
            """);
        Assert.Contains($"GeneratedCode(\"PodBinding\", \"{version}\")", output.Source("Shop.PodInfo.PodBinding.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>The generator's YAML carries the header and key the MSBuild task looks for (the task links the same file).</summary>
    [Fact]
    public void ManifestKeysAndHeader_AreWhatTheBuildTaskReads()
    {
        GeneratorOutput output = GeneratorRunner.Run("""
            using PodBinding;
            namespace Shop;
            public partial class PodInfo { [FromDownward("metadata.name")] public string? Name { get; init; } }
            """);
        Assert.Equal(ManifestContract.KeyPrefix, ManifestReader.Prefix);
        Assert.StartsWith(ManifestContract.HeaderPrefix + " from Shop.PodInfo.", output.Manifest("pod-info.yaml"), StringComparison.Ordinal);
    }

    private static string[] Settable(Type attribute) =>
        attribute.GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
}
