using System.Collections.Generic;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Model;
using PodBinding.Shared;

namespace PodBinding.Generators.Planning;

/// <summary>
/// Checks a class's <c>[KubernetesApi]</c> and decides its YAML. The generator writes YAML only for a plan without
/// problems; the analyzer reports the problems (PB0500) from this same method, so both always agree.
/// </summary>
internal static class ApiPlanner
{
    /// <summary>A user id is 0..2^31-1 (k8s.io/apimachinery pkg/util/validation, IsValidUserID); 0 is root, which runAsNonRoot refuses.</summary>
    private const long MaxUserId = int.MaxValue;

    public static ApiPlan? Plan(ApiSettings api, ClassSettings settings, GeneratorOptions options, List<ApiProblem>? problems)
    {
        var modes = new List<int>();
        bool ok = true;
        void Problem(string argument, string message, int modeIndex = -1)
        {
            ok = false;
            problems?.Add(new ApiProblem(argument, message, modeIndex));
        }

        if (api.Modes.Count == 0)
        {
            Problem(AttributeContract.KubernetesApi.Modes, "it lists no mode; name the in-pod modes, e.g. [KubernetesApi(KubernetesApiMode.InCluster)]");
        }

        for (int i = 0; i < api.Modes.Count; i++)
        {
            int mode = api.Modes[i];
            if (ModeFolder(mode) is null)
            {
                Problem(AttributeContract.KubernetesApi.Modes, $"KubernetesApiMode {mode} is not a mode PodBinding writes YAML for; use InCluster, Ambassador or AmbassadorUnixSocket", i);
            }
            else if (modes.Contains(mode))
            {
                Problem(AttributeContract.KubernetesApi.Modes, $"KubernetesApiMode.{ModeName(mode)} is listed twice; list each mode once", i);
            }
            else
            {
                modes.Add(mode);
            }
        }

        if (settings.WorkloadKind == AttributeContract.WorkloadKind.None || settings.WorkloadName is null
            || WorkloadKinds.FromValue(settings.WorkloadKind) is null || !NameRules.IsDns1123Subdomain(settings.WorkloadName))
        {
            Problem(AttributeContract.DownwardBinding.WorkloadName, "its Components patch the workload the class runs in, but [DownwardBinding] names no valid one; set WorkloadKind and WorkloadName on [DownwardBinding]");
        }

        // ServiceAccount names are DNS-1123 subdomains (pkg/apis/core/validation, ValidateServiceAccountName).
        string? account = api.ServiceAccountName ?? settings.WorkloadName;
        if (api.ServiceAccountName is not null && !NameRules.IsDns1123Subdomain(api.ServiceAccountName))
        {
            Problem(AttributeContract.KubernetesApi.ServiceAccountName, $"ServiceAccountName '{api.ServiceAccountName}' is not a valid ServiceAccount name (lower-case letters, digits, '-' and '.', at most 253); the API server would reject it");
        }

        if (api.RunAsUser < 1 || api.RunAsUser > MaxUserId)
        {
            Problem(AttributeContract.KubernetesApi.RunAsUser, $"RunAsUser {api.RunAsUser} is not a non-root user id (1 to {MaxUserId}); the containers run with runAsNonRoot: true, so use the app image's user, e.g. {AttributeContract.KubernetesApi.DefaultRunAsUser} for the .NET images");
        }

        if (!ok || account is null)
        {
            return null;
        }

        KubernetesVersion target = options.Target;
        return new ApiPlan(
            new EquatableArray<int>(modes.ToArray()),
            account,
            api.RunAsUser,
            options.KubectlImage ?? KubernetesVersions.KubectlImage(target),
            target.AtLeast(KubernetesVersions.NativeSidecars),
            target.ToString());
    }

    /// <summary>The Component folder of a mode under <c>kubernetes-api/</c>, or null for a value the enum does not define.</summary>
    public static string? ModeFolder(int mode) => mode switch
    {
        AttributeContract.KubernetesApiMode.InCluster => "in-cluster",
        AttributeContract.KubernetesApiMode.Ambassador => "ambassador",
        AttributeContract.KubernetesApiMode.AmbassadorUnixSocket => "ambassador-unix-socket",
        _ => null,
    };

    public static string ModeName(int mode) => mode switch
    {
        AttributeContract.KubernetesApiMode.InCluster => "InCluster",
        AttributeContract.KubernetesApiMode.Ambassador => "Ambassador",
        AttributeContract.KubernetesApiMode.AmbassadorUnixSocket => "AmbassadorUnixSocket",
        _ => mode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
