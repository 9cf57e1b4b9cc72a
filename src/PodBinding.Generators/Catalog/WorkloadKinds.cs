using System;
using System.Collections.Generic;
using PodBinding.Shared;

namespace PodBinding.Generators.Catalog;

/// <summary>
/// One kind of object that carries a pod spec: its <c>apiVersion</c>, and the keys from the object's root down to the
/// pod spec (<c>spec.template.spec</c> for a Deployment). The patch writer builds the nesting from it, and the manifest
/// reader finds the pod spec with it.
/// </summary>
/// <param name="Value">The <c>WorkloadKind</c> value a class names, or null for kinds PodBinding only reads.</param>
internal sealed record WorkloadKindInfo(int? Value, string Kind, string ApiVersion, IReadOnlyList<string> PodSpecPath);

/// <summary>
/// The pod-carrying kinds (Kubernetes API reference: PodSpec in Pod <c>spec</c>, PodTemplateSpec in the workload
/// controllers' <c>spec.template</c>, JobTemplateSpec in CronJob <c>spec.jobTemplate</c>).
/// </summary>
internal static class WorkloadKinds
{
    private static readonly string[] PodSpec = { "spec" };
    private static readonly string[] TemplateSpec = { "spec", "template", "spec" };

    public static IReadOnlyList<WorkloadKindInfo> All { get; } = new[]
    {
        new WorkloadKindInfo(AttributeContract.WorkloadKind.Pod, WorkloadResources.Pod.Kind, WorkloadResources.Pod.ApiVersion, PodSpec),
        new WorkloadKindInfo(AttributeContract.WorkloadKind.Deployment, WorkloadResources.Deployment.Kind, WorkloadResources.Deployment.ApiVersion, TemplateSpec),
        new WorkloadKindInfo(AttributeContract.WorkloadKind.StatefulSet, WorkloadResources.StatefulSet.Kind, WorkloadResources.StatefulSet.ApiVersion, TemplateSpec),
        new WorkloadKindInfo(AttributeContract.WorkloadKind.DaemonSet, WorkloadResources.DaemonSet.Kind, WorkloadResources.DaemonSet.ApiVersion, TemplateSpec),
        new WorkloadKindInfo(AttributeContract.WorkloadKind.ReplicaSet, WorkloadResources.ReplicaSet.Kind, WorkloadResources.ReplicaSet.ApiVersion, TemplateSpec),
        new WorkloadKindInfo(AttributeContract.WorkloadKind.Job, WorkloadResources.Job.Kind, WorkloadResources.Job.ApiVersion, TemplateSpec),
        new WorkloadKindInfo(AttributeContract.WorkloadKind.CronJob, WorkloadResources.CronJob.Kind, WorkloadResources.CronJob.ApiVersion, new[] { "spec", "jobTemplate", "spec", "template", "spec" }),

        // Read from a project's manifests, never written.
        new WorkloadKindInfo(null, "ReplicationController", "v1", TemplateSpec),
        new WorkloadKindInfo(null, "PodTemplate", "v1", new[] { "template", "spec" }),
    };

    /// <summary>
    /// How the manifest reader names the object a pod spec belongs to (<c>Deployment/orders</c>), so the analyzers look a
    /// class's workload up under the same key.
    /// </summary>
    public static string Key(string kind, string? name) => kind + "/" + (name ?? "");

    /// <summary>The <see cref="Key(string, string?)"/> of a <c>WorkloadKind</c> value and name, or null when the value names no kind.</summary>
    public static string? Key(int workloadKind, string? name) => FromValue(workloadKind) is { } kind ? Key(kind.Kind, name) : null;

    /// <summary>The kind a <c>WorkloadKind</c> value names, or null for <c>None</c> and values the enum does not define.</summary>
    public static WorkloadKindInfo? FromValue(int value)
    {
        foreach (WorkloadKindInfo kind in All)
        {
            if (kind.Value == value)
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The kind named by a manifest's <c>kind:</c>, or null.</summary>
    public static WorkloadKindInfo? FromKind(string kind)
    {
        foreach (WorkloadKindInfo info in All)
        {
            if (string.Equals(info.Kind, kind, StringComparison.Ordinal))
            {
                return info;
            }
        }

        return null;
    }

    /// <summary>The names a class can use, for messages: <c>Pod, Deployment, …</c>.</summary>
    public static string WritableNames()
    {
        var names = new List<string>();
        foreach (WorkloadKindInfo kind in All)
        {
            if (kind.Value is not null)
            {
                names.Add(kind.Kind);
            }
        }

        return string.Join(", ", names);
    }
}
