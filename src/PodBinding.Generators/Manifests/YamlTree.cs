using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PodBinding.Generators.Manifests;

/// <summary>A YAML node with its character span in the file: just enough tree to walk pod specs.</summary>
internal sealed partial class YamlTreeNode
{
    private YamlTreeNode(int start, int line)
    {
        Start = start;
        Line = line;
    }

    /// <summary>The scalar's value, or null for a mapping or sequence.</summary>
    public string? Scalar { get; private set; }

    /// <summary>A sequence's items, or null.</summary>
    public List<YamlTreeNode>? Items { get; private set; }

    /// <summary>A mapping's entries in file order, or null.</summary>
    public List<KeyValuePair<YamlTreeNode, YamlTreeNode>>? Entries { get; private set; }

    /// <summary>Character offset of the node's first character.</summary>
    public int Start { get; }

    /// <summary>Character offset just past the node.</summary>
    public int End { get; private set; }

    /// <summary>Zero-based line of <see cref="Start"/>.</summary>
    public int Line { get; }

    /// <summary>The value of the mapping entry with the scalar key <paramref name="key"/>, or null.</summary>
    public YamlTreeNode? this[string key]
    {
        get
        {
            if (Entries is null)
            {
                return null;
            }

            foreach (KeyValuePair<YamlTreeNode, YamlTreeNode> entry in Entries)
            {
                if (entry.Key.Scalar == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    /// <summary>The key node of the mapping entry <paramref name="key"/>, or null.</summary>
    public YamlTreeNode? KeyNode(string key)
    {
        if (Entries is not null)
        {
            foreach (KeyValuePair<YamlTreeNode, YamlTreeNode> entry in Entries)
            {
                if (entry.Key.Scalar == key)
                {
                    return entry.Key;
                }
            }
        }

        return null;
    }

    /// <summary>The scalar value at <paramref name="key"/>, or null when missing or not a scalar.</summary>
    public string? ScalarAt(string key) => this[key]?.Scalar;

    /// <summary>The sequence items at <paramref name="key"/>, or none.</summary>
    public IReadOnlyList<YamlTreeNode> ItemsAt(string key) => (IReadOnlyList<YamlTreeNode>?)this[key]?.Items ?? Array.Empty<YamlTreeNode>();

    /// <summary>
    /// Every complete document of <paramref name="text"/>. Stops quietly at the first syntax error (keeping the
    /// documents before it) and at nesting deeper than <see cref="MaxDepth"/>, so hostile input costs linear time and no
    /// stack. Aliases resolve to their anchored node.
    /// </summary>
    public static List<YamlTreeNode> ParseDocuments(string text, CancellationToken ct)
    {
        var documents = new List<YamlTreeNode>();
        var anchors = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        var stack = new List<(YamlTreeNode Node, YamlTreeNode? PendingKey)>();
        YamlTreeNode? root = null;
        var parser = new Parser(new StringReader(text));
        try
        {
            int events = 0;
            while (parser.MoveNext())
            {
                if ((++events & 1023) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                switch (parser.Current)
                {
                    case DocumentStart:
                        root = null;
                        anchors.Clear();
                        stack.Clear();
                        break;
                    case DocumentEnd:
                        if (root is not null)
                        {
                            documents.Add(root);
                        }

                        break;
                    case Scalar scalar:
                        Add(new YamlTreeNode(Index(scalar.Start), LineOf(scalar.Start)) { Scalar = scalar.Value, End = Index(scalar.End) }, scalar.Anchor);
                        break;
                    case AnchorAlias alias:
                        Add(anchors.TryGetValue(alias.Value.Value, out YamlTreeNode? target) ? target : new YamlTreeNode(Index(alias.Start), LineOf(alias.Start)) { End = Index(alias.End) }, default);
                        break;
                    case MappingStart mapping:
                        Open(new YamlTreeNode(Index(mapping.Start), LineOf(mapping.Start)) { Entries = new List<KeyValuePair<YamlTreeNode, YamlTreeNode>>() }, mapping.Anchor);
                        break;
                    case SequenceStart sequence:
                        Open(new YamlTreeNode(Index(sequence.Start), LineOf(sequence.Start)) { Items = new List<YamlTreeNode>() }, sequence.Anchor);
                        break;
                    case MappingEnd or SequenceEnd:
                        if (stack.Count > 0)
                        {
                            YamlTreeNode closed = stack[stack.Count - 1].Node;
                            closed.End = Math.Max(closed.Start, Index(parser.Current.End));
                            stack.RemoveAt(stack.Count - 1);
                        }

                        break;
                }
            }
        }
        catch (YamlException)
        {
            // Not YAML (a Helm template, a half-edited file): keep the complete documents, skip the rest quietly.
        }
        catch (TooDeepException)
        {
        }

        return documents;

        void Open(YamlTreeNode node, AnchorName anchor)
        {
            if (stack.Count >= MaxDepth)
            {
                throw new TooDeepException();
            }

            Add(node, anchor);
            stack.Add((node, null));
        }

        void Add(YamlTreeNode node, AnchorName anchor)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }

            if (stack.Count == 0)
            {
                root = node;
                return;
            }

            (YamlTreeNode parent, YamlTreeNode? pendingKey) = stack[stack.Count - 1];
            if (parent.Items is not null)
            {
                parent.Items.Add(node);
            }
            else if (pendingKey is null)
            {
                stack[stack.Count - 1] = (parent, node);
            }
            else
            {
                parent.Entries!.Add(new KeyValuePair<YamlTreeNode, YamlTreeNode>(pendingKey, node));
                stack[stack.Count - 1] = (parent, null);
            }
        }
    }

    /// <summary>Deeper than any pod spec needs; stops pathological nesting before it costs memory.</summary>
    public const int MaxDepth = 64;

    private static int Index(Mark mark) => (int)mark.Index;

    private static int LineOf(Mark mark) => (int)mark.Line - 1;

    private sealed class TooDeepException : Exception
    {
    }
}
