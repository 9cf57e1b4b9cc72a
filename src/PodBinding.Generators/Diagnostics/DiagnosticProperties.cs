namespace PodBinding.Generators.Diagnostics;

/// <summary>
/// Keys of <c>Diagnostic.Properties</c>: the facts a code fix needs, computed once by the analyzer (from the planner)
/// so the fixes never repeat the rules. Linked into the code-fix assembly as source.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>The bound property (empty for class-level diagnostics).</summary>
    public const string MemberName = "MemberName";

    /// <summary>The attribute argument at fault: <c>path</c>, <c>Source</c>, <c>EnvVar</c>, <c>File</c>, <c>Divisor</c>, <c>ContainerName</c>, …</summary>
    public const string Argument = "Argument";

    /// <summary>The field path as written.</summary>
    public const string Path = "Path";

    /// <summary>The canonical divisor (PB0006).</summary>
    public const string CanonicalDivisor = "CanonicalDivisor";

    /// <summary>The fully qualified type to declare (PB0101).</summary>
    public const string SuggestedType = "SuggestedType";

    /// <summary>The <c>DownwardSource</c> member to set: <c>Environment</c> or <c>Volume</c> (PB0002, PB0200, PB0201).</summary>
    public const string Source = "Source";

    /// <summary>PB0300: the content the file should have; absent when no class produces the file (delete it).</summary>
    public const string Content = "Content";

    /// <summary>PB0202: the env var read.</summary>
    public const string EnvVar = "EnvVar";

    /// <summary>PB0202: the manifest's fieldRef path, when the env var is set from a field.</summary>
    public const string FieldPath = "FieldPath";

    /// <summary>PB0202: the manifest's resourceFieldRef resource, when the env var is set from a resource.</summary>
    public const string Resource = "Resource";

    /// <summary>PB0202: the bound class (full name) whose volume member reads the same value.</summary>
    public const string BoundType = "BoundType";

    /// <summary>PB0202: that member.</summary>
    public const string BoundMember = "BoundMember";

    /// <summary>PB0202: the bound class (full name) a new volume member can be added to, when none reads the value.</summary>
    public const string HostType = "HostType";

    /// <summary>PB0202: the name for that new member.</summary>
    public const string NewMember = "NewMember";

    /// <summary>PB0504: the Downward API field path to bind instead.</summary>
    public const string DownwardPath = "DownwardPath";
}
