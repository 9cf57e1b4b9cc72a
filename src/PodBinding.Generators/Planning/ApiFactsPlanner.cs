using System.Collections.Generic;
using System.Globalization;
using PodBinding.Generators.Catalog;
using PodBinding.Generators.Model;

namespace PodBinding.Generators.Planning;

/// <summary>Why a <c>[FromApi]</c> member is not mapped; each is one diagnostic.</summary>
internal enum ApiMemberProblem
{
    None,

    /// <summary>The path is not in the catalog, or a subscript is malformed.</summary>
    UnknownPath,

    /// <summary>The Downward API gives it: use <c>[FromDownward]</c>.</summary>
    DownwardGives,

    /// <summary>The property's type cannot hold the fact.</summary>
    WrongType,

    /// <summary>Generated code cannot assign it.</summary>
    NoSetter,

    /// <summary>A peers fact while the class's <c>[ApiPeers]</c> selector is malformed (reported on the attribute).</summary>
    BadSelector,
}

/// <summary>A member checked against the catalog: the entry and type it maps with, or the problem and its sentence.</summary>
internal sealed class ApiMemberResolution
{
    public ApiMemberResolution(ApiMemberSpec member, ApiField? field, ApiType? type, IReadOnlyList<string> keys, ApiMemberProblem problem, string message)
    {
        Member = member;
        Field = field;
        Type = type;
        Keys = keys;
        Problem = problem;
        Message = message;
    }

    public ApiMemberSpec Member { get; }
    public ApiField? Field { get; }
    public ApiType? Type { get; }
    public IReadOnlyList<string> Keys { get; }
    public ApiMemberProblem Problem { get; }

    /// <summary>What is wrong and the fix (empty when mapped); for <see cref="ApiMemberProblem.DownwardGives"/>, see <see cref="DownwardPath"/>.</summary>
    public string Message { get; }

    public bool IsMapped => Problem == ApiMemberProblem.None;

    /// <summary>The downward path to bind instead, for <see cref="ApiMemberProblem.DownwardGives"/>.</summary>
    public string? DownwardPath => Field?.DownwardPath is { } path && Keys.Count > 0 ? string.Format(CultureInfo.InvariantCulture, path, Keys[0]) : Field?.DownwardPath;
}

/// <summary>
/// Checks <c>[FromApi]</c> members and the peer selector against <see cref="ApiFieldCatalog"/>: the generator maps only
/// what passes, and the analyzers report the rest from the same methods.
/// </summary>
internal static class ApiFactsPlanner
{
    public static ApiMemberResolution Resolve(ApiMemberSpec member)
    {
        List<string> keys;
        if (!ApiFieldCatalog.Parse(member.Path, out string pattern, out keys) || ApiFieldCatalog.Find(pattern) is not { } field)
        {
            return Fail(member, null, keys, ApiMemberProblem.UnknownPath,
                $"'{member.Path}' is not an API fact PodBinding knows; use one of {ApiFieldCatalog.KnownPaths()}");
        }

        for (int i = 0; i < keys.Count; i++)
        {
            if (!ApiFieldCatalog.IsValidKey(field.Keys[i], keys[i], out string error))
            {
                return Fail(member, field, keys, ApiMemberProblem.UnknownPath, $"the key '{keys[i]}' in '{member.Path}' is not valid: {error}");
            }
        }

        if (field.DownwardPath is not null)
        {
            var downward = new ApiMemberResolution(member, field, null, keys, ApiMemberProblem.DownwardGives, "");
            return new ApiMemberResolution(member, field, null, keys, ApiMemberProblem.DownwardGives,
                $"the Downward API gives '{member.Path}' without a request or RBAC; bind it with [FromDownward(\"{downward.DownwardPath}\")]");
        }

        ApiType? match = null;
        foreach (ApiType type in field.Types)
        {
            if (type.Type == member.Type && (member.IsNullable || type.Fallback is not null))
            {
                match = type;
                break;
            }
        }

        if (match is null)
        {
            var names = new List<string>();
            foreach (ApiType type in field.Types)
            {
                names.Add(type.Display);
            }

            return Fail(member, field, keys, ApiMemberProblem.WrongType,
                $"'{member.Path}' ({field.Summary}) cannot be held by {member.TypeDisplay}; declare it as {string.Join(" or ", names)}");
        }

        if (!member.HasSetter)
        {
            return Fail(member, field, keys, ApiMemberProblem.NoSetter, "it has no setter; add { get; init; } so the generated FromApiFacts can assign it");
        }

        return new ApiMemberResolution(member, field, match, keys, ApiMemberProblem.None, "");
    }

    private static ApiMemberResolution Fail(ApiMemberSpec member, ApiField? field, IReadOnlyList<string> keys, ApiMemberProblem problem, string message) =>
        new(member, field, null, keys, problem, message);

    /// <summary>The <c>ApiAccessContract</c> kinds the mapped members need.</summary>
    public static int Kinds(IEnumerable<ApiMemberResolution> members)
    {
        int kinds = 0;
        foreach (ApiMemberResolution member in members)
        {
            if (member.IsMapped)
            {
                kinds |= member.Field!.Kind;
            }
        }

        return kinds;
    }

    public static List<ApiMemberResolution> ResolveAll(ApiFactsSpec spec)
    {
        var all = new List<ApiMemberResolution>(spec.Members.Count);
        string selectorError = "";
        bool badSelector = spec.PeerSelector is not null && !LabelSelectorSyntax.IsValid(spec.PeerSelector, out selectorError);
        foreach (ApiMemberSpec member in spec.Members)
        {
            ApiMemberResolution resolved = Resolve(member);
            if (badSelector && resolved.IsMapped && resolved.Field!.Kind == Shared.ApiAccessContract.Peers)
            {
                resolved = Fail(member, resolved.Field, resolved.Keys, ApiMemberProblem.BadSelector, "the class's [ApiPeers] selector is malformed: " + selectorError);
            }

            all.Add(resolved);
        }

        return all;
    }

    /// <summary>The class's API need for its workload's RBAC, or null when it names no workload or maps nothing.</summary>
    public static ApiNeed? NeedOf(ApiFactsSpec spec)
    {
        int kinds = Kinds(ResolveAll(spec));
        if (kinds == 0 || spec.WorkloadName is null || WorkloadKinds.FromValue(spec.WorkloadKind) is null)
        {
            return null;
        }

        return new ApiNeed(spec.WorkloadKind, spec.WorkloadName, kinds, spec.FullName);
    }
}
