namespace PodBinding.Kubernetes;

/// <summary>
/// The RBAC attributes of a request, read from its method and path the way the API server's request-info resolver
/// does (k8s.io/apiserver pkg/endpoints/request/requestinfo.go, <c>RequestInfoFactory.NewRequestInfo</c>):
/// <c>/api/v1/…</c> is the core group, <c>/apis/&lt;group&gt;/&lt;version&gt;/…</c> a named group;
/// <c>namespaces/&lt;ns&gt;/</c> scopes it; GET on a collection is <c>list</c> (<c>watch</c> with <c>watch=true</c>),
/// DELETE on a collection is <c>deletecollection</c>.
/// </summary>
internal sealed record RequestAttributes(string Verb, string Group, string Resource, string? Subresource, string? Namespace, string? Name)
{
    public string ResourceWithSubresource => Subresource is null ? Resource : $"{Resource}/{Subresource}";

    public static RequestAttributes? From(HttpMethod method, Uri? uri, string basePath)
    {
        if (uri is null)
        {
            return null;
        }

        string path = uri.AbsolutePath;
        string prefix = basePath.TrimEnd('/');
        if (prefix.Length > 0 && path.StartsWith(prefix, StringComparison.Ordinal))
        {
            path = path[prefix.Length..];
        }

        string[] parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        int index;
        string group;
        if (parts.Length >= 2 && parts[0] == "api")
        {
            group = "";
            index = 2;
        }
        else if (parts.Length >= 3 && parts[0] == "apis")
        {
            group = parts[1];
            index = 3;
        }
        else
        {
            return null;
        }

        string? @namespace = null;
        if (parts.Length > index + 1 && parts[index] == "namespaces" && parts.Length > index + 2)
        {
            @namespace = Uri.UnescapeDataString(parts[index + 1]);
            index += 2;
        }

        if (parts.Length <= index)
        {
            return null;
        }

        string resource = parts[index];
        string? name = parts.Length > index + 1 ? Uri.UnescapeDataString(parts[index + 1]) : null;
        string? subresource = parts.Length > index + 2 ? parts[index + 2] : null;
        if (resource == "namespaces" && name is not null && @namespace is null)
        {
            @namespace = name; // /api/v1/namespaces/<ns> is the namespace object itself
        }

        bool watch = uri.Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) || uri.Query.Contains("watch=1", StringComparison.Ordinal);
        string verb = method.Method switch
        {
            "GET" or "HEAD" => watch ? "watch" : name is null ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name is null ? "deletecollection" : "delete",
            _ => method.Method.ToLowerInvariant(),
        };
        return new RequestAttributes(verb, group, resource, subresource, @namespace, name);
    }
}
