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
}
