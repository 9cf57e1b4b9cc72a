namespace PodBinding;

/// <summary>
/// Binds a property of a <c>partial</c> class to a Downward API field. The PodBinding generator writes a
/// reflection-free <c>Load()</c> for the class and the pod YAML that supplies every bound field.
/// </summary>
/// <remarks>
/// <para>The path is a Kubernetes field path (<c>metadata.name</c>, <c>metadata.labels</c>,
/// <c>metadata.labels['app']</c>, <c>status.podIP</c>, …) or a resource field (<c>limits.memory</c>,
/// <c>requests.cpu</c>, <c>limits.hugepages-2Mi</c>, …).</para>
/// <para>By default the value travels through the only legal channel, and where both are legal, through the
/// downward API volume for values that can change while the pod runs (labels, annotations) and through an
/// environment variable for the rest.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class FromDownwardAttribute : Attribute
{
    /// <summary>Binds the property to <paramref name="path"/>.</summary>
    /// <param name="path">A downward API field path or resource name.</param>
    public FromDownwardAttribute(string path) => Path = path;

    /// <summary>The field path (<c>metadata.name</c>) or resource (<c>limits.memory</c>).</summary>
    public string Path { get; }

    /// <summary>Where the value travels. <see cref="DownwardSource.Auto"/> picks the legal, live-updating choice.</summary>
    public DownwardSource Source { get; set; }

    /// <summary>The environment variable name, when the value travels through one. Default: a name derived from the path (<c>POD_NAME</c>).</summary>
    public string? EnvVar { get; set; }

    /// <summary>The item path inside the downward API volume, when the value travels through it. Default: derived from the path (<c>labels</c>).</summary>
    public string? File { get; set; }

    /// <summary>For resource fields: the divisor, such as <c>1Mi</c> or <c>1m</c>. The kubelet divides and rounds up.</summary>
    public string? Divisor { get; set; }

    /// <summary>For resource fields: the container whose resources to read. Default: the class's container.</summary>
    public string? ContainerName { get; set; }
}
