namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>One line of a watch stream: <c>{"type":…,"object":…}</c>, the object's JSON already serialized by its model.</summary>
internal sealed record WatchEventLine(string Type, string ObjectJson)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";
}
