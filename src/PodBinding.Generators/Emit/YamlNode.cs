using System.Collections.Generic;
using System.Text;

namespace PodBinding.Generators.Emit;

/// <summary>A minimal YAML tree, enough for pod specs: ordered maps, sequences and scalars.</summary>
internal abstract class YamlNode
{
    public static YamlScalar Text(string value) => new(value, raw: false);

    /// <summary>A scalar written as is: for YAML booleans and numbers the schema types as such.</summary>
    public static YamlScalar Raw(string value) => new(value, raw: true);

    public static YamlMap Map() => new();

    public static YamlSeq Seq() => new();

    /// <summary>Block-style YAML, sequences at their key's indentation (kubectl's layout), LF line ends.</summary>
    public string ToYaml()
    {
        var text = new StringBuilder();
        YamlSerializer.Write(text, this, 0);
        return text.ToString();
    }
}

internal sealed class YamlScalar : YamlNode
{
    public YamlScalar(string value, bool raw)
    {
        Value = value;
        IsRaw = raw;
    }

    public string Value { get; }

    public bool IsRaw { get; }
}

internal sealed class YamlMap : YamlNode
{
    public List<KeyValuePair<string, YamlNode>> Entries { get; } = new();

    public YamlMap Add(string key, YamlNode value)
    {
        Entries.Add(new KeyValuePair<string, YamlNode>(key, value));
        return this;
    }

    public YamlMap Add(string key, string value) => Add(key, YamlNode.Text(value));
}

internal sealed class YamlSeq : YamlNode
{
    public List<YamlNode> Items { get; } = new();

    public YamlSeq Add(YamlNode item)
    {
        Items.Add(item);
        return this;
    }
}
