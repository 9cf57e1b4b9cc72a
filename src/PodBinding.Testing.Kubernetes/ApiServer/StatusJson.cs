using System.Text;
using System.Text.Json;
using k8s.Models;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>
/// Writes a <see cref="V1Status"/> as JSON. KubernetesClient's <c>V1Status</c> converter only reads (its Write throws
/// NotImplementedException), so the server writes the model's fields itself, in the API server's field names.
/// </summary>
internal static class StatusJson
{
    public static string Serialize(V1Status status)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", status.Kind ?? "Status");
            json.WriteString("apiVersion", status.ApiVersion ?? "v1");
            json.WriteStartObject("metadata");
            json.WriteEndObject();
            WriteIfSet(json, "status", status.Status);
            WriteIfSet(json, "message", status.Message);
            WriteIfSet(json, "reason", status.Reason);
            if (status.Details is { } details)
            {
                json.WriteStartObject("details");
                WriteIfSet(json, "name", details.Name);
                WriteIfSet(json, "group", details.Group);
                WriteIfSet(json, "kind", details.Kind);
                WriteIfSet(json, "uid", details.Uid);
                if (details.Causes is { Count: > 0 } causes)
                {
                    json.WriteStartArray("causes");
                    foreach (V1StatusCause cause in causes)
                    {
                        json.WriteStartObject();
                        WriteIfSet(json, "reason", cause.Reason);
                        WriteIfSet(json, "message", cause.Message);
                        WriteIfSet(json, "field", cause.Field);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            if (status.Code is { } code)
            {
                json.WriteNumber("code", code);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }
}
