namespace PodBinding.Tests.Loading;

/// <summary>A bound class whose init accessor rejects null, as hand-written validation would.</summary>
[DownwardBinding(ContainerName = "app")]
public sealed partial class GuardedPod
{
    /// <summary>How many instances were created: a failed load must create none.</summary>
    public static int Created;

    private readonly string _name = "";

    public GuardedPod() => Interlocked.Increment(ref Created);

    [FromDownward("metadata.name")]
    public required string Name
    {
        get => _name;
        init => _name = value ?? throw new ArgumentNullException(nameof(value));
    }

    [FromDownward("metadata.namespace")]
    public required string Namespace { get; init; }
}
