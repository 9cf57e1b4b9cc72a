using System;
using System.Collections.Generic;
using PodBinding.Generators.Analyzers;
using PodBinding.Generators.Emit;
using PodBinding.Generators.Model;

namespace PodBinding.Generators.Manifests;

/// <summary>What the build writes into the manifest folder for a project's bound classes (PB0300 compares with it).</summary>
internal static class ExpectedFiles
{
    /// <summary>
    /// The files the build writes for <paramref name="classes"/>, by name inside the manifest folder, with the class (or
    /// the kustomize Component) that produces each. Names only: <see cref="ExpectedFile.Content"/> runs the generator's
    /// own emitters (<see cref="ManifestAttributeEmitter.FilesOf"/>, <see cref="ManifestEmitter.Kustomization"/>) for the
    /// few files that are committed, so the comparison cannot drift from the build and costs nothing for the others.
    /// </summary>
    public static Dictionary<string, ExpectedFile> For(IReadOnlyList<BoundClass> classes, IReadOnlyList<ApiFactsSpec>? apiClasses = null)
    {
        var files = new Dictionary<string, ExpectedFile>(StringComparer.Ordinal);
        var patches = new List<string>();
        var apiEntries = new List<ApiComponentEntry>();
        var volumes = new List<WorkloadVolume>();
        foreach (BoundClass bound in classes)
        {
            BindingPlan plan = bound.Plan;
            volumes.AddRange(WorkloadVolumes.Of(plan));
            files[plan.FragmentFile] = new ExpectedFile(plan.FullName, () => Content(plan, plan.FragmentFile));
            if (plan.HasPatch)
            {
                files[plan.PatchFile] = new ExpectedFile(plan.FullName, () => Content(plan, plan.PatchFile));
                patches.Add(plan.PatchFile);
            }

            foreach (ApiComponentEntry entry in ApiEmitter.EntriesOf(plan))
            {
                apiEntries.Add(entry);
                string patch = ApiEmitter.ModeFolder(entry.Mode) + "/" + entry.PatchFile;
                string account = ApiEmitter.ModeFolder(entry.Mode) + "/" + entry.ResourceFile;
                files[patch] = new ExpectedFile(plan.FullName, () => Content(plan, patch));
                files[account] = new ExpectedFile(plan.FullName, () => Content(plan, account));
            }
        }

        apiEntries.Sort(static (a, b) => a.Mode != b.Mode ? a.Mode.CompareTo(b.Mode) : string.CompareOrdinal(a.PatchFile, b.PatchFile));
        List<ApiRbacFile> rbac = Rbac(classes, apiClasses);
        foreach (KeyValuePair<string, string> file in ApiRbacEmitter.Manifests(rbac))
        {
            string content = file.Value;
            files[file.Key] = new ExpectedFile("the [FromApi] members of its workload", () => content);
        }

        foreach (KeyValuePair<string, string> kustomization in PodBindingGenerator.ApiKustomizations(apiEntries, rbac))
        {
            string content = kustomization.Value; // small, and only built for projects that declare [KubernetesApi]
            files[kustomization.Key] = new ExpectedFile("the kustomize Component of an API connection mode", () => content);
        }

        volumes.Sort(WorkloadVolumes.Compare);
        foreach (KeyValuePair<string, string> patch in WorkloadVolumes.Patches(volumes))
        {
            string content = patch.Value;
            files[patch.Key] = new ExpectedFile("the merged volume of every class that patches its workload", () => content);
            if (!patches.Contains(patch.Key))
            {
                patches.Add(patch.Key);
            }
        }

        if (patches.Count > 0)
        {
            patches.Sort(StringComparer.Ordinal);
            files["kustomization.yaml"] = new ExpectedFile("the kustomize Component of all bound classes", () => ManifestEmitter.Kustomization(patches));
        }

        return files;
    }

    /// <summary>The generator's RBAC files: the same needs and accounts its pipeline collects.</summary>
    private static List<ApiRbacFile> Rbac(IReadOnlyList<BoundClass> classes, IReadOnlyList<ApiFactsSpec>? apiClasses)
    {
        var needs = new List<ApiNeed>();
        foreach (ApiFactsSpec spec in apiClasses ?? Array.Empty<ApiFactsSpec>())
        {
            if (Planning.ApiFactsPlanner.NeedOf(spec) is { } need)
            {
                needs.Add(need);
            }
        }

        var accounts = new List<ApiAccount>();
        if (needs.Count > 0)
        {
            foreach (BoundClass bound in classes)
            {
                if (bound.Plan.HasApi && bound.Plan.WorkloadName is not null)
                {
                    accounts.Add(new ApiAccount(bound.Plan.WorkloadKind, bound.Plan.WorkloadName, bound.Plan.Api!.ServiceAccountName, bound.Plan.Api.Modes));
                }
            }
        }

        return ApiRbacEmitter.Files(needs, accounts);
    }

    private static string Content(BindingPlan plan, string file)
    {
        foreach (KeyValuePair<string, string> generated in ManifestAttributeEmitter.FilesOf(plan))
        {
            if (generated.Key == file)
            {
                return generated.Value;
            }
        }

        return "";
    }
}

/// <summary>A file the build writes: who produces it, and its text on demand.</summary>
internal sealed class ExpectedFile
{
    private readonly Func<string> _content;

    public ExpectedFile(string owner, Func<string> content)
    {
        Owner = owner;
        _content = content;
    }

    public string Owner { get; }

    public string Content() => _content();
}
