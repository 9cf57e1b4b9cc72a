using k8s.Models;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>
/// The <c>v1.Status</c> bodies the API server answers errors with, worded as apimachinery
/// <c>pkg/api/errors/errors.go</c> builds them (<c>NewNotFound</c>, <c>NewForbidden</c>, <c>NewResourceExpired</c>, …).
/// </summary>
internal static class Statuses
{
    public static V1Status Failure(int code, string reason, string message, V1StatusDetails? details = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Status",
        Metadata = new V1ListMeta(),
        Status = "Failure",
        Message = message,
        Reason = reason,
        Details = details,
        Code = code,
    };

    public static V1Status Unauthorized() => Failure(401, "Unauthorized", "Unauthorized");

    public static V1Status NotFound(ResourceType type, string name) =>
        Failure(404, "NotFound", $"{type.QualifiedName} \"{name}\" not found",
            new V1StatusDetails { Name = name, Group = NullIfEmpty(type.Group), Kind = type.Plural });

    public static V1Status PathNotFound() =>
        Failure(404, "NotFound", "the server could not find the requested resource", new V1StatusDetails());

    /// <summary>NewForbidden: <c>pods "x" is forbidden: …</c>, or <c>pods is forbidden: …</c> without a name.</summary>
    public static V1Status Forbidden(string group, string resource, string? name, string why)
    {
        string qualified = group.Length == 0 ? resource : $"{resource}.{group}";
        string message = resource.Length == 0
            ? $"forbidden: {why}"
            : string.IsNullOrEmpty(name) ? $"{qualified} is forbidden: {why}" : $"{qualified} \"{name}\" is forbidden: {why}";
        return Failure(403, "Forbidden", message,
            new V1StatusDetails { Name = NullIfEmpty(name), Group = NullIfEmpty(group), Kind = NullIfEmpty(resource) });
    }

    public static V1Status Expired(string message) => Failure(410, "Expired", message);

    public static V1Status BadRequest(string message) => Failure(400, "BadRequest", message);

    public static V1Status MethodNotSupported(ResourceType type, string method) =>
        Failure(405, "MethodNotAllowed", $"{method} is not supported on resources of kind \"{type.QualifiedName}\" by the test API server",
            new V1StatusDetails { Group = NullIfEmpty(type.Group), Kind = type.Plural });

    public static V1Status InternalError(string message) =>
        Failure(500, "InternalError", $"Internal error occurred: {message}",
            new V1StatusDetails { Causes = new List<V1StatusCause> { new() { Message = message } } });

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
