using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PodBinding.Testing.Kubernetes.Rbac;

/// <summary>
/// Turns YAML documents into JSON nodes so KubernetesClient's models (the .Aot flavour has no public YAML reader) can
/// deserialize them. Plain scalars follow YAML 1.2's core schema (true/false, null, integers); everything else is a string.
/// </summary>
internal static class YamlToJson
{
    public static List<(JsonNode? Node, int Line)> Documents(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source}, line {e.Start.Line}: not valid YAML: {e.Message}", e);
        }

        return stream.Documents.Select(d => (Convert(d.RootNode), (int)d.RootNode.Start.Line)).ToList();
    }

    private static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var result = new JsonObject();
                foreach (KeyValuePair<YamlNode, YamlNode> pair in mapping.Children)
                {
                    result[((YamlScalarNode)pair.Key).Value ?? ""] = Convert(pair.Value);
                }

                return result;
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(Convert).ToArray());
            case YamlScalarNode scalar when scalar.Style == ScalarStyle.Plain:
                string text = scalar.Value ?? "";
                if (text is "" or "null" or "~" or "Null" or "NULL")
                {
                    return null;
                }

                if (text is "true" or "True" or "TRUE")
                {
                    return JsonValue.Create(true);
                }

                if (text is "false" or "False" or "FALSE")
                {
                    return JsonValue.Create(false);
                }

                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number)
                    ? JsonValue.Create(number)
                    : JsonValue.Create(text);
            case YamlScalarNode scalar:
                return JsonValue.Create(scalar.Value ?? "");
            default:
                return null;
        }
    }

    /// <summary>
    /// The first member of <paramref name="input"/> the model dropped (an unknown or misspelt field), found by comparing
    /// it with the model serialized back; null when every field was understood.
    /// </summary>
    public static string? FirstUnknownField(JsonNode? input, JsonNode? roundTripped, string path = "")
    {
        switch (input)
        {
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> member in obj)
                {
                    string memberPath = path.Length == 0 ? member.Key : $"{path}.{member.Key}";
                    if (member.Value is not null && (roundTripped is not JsonObject known || !known.ContainsKey(member.Key)))
                    {
                        return memberPath;
                    }

                    if (FirstUnknownField(member.Value, ((JsonObject)roundTripped!)[member.Key], memberPath) is { } unknown)
                    {
                        return unknown;
                    }
                }

                return null;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    JsonNode? other = roundTripped is JsonArray a && a.Count > i ? a[i] : null;
                    if (FirstUnknownField(array[i], other, $"{path}[{i}]") is { } unknown)
                    {
                        return unknown;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
