namespace PodBinding.Generators;

/// <summary>Names of the pipeline steps, for incrementality tests.</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string Parse = nameof(Parse);
    public const string Plan = nameof(Plan);
    public const string PatchFiles = nameof(PatchFiles);
    public const string ApiEntries = nameof(ApiEntries);
    public const string WorkloadVolumes = nameof(WorkloadVolumes);
    public const string ApiReference = nameof(ApiReference);
    public const string ApiParse = nameof(ApiParse);
    public const string ApiRbac = nameof(ApiRbac);
}
