using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using PodBinding.Shared;
using PodBinding.Generators.Catalog;

namespace PodBinding.Generators.Manifests;

/// <summary>
/// What the analyzers need from one YAML file, independent of its path: the pod specs it holds (Pods, every workload
/// kind's pod template, kustomize strategic-merge patches of them, PodBinding's own pod-spec fragments) with the
/// downward-API env vars, volumes and mounts, each with its span. Built once per <see cref="SourceText"/>.
/// </summary>
internal sealed class ManifestText
{
    public static readonly ManifestText Empty = new(false, ImmutableArray<PodSpecEntry>.Empty, ImmutableArray<RbacEntry>.Empty);

    private ManifestText(bool isGenerated, ImmutableArray<PodSpecEntry> podSpecs, ImmutableArray<RbacEntry> rbac)
    {
        IsGenerated = isGenerated;
        PodSpecs = podSpecs;
        Rbac = rbac;
    }

    /// <summary>The file starts with PodBinding's header line (a file the build writes).</summary>
    public bool IsGenerated { get; }

    public ImmutableArray<PodSpecEntry> PodSpecs { get; }

    /// <summary>The Roles, ClusterRoles and their bindings (<c>rbac.authorization.k8s.io/v1</c>), in file order.</summary>
    public ImmutableArray<RbacEntry> Rbac { get; }

    /// <summary>Never throws on bad input: anything that isn't (valid) YAML yields no pod specs.</summary>
    public static ManifestText Read(SourceText text, CancellationToken ct) => Read(text, ct, useSubsetReader: true);

    /// <summary><paramref name="useSubsetReader"/> false reads every file with YamlDotNet: the benchmark's "before".</summary>
    internal static ManifestText Read(SourceText text, CancellationToken ct, bool useSubsetReader)
    {
        string content = text.ToString();
        bool generated = ManifestContract.HasHeader(content);

        // A Helm template is not what gets deployed ({{ }} expressions decide names and values), and when it happens
        // to parse as YAML its nodes mean nothing: skip it like any other non-manifest.
        if (content.IndexOf("{{", StringComparison.Ordinal) >= 0 && content.IndexOf("}}", StringComparison.Ordinal) >= 0)
        {
            return generated ? new ManifestText(true, ImmutableArray<PodSpecEntry>.Empty, ImmutableArray<RbacEntry>.Empty) : Empty;
        }

        var specs = ImmutableArray.CreateBuilder<PodSpecEntry>();
        var rbac = ImmutableArray.CreateBuilder<RbacEntry>();
        // PodBinding's own files (hundreds in a project with many bound classes) take the fast reader for the YAML
        // subset the generator writes; a hand-edited one that leaves the subset is read by YamlDotNet as before.
        List<YamlTreeNode> documents = (generated && useSubsetReader ? YamlTreeNode.TryParseWrittenSubset(content, ct) : null)
            ?? YamlTreeNode.ParseDocuments(content, ct);
        foreach (YamlTreeNode document in documents)
        {
            Collect(document, specs, rbac, depth: 0);
        }

        return specs.Count == 0 && rbac.Count == 0 && !generated ? Empty : new ManifestText(generated, specs.ToImmutable(), rbac.ToImmutable());
    }

    private static void Collect(YamlTreeNode document, ImmutableArray<PodSpecEntry>.Builder specs, ImmutableArray<RbacEntry>.Builder rbac, int depth)
    {
        if (document.Entries is null)
        {
            return;
        }

        string? kind = document.ScalarAt("kind");
        string? name = document["metadata"]?.ScalarAt("name");
        string? workload = kind is null ? null : WorkloadKinds.Key(kind, name);
        YamlTreeNode? podSpec = kind is null
            ? document["containers"] is not null ? document : null // a pod-spec fragment (PodBinding's own <stem>.yaml)
            : WorkloadKinds.FromKind(kind) is { } known ? Walk(document, known.PodSpecPath) : null;

        if (kind == "List" && depth < 4)
        {
            foreach (YamlTreeNode item in document.ItemsAt("items"))
            {
                Collect(item, specs, rbac, depth + 1);
            }

            return;
        }

        if (podSpec?.Entries is not null)
        {
            specs.Add(PodSpecEntry.Read(workload, podSpec, document["metadata"]?.ScalarAt("namespace")));
        }
        else if (kind is not null && document.ScalarAt("apiVersion") == RbacApiVersion
            && RbacEntry.Read(kind, document, document.KeyNode("kind")?.Line ?? document.Line) is { } entry)
        {
            rbac.Add(entry);
        }
    }

    private const string RbacApiVersion = "rbac.authorization.k8s.io/v1";

    private static YamlTreeNode? Walk(YamlTreeNode node, IReadOnlyList<string> path)
    {
        YamlTreeNode? current = node;
        foreach (string key in path)
        {
            current = current?[key];
        }

        return current;
    }
}


/// <summary>One pod spec (or a partial one, in a patch).</summary>
/// <param name="Workload"><c>Kind/name</c> of the object it belongs to, or null for a bare fragment.</param>
/// <param name="NoTokenLine">Zero-based line of <c>automountServiceAccountToken: false</c> in this spec, or -1.</param>
/// <param name="ServiceAccount">The spec's <c>serviceAccountName</c> (or the deprecated <c>serviceAccount</c>), or null.</param>
/// <param name="Namespace">The object's metadata.namespace, or null.</param>
/// <param name="PodLimits">The names under the pod-level <c>resources.limits</c> (feature PodLevelResources).</param>
internal sealed record PodSpecEntry(string? Workload, ImmutableArray<ContainerEntry> Containers, ImmutableArray<VolumeEntry> Volumes, int NoTokenLine = -1,
    string? ServiceAccount = null, string? Namespace = null, ImmutableArray<string> PodLimits = default)
{
    /// <summary>Whether the pod-level <c>resources.limits</c> sets <paramref name="name"/>.</summary>
    public bool HasPodLimit(string name) => !PodLimits.IsDefault && PodLimits.Contains(name);

    public static PodSpecEntry Read(string? workload, YamlTreeNode spec, string? ns = null)
    {
        var containers = ImmutableArray.CreateBuilder<ContainerEntry>();
        foreach (string list in ContainerLists)
        {
            foreach (YamlTreeNode container in spec.ItemsAt(list))
            {
                if (container.ScalarAt("name") is { } name)
                {
                    containers.Add(ContainerEntry.Read(name, container));
                }
            }
        }

        var volumes = ImmutableArray.CreateBuilder<VolumeEntry>();
        foreach (YamlTreeNode volume in spec.ItemsAt("volumes"))
        {
            if (volume.ScalarAt("name") is { } name)
            {
                volumes.Add(new VolumeEntry(name, IsDownward(volume), volume.Line));
            }
        }

        // YAML 1.1 spellings of false included: kubectl's parser (sigs.k8s.io/yaml, go-yaml v2) reads them as false.
        int noToken = spec.KeyNode("automountServiceAccountToken") is { } key
            && spec.ScalarAt("automountServiceAccountToken") is "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF"
            ? key.Line
            : -1;
        // The API server fills serviceAccountName from the deprecated serviceAccount when only that is set.
        string? account = spec.ScalarAt("serviceAccountName") is { Length: > 0 } a ? a : spec.ScalarAt("serviceAccount") is { Length: > 0 } d ? d : null;
        return new PodSpecEntry(workload, containers.ToImmutable(), volumes.ToImmutable(), noToken, account, string.IsNullOrEmpty(ns) ? null : ns,
            ContainerEntry.ReadLimits(spec));
    }

    private static readonly string[] ContainerLists = { "containers", "initContainers", "ephemeralContainers" };

    /// <summary>A downwardAPI volume, or a projected volume with at least one downwardAPI source.</summary>
    private static bool IsDownward(YamlTreeNode volume)
    {
        if (volume["downwardAPI"] is not null)
        {
            return true;
        }

        foreach (YamlTreeNode source in volume["projected"]?.ItemsAt("sources") ?? Array.Empty<YamlTreeNode>())
        {
            if (source["downwardAPI"] is not null)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A container's downward-API env vars, its volume mounts and which resource limits it sets.</summary>
/// <param name="Line">Zero-based line of the container's first key.</param>
/// <param name="Limits">The resource names under <c>resources.limits</c> (<c>memory</c>, <c>ephemeral-storage</c>, …), in file order.</param>
internal sealed record ContainerEntry(string Name, ImmutableArray<EnvEntry> Env, ImmutableArray<MountEntry> Mounts, int Line = -1, ImmutableArray<string> Limits = default)
{
    /// <summary>Whether <c>resources.limits</c> sets <paramref name="name"/> (<c>memory</c>, not <c>limits.memory</c>).</summary>
    public bool HasLimit(string name) => !Limits.IsDefault && Limits.Contains(name);

    /// <summary>
    /// The names under <paramref name="owner"/>'s <c>resources.limits</c> (a container's, or a pod spec's pod-level
    /// resources). A zero limit is left out: the kubelet treats it as unset (<c>MergeContainerResourceLimits</c>).
    /// </summary>
    internal static ImmutableArray<string> ReadLimits(YamlTreeNode owner)
    {
        if (owner["resources"]?["limits"]?.Entries is not { Count: > 0 } entries)
        {
            return ImmutableArray<string>.Empty;
        }

        var limits = ImmutableArray.CreateBuilder<string>();
        foreach (KeyValuePair<YamlTreeNode, YamlTreeNode> limit in entries)
        {
            if (limit.Key.Scalar is { Length: > 0 } resource && limit.Value.Scalar is not "0")
            {
                limits.Add(resource);
            }
        }

        return limits.ToImmutable();
    }

    public static ContainerEntry Read(string name, YamlTreeNode container)
    {
        var env = ImmutableArray.CreateBuilder<EnvEntry>();
        foreach (YamlTreeNode item in container.ItemsAt("env"))
        {
            YamlTreeNode? nameNode = item["name"];
            YamlTreeNode? valueFrom = item["valueFrom"];
            if (nameNode?.Scalar is not { } envName || valueFrom is null)
            {
                continue;
            }

            if (valueFrom["fieldRef"]?.ScalarAt("fieldPath") is { } fieldPath)
            {
                env.Add(new EnvEntry(envName, fieldPath, null, null, null, nameNode.Line));
            }
            else if (valueFrom["resourceFieldRef"] is { } resourceRef && resourceRef.ScalarAt("resource") is { } resource)
            {
                env.Add(new EnvEntry(envName, null, resource, resourceRef.ScalarAt("divisor"), resourceRef.ScalarAt("containerName"), nameNode.Line));
            }
        }

        var mounts = ImmutableArray.CreateBuilder<MountEntry>();
        foreach (YamlTreeNode mount in container.ItemsAt("volumeMounts"))
        {
            if (mount.ScalarAt("name") is not { } volume)
            {
                continue;
            }

            string key = mount["subPathExpr"] is not null ? "subPathExpr" : "subPath";
            YamlTreeNode? keyNode = mount.KeyNode(key);
            YamlTreeNode? value = mount[key];
            TextSpan? span = keyNode is null || value is null || string.IsNullOrEmpty(value.Scalar)
                ? null
                : TextSpan.FromBounds(keyNode.Start, Math.Max(keyNode.End, value.End));
            mounts.Add(new MountEntry(volume, mount.ScalarAt("mountPath"), span is null ? null : key, span, keyNode?.Line ?? mount.Line));
        }

        return new ContainerEntry(name, env.ToImmutable(), mounts.ToImmutable(), container.Line, ReadLimits(container));
    }
}

/// <summary>An env var set from <c>fieldRef</c> (<paramref name="FieldPath"/>) or <c>resourceFieldRef</c> (<paramref name="Resource"/>).</summary>
/// <param name="Line">Zero-based line of the env var's name.</param>
internal sealed record EnvEntry(string Name, string? FieldPath, string? Resource, string? Divisor, string? ResourceContainer, int Line)
{
    /// <summary>Labels and annotations change while the pod runs; an env var keeps the value from container start.</summary>
    public bool IsMutableMetadata => FieldPath is { } path && FieldCatalog.VolatilityOfFieldPath(path) == Volatility.Mutable;

    /// <summary>CPU and memory requests/limits change with an in-place resize (KEP-1287); env keeps the start-up value.</summary>
    public bool IsResizableResource => Resource is { } resource && FieldCatalog.VolatilityOfResource(resource) == Volatility.Resizable;
}

/// <summary>A volume mount; <paramref name="SubPathKey"/> and <paramref name="SubPathSpan"/> are set when it mounts one file through subPath or subPathExpr.</summary>
/// <param name="Line">Zero-based line of the subPath key, or of the mount.</param>
internal sealed record MountEntry(string VolumeName, string? MountPath, string? SubPathKey, TextSpan? SubPathSpan, int Line);

/// <summary>A pod volume; <paramref name="IsDownward"/> for downwardAPI (direct or projected).</summary>
internal sealed record VolumeEntry(string Name, bool IsDownward, int Line);
