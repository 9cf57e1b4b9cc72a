namespace PodBinding.Generators;

/// <summary>Metadata names of the runtime library's attributes.</summary>
internal static class KnownNames
{
    public const string FromDownwardAttribute = "PodBinding.FromDownwardAttribute";
    public const string DownwardBindingAttribute = "PodBinding.DownwardBindingAttribute";
}
