using PodBinding.Shared;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>
/// What a request asks for, derived from its method and path the way k8s.io/apiserver
/// <c>pkg/endpoints/request/requestinfo.go</c> (<c>RequestInfoFactory.NewRequestInfo</c>) does: a GET without a name is
/// <c>list</c>, or <c>watch</c> with <c>watch=true</c>; a list or watch with a <c>metadata.name</c> field selector takes
/// that name (this is what lets <c>resourceNames</c> cover list and watch).
/// </summary>
internal sealed record RequestInfo(
    bool IsResourceRequest,
    string Path,
    string Verb,
    string ApiGroup,
    string ApiVersion,
    string Namespace,
    string Resource,
    string Subresource,
    string Name)
{
    public static RequestInfo Parse(string method, string path, Microsoft.AspNetCore.Http.IQueryCollection query)
    {
        string[] parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string verb = method.ToUpperInvariant() switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };

        var nonResource = new RequestInfo(false, path, method.ToLowerInvariant(), "", "", "", "", "", "");

        int index;
        string group;
        string version;
        if (parts.Length >= 2 && parts[0] == "api")
        {
            group = "";
            version = parts[1];
            index = 2;
        }
        else if (parts.Length >= 3 && parts[0] == "apis")
        {
            group = parts[1];
            version = parts[2];
            index = 3;
        }
        else
        {
            return nonResource;
        }

        if (parts.Length == index)
        {
            return nonResource;
        }

        string ns = "";
        if (parts[index] == "namespaces" && parts.Length > index + 1)
        {
            ns = parts[index + 1];
            if (parts.Length > index + 2)
            {
                index += 2;
            }
            else
            {
                // "/api/v1/namespaces/x" is the namespace object itself.
                return new RequestInfo(true, path, verb, group, version, ns, "namespaces", "", ns);
            }
        }

        string resource = parts[index];
        string name = parts.Length > index + 1 ? parts[index + 1] : "";
        string subresource = parts.Length > index + 2 ? parts[index + 2] : "";
        if (parts.Length > index + 3)
        {
            return nonResource;
        }

        bool watch = ParseBool(query["watch"].ToString());
        if (verb == "get" && name.Length == 0)
        {
            verb = watch ? "watch" : "list";
        }
        else if (verb == "get" && watch)
        {
            verb = "watch";
        }
        else if (verb == "delete" && name.Length == 0)
        {
            verb = "deletecollection";
        }

        if (verb is "list" or "watch" or "deletecollection")
        {
            string? fieldSelector = query["fieldSelector"].ToString();
            foreach (string term in (fieldSelector ?? "").Split(','))
            {
                string t = term.Trim();
                if (t.StartsWith(FieldSelectorFields.MetadataName + "==", StringComparison.Ordinal))
                {
                    name = t[(FieldSelectorFields.MetadataName.Length + 2)..];
                }
                else if (t.StartsWith(FieldSelectorFields.MetadataName + "=", StringComparison.Ordinal))
                {
                    name = t[(FieldSelectorFields.MetadataName.Length + 1)..];
                }
            }
        }

        return new RequestInfo(true, path, verb, group, version, ns, resource, subresource, name);
    }

    /// <summary>Go's <c>strconv.ParseBool</c>, which the server uses for <c>watch</c>.</summary>
    public static bool ParseBool(string? value) => value is "1" or "t" or "T" or "true" or "TRUE" or "True";
}
