namespace PodBinding.Shared;

/// <summary>
/// The <c>fieldSelector</c> field labels PodBinding uses when it lists or watches, and that the test API server
/// accepts. Every resource's registry selects on <c>metadata.name</c> and <c>metadata.namespace</c>
/// (<c>pkg/registry/generic/matcher.go</c>, <c>ObjectMetaFieldsSet</c>); pods add the fields of
/// <c>PodToSelectableFields</c> (<c>pkg/registry/core/pod/strategy.go</c>) and nodes those of
/// <c>NodeToSelectableFields</c> (<c>pkg/registry/core/node/strategy.go</c>). Only the ones used here are listed.
/// Linked into the API-connection library and the test API server; a contract test pins the spellings shared with the
/// Downward API to the generator's field catalog.
/// </summary>
internal static class FieldSelectorFields
{
    public const string MetadataName = "metadata.name";
    public const string MetadataNamespace = "metadata.namespace";

    public const string PodNodeName = "spec.nodeName";
    public const string PodServiceAccountName = "spec.serviceAccountName";
    public const string PodPhase = "status.phase";
    public const string PodIP = "status.podIP";

    public const string NodeUnschedulable = "spec.unschedulable";
}
