using System;
using System.Collections.Generic;
using System.Text;

namespace PodBinding.Shared;

/// <summary>
/// One bound class as a few lines of text: the generator writes it once per class as a constant, the runtime builds the
/// class's <c>DownwardBindingInfo</c> from it, and the MSBuild task reads it from the compiled assembly and writes the
/// class's YAML from it with the generator's own emitters. Linked into all three, so the format has one home.
/// </summary>
/// <remarks>
/// <para>Lines end with <c>\n</c>; fields are separated by <c>|</c>; in a field, <c>\</c>, <c>|</c> and a line end are
/// written <c>\\</c>, <c>\|</c> and <c>\n</c>. An empty field is "none".</para>
/// <para>The first line is the class: <c>type|container|volume|mount path|manifest folder|manifest stem|workload kind|workload name|defaultMode</c>.</para>
/// <para>Then one line per member: <c>member|kind|env or file|env var or item path|field path</c>, or
/// <c>…|resource|container|divisor</c>; the kind ends with <c>?</c> when the member is optional.</para>
/// <para>Then one line per skipped member (empty for the class itself): <c>!member|diagnostic ID|message</c>.</para>
/// </remarks>
internal sealed class BindingTable
{
    public const char Separator = '|';
    public const string Env = "env";
    public const string File = "file";

    /// <summary>
    /// A member's kind: how its text is converted. Each is also the name of the runtime's reader for it
    /// (<c>DownwardValues.Guid</c>, <c>…OrNull</c> when optional), which the generated code calls.
    /// </summary>
    internal static class Kinds
    {
        public const string String = "String";
        public const string Guid = "Guid";
        public const string IPAddress = "IPAddress";
        public const string IPAddressList = "IPAddressList";
        public const string Map = "Map";
        public const string Int32 = "Int32";
        public const string Int64 = "Int64";
        public const string Decimal = "Decimal";

        public static readonly string[] All = { String, Guid, IPAddress, IPAddressList, Map, Int32, Int64, Decimal };
    }

    public BindingTable(
        string typeName, string containerName, string volumeName, string mountPath, string manifestFolder, string manifestStem,
        string? workloadKind, string? workloadName, int? defaultMode, IReadOnlyList<BindingTableRow> members, IReadOnlyList<BindingTableSkip> skipped)
    {
        TypeName = typeName;
        ContainerName = containerName;
        VolumeName = volumeName;
        MountPath = mountPath;
        ManifestFolder = manifestFolder;
        ManifestStem = manifestStem;
        WorkloadKind = workloadKind;
        WorkloadName = workloadName;
        DefaultMode = defaultMode;
        Members = members;
        Skipped = skipped;
    }

    /// <summary>The bound class, fully qualified.</summary>
    public string TypeName { get; }

    public string ContainerName { get; }

    public string VolumeName { get; }

    public string MountPath { get; }

    /// <summary>Where the YAML goes, relative to the project (<c>deploy/podbinding</c>).</summary>
    public string ManifestFolder { get; }

    /// <summary>The YAML files' name without extension (<c>pod-info</c>).</summary>
    public string ManifestStem { get; }

    /// <summary>The <c>WorkloadKind</c> member's name, or its number when the enum has no such member; null for None.</summary>
    public string? WorkloadKind { get; }

    public string? WorkloadName { get; }

    public int? DefaultMode { get; }

    public IReadOnlyList<BindingTableRow> Members { get; }

    public IReadOnlyList<BindingTableSkip> Skipped { get; }

    public string FragmentFile => ManifestStem + ".yaml";

    public string PatchFile => ManifestStem + ".patch.yaml";

    /// <summary>The generated fragment as the runtime names it in error messages.</summary>
    public string ManifestFile => ManifestFolder + "/" + FragmentFile;

    /// <summary>A class-level setting is invalid: the YAML files carry only the reasons.</summary>
    public bool HasClassError
    {
        get
        {
            foreach (BindingTableSkip skip in Skipped)
            {
                if (skip.MemberName.Length == 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The text: one class line, then the member lines, then the skip lines, each ending with <c>\n</c>.</summary>
    public IEnumerable<string> Lines()
    {
        yield return Line(TypeName, ContainerName, VolumeName, MountPath, ManifestFolder, ManifestStem, WorkloadKind, WorkloadName,
            DefaultMode?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (BindingTableRow m in Members)
        {
            string kind = m.Kind + (m.IsOptional ? "?" : "");
            string channel = m.IsVolume ? File : Env;
            yield return m.FieldPath is not null
                ? Line(m.MemberName, kind, channel, m.Name, m.FieldPath)
                : Line(m.MemberName, kind, channel, m.Name, m.Resource, m.ContainerName, m.Divisor);
        }

        foreach (BindingTableSkip skip in Skipped)
        {
            yield return "!" + Line(skip.MemberName, skip.Id, skip.Message);
        }
    }

    public override string ToString() => string.Concat(Lines());

    /// <summary>Reads <see cref="ToString"/>'s text back.</summary>
    /// <exception cref="FormatException">The text is not a binding table.</exception>
    public static BindingTable Parse(string text)
    {
        var members = new List<BindingTableRow>();
        var skipped = new List<BindingTableSkip>();
        string[]? head = null;
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                throw new FormatException("A binding table line does not end with a line break.");
            }

            bool skip = text[start] == '!';
            List<string?> fields = Split(text, skip ? start + 1 : start, end);
            start = end + 1;
            if (head is null)
            {
                if (skip || fields.Count != 9 || fields[0] is null || fields[1] is null || fields[2] is null || fields[3] is null || fields[4] is null || fields[5] is null)
                {
                    throw new FormatException("The first line of a binding table is not a class line (9 fields).");
                }

                head = new string[9];
                for (int i = 0; i < 9; i++)
                {
                    head[i] = fields[i] ?? "";
                }
            }
            else if (skip)
            {
                if (fields.Count != 3 || fields[1] is null)
                {
                    throw new FormatException("A skip line of a binding table does not have 3 fields.");
                }

                skipped.Add(new BindingTableSkip(fields[0] ?? "", fields[1]!, fields[2] ?? ""));
            }
            else
            {
                members.Add(Row(fields));
            }
        }

        if (head is null)
        {
            throw new FormatException("The binding table is empty.");
        }

        int? mode = null;
        if (head[8].Length > 0)
        {
            mode = int.TryParse(head[8], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value)
                ? value
                : throw new FormatException($"The defaultMode '{head[8]}' of a binding table is not a number.");
        }

        return new BindingTable(head[0], head[1], head[2], head[3], head[4], head[5], NullIfEmpty(head[6]), NullIfEmpty(head[7]), mode, members, skipped);
    }

    private static BindingTableRow Row(List<string?> f)
    {
        if ((f.Count != 5 && f.Count != 7) || f[0] is null || f[1] is null || f[3] is null || (f[2] != Env && f[2] != File))
        {
            throw new FormatException($"The member line '{string.Join("|", f)}' of a binding table is not member|kind|env or file|name|field path (or resource|container|divisor).");
        }

        string kind = f[1]!;
        bool optional = kind.EndsWith("?", StringComparison.Ordinal);
        if (optional)
        {
            kind = kind.Substring(0, kind.Length - 1);
        }

        return f.Count == 5
            ? new BindingTableRow(f[0]!, kind, optional, f[2] == File, f[3]!, f[4] ?? throw new FormatException("A member line has an empty field path."), null, null, null)
            : new BindingTableRow(f[0]!, kind, optional, f[2] == File, f[3]!, null,
                f[4] ?? throw new FormatException("A member line has an empty resource."), f[5], f[6]);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Line(params string?[] fields)
    {
        var text = new StringBuilder();
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                text.Append(Separator);
            }

            foreach (char c in fields[i] ?? "")
            {
                switch (c)
                {
                    case '\\': text.Append("\\\\"); break;
                    case Separator: text.Append('\\').Append(Separator); break;
                    case '\n': text.Append("\\n"); break;
                    default: text.Append(c); break;
                }
            }
        }

        return text.Append('\n').ToString();
    }

    // Fields of text[start, end); an empty field is null.
    private static List<string?> Split(string text, int start, int end)
    {
        var fields = new List<string?>();
        var field = new StringBuilder();
        for (int i = start; i < end; i++)
        {
            char c = text[i];
            if (c == Separator)
            {
                fields.Add(field.Length == 0 ? null : field.ToString());
                field.Clear();
            }
            else if (c == '\\' && i + 1 < end)
            {
                char next = text[++i];
                field.Append(next == 'n' ? '\n' : next);
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.Length == 0 ? null : field.ToString());
        return fields;
    }
}

/// <summary>One member's line: what <c>PlannedMember</c> says, as text.</summary>
internal sealed class BindingTableRow
{
    public BindingTableRow(string memberName, string kind, bool isOptional, bool isVolume, string name, string? fieldPath, string? resource, string? containerName, string? divisor)
    {
        MemberName = memberName;
        Kind = kind;
        IsOptional = isOptional;
        IsVolume = isVolume;
        Name = name;
        FieldPath = fieldPath;
        Resource = resource;
        ContainerName = containerName;
        Divisor = divisor;
    }

    public string MemberName { get; }

    /// <summary>What the property holds: <c>String</c>, <c>Guid</c>, <c>IPAddress</c>, <c>IPAddressList</c>, <c>Map</c>, <c>Int32</c>, <c>Int64</c> or <c>Decimal</c>.</summary>
    public string Kind { get; }

    public bool IsOptional { get; }

    public bool IsVolume { get; }

    public string Name { get; }

    public string? FieldPath { get; }

    public string? Resource { get; }

    public string? ContainerName { get; }

    public string? Divisor { get; }
}

/// <summary>A member (or, with an empty name, the class's YAML) that was left out, and why.</summary>
internal sealed class BindingTableSkip
{
    public BindingTableSkip(string memberName, string id, string message)
    {
        MemberName = memberName;
        Id = id;
        Message = message;
    }

    public string MemberName { get; }

    public string Id { get; }

    public string Message { get; }
}
