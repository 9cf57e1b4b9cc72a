using System.Collections.Generic;
using System.Threading;

namespace PodBinding.Generators.Manifests;

/// <summary>
/// A reader for exactly the YAML that <c>Emit/YamlSerializer.cs</c> writes, for files with PodBinding's header: a
/// project keeps hundreds of them under <c>deploy/podbinding/</c>, and reading them through YamlDotNet's event parser
/// was most of the binding analyzer's time in a build. It builds the same tree as <see cref="ParseDocuments"/>, node
/// for node (values, starts, ends, lines), and gives up (returns null, so the caller falls back to YamlDotNet) on
/// anything outside that subset, so a hand-edited generated file is read exactly as before.
/// </summary>
/// <remarks>
/// The subset: LF line ends and printable ASCII only (no tabs, no CR, no BOM), a final line break, no blank lines,
/// comments only as whole lines starting in column 0, <c>---</c> lines only between documents; block mappings indented
/// by two, sequences at their key's indentation (<c>- </c> items, a mapping item starting on the dash line); scalars
/// plain (letters, digits, <c>_ - . /</c>, not starting with <c>-</c> or <c>.</c>) or double-quoted with the escapes
/// <c>YamlSerializer.Quote</c> writes; <c>{}</c> and <c>[]</c> for empty collections; nothing after a value on its line.
/// </remarks>
internal sealed partial class YamlTreeNode
{
    /// <summary>Longer simple keys are a syntax error in YamlDotNet (1,024 characters); leave those to it.</summary>
    private const int MaxKeyLength = 1000;

    /// <summary>The documents of a file in the written subset, or null when <paramref name="text"/> is outside it.</summary>
    public static List<YamlTreeNode>? TryParseWrittenSubset(string text, CancellationToken ct)
    {
        if (text.Length == 0 || text[text.Length - 1] != '\n')
        {
            return null;
        }

        foreach (char c in text)
        {
            if (c is (< ' ' and not '\n') or > '~')
            {
                return null;
            }
        }

        var reader = new SubsetReader(text, ct);
        return reader.ReadDocuments();
    }

    private sealed class SubsetReader
    {
        private readonly string _text;
        private readonly CancellationToken _ct;
        private int _lineStart; // offset of the current line's first character
        private int _line;      // zero-based number of the current line
        private int _depth;

        public SubsetReader(string text, CancellationToken ct)
        {
            _text = text;
            _ct = ct;
        }

        private bool AtEnd => _lineStart >= _text.Length;

        public List<YamlTreeNode>? ReadDocuments()
        {
            var documents = new List<YamlTreeNode>();
            SkipComments();
            while (!AtEnd)
            {
                if (Indent() != 0 || IsDocumentMarker())
                {
                    return null;
                }

                YamlTreeNode? root = StartsItem(0) ? ReadSequence(0) : ReadMapping(0, _lineStart);
                if (root is null)
                {
                    return null;
                }

                documents.Add(root);
                if (AtEnd)
                {
                    break;
                }

                // The only thing that can follow a complete top-level node: "---" and another document.
                if (!IsDocumentMarker())
                {
                    return null;
                }

                NextLine(_lineStart + 4);
                SkipComments();
                if (AtEnd)
                {
                    return null; // a trailing "---" is an empty document: YamlDotNet's business
                }
            }

            return documents;
        }

        /// <summary>A block mapping whose first key starts at <paramref name="keyStart"/> on the current line, in column <paramref name="indent"/>.</summary>
        private YamlTreeNode? ReadMapping(int indent, int keyStart)
        {
            if (++_depth > MaxDepth - 4)
            {
                return null;
            }

            var mapping = new YamlTreeNode(keyStart, _line) { Entries = new List<KeyValuePair<YamlTreeNode, YamlTreeNode>>() };
            int position = keyStart;
            while (true)
            {
                YamlTreeNode? key = ReadScalar(position, out int afterKey);
                if (key is null || afterKey - position > MaxKeyLength || afterKey >= _text.Length || _text[afterKey] != ':')
                {
                    return null;
                }

                YamlTreeNode? value;
                char next = _text[afterKey + 1];
                if (next == ' ')
                {
                    value = ReadInlineValue(afterKey + 2);
                }
                else if (next == '\n')
                {
                    NextLine(afterKey + 2);
                    SkipComments();
                    if (AtEnd || IsDocumentMarker())
                    {
                        return null; // "key:" with nothing under it is a null scalar: leave it to YamlDotNet
                    }

                    int childIndent = Indent();
                    value = childIndent == indent && StartsItem(indent) ? ReadSequence(indent)
                        : childIndent == indent + 2 && !StartsItem(childIndent) ? ReadMapping(childIndent, _lineStart + childIndent)
                        : null;
                }
                else
                {
                    return null;
                }

                if (value is null)
                {
                    return null;
                }

                mapping.Entries.Add(new KeyValuePair<YamlTreeNode, YamlTreeNode>(key, value));

                // At the next line: another key of this mapping, or the end of it.
                if (AtEnd || IsDocumentMarker())
                {
                    break;
                }

                int lineIndent = Indent();
                if (lineIndent < indent)
                {
                    break;
                }

                if (lineIndent > indent || StartsItem(indent))
                {
                    return null;
                }

                position = _lineStart + indent;
            }

            mapping.End = NextTokenStart();
            _depth--;
            return mapping;
        }

        /// <summary>A block sequence whose first "- " is in column <paramref name="indent"/> of the current line.</summary>
        private YamlTreeNode? ReadSequence(int indent)
        {
            if (++_depth > MaxDepth - 4)
            {
                return null;
            }

            var sequence = new YamlTreeNode(_lineStart + indent, _line) { Items = new List<YamlTreeNode>() };
            while (true)
            {
                int itemStart = _lineStart + indent + 2;
                YamlTreeNode? item;
                if (IsEmptyCollection(itemStart))
                {
                    item = ReadInlineValue(itemStart);
                }
                else
                {
                    // A scalar item, or a mapping whose first key is on the dash line.
                    YamlTreeNode? scalar = ReadScalar(itemStart, out int afterScalar);
                    if (scalar is null)
                    {
                        return null;
                    }

                    if (_text[afterScalar] == '\n')
                    {
                        item = scalar;
                        NextLine(afterScalar + 1);
                        SkipComments();
                    }
                    else
                    {
                        item = ReadMapping(indent + 2, itemStart);
                    }
                }

                if (item is null)
                {
                    return null;
                }

                sequence.Items.Add(item);
                if (AtEnd || IsDocumentMarker())
                {
                    break;
                }

                int lineIndent = Indent();
                if (lineIndent > indent)
                {
                    return null;
                }

                if (lineIndent < indent || !StartsItem(indent))
                {
                    break; // the parent mapping's next key (this sequence sits at its key's indentation) or its end
                }
            }

            sequence.End = NextTokenStart();
            _depth--;
            return sequence;
        }

        /// <summary>A value after "key: " or "- ": <c>{}</c>, <c>[]</c> or a scalar, then the line's end; moves to the next line.</summary>
        private YamlTreeNode? ReadInlineValue(int start)
        {
            YamlTreeNode? value;
            int end;
            if (IsEmptyCollection(start))
            {
                end = start + 2;

                // YamlDotNet ends a flow collection's node at the start of its closing bracket.
                value = _text[start] == '{'
                    ? new YamlTreeNode(start, _line) { Entries = new List<KeyValuePair<YamlTreeNode, YamlTreeNode>>(), End = start + 1 }
                    : new YamlTreeNode(start, _line) { Items = new List<YamlTreeNode>(), End = start + 1 };
                if (_depth + 1 > MaxDepth - 4)
                {
                    return null;
                }
            }
            else
            {
                value = ReadScalar(start, out end);
            }

            if (value is null || _text[end] != '\n')
            {
                return null;
            }

            NextLine(end + 1);
            SkipComments();
            return value;
        }

        private bool IsEmptyCollection(int start) =>
            start + 2 < _text.Length && _text[start + 2] == '\n'
            && ((_text[start] == '{' && _text[start + 1] == '}') || (_text[start] == '[' && _text[start + 1] == ']'));

        /// <summary>A plain or double-quoted scalar starting at <paramref name="start"/> on the current line.</summary>
        private YamlTreeNode? ReadScalar(int start, out int end)
        {
            end = start;
            if (start >= _text.Length)
            {
                return null;
            }

            string value;
            if (_text[start] == '"')
            {
                string? quoted = ReadQuoted(start, out end);
                if (quoted is null)
                {
                    return null;
                }

                value = quoted;
            }
            else
            {
                if (_text[start] is '-' or '.')
                {
                    return null;
                }

                while (end < _text.Length && IsPlain(_text[end]))
                {
                    end++;
                }

                if (end == start)
                {
                    return null;
                }

                value = _text.Substring(start, end - start);
            }

            return new YamlTreeNode(start, _line) { Scalar = value, End = end };
        }

        private static bool IsPlain(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.' or '/';

        /// <summary>A double-quoted scalar on one line with the escapes <c>YamlSerializer.Quote</c> writes, or null.</summary>
        private string? ReadQuoted(int start, out int end)
        {
            int i = start + 1;
            int run = i;
            System.Text.StringBuilder? decoded = null;
            while (true)
            {
                if (i >= _text.Length)
                {
                    end = i;
                    return null;
                }

                char c = _text[i];
                if (c == '"')
                {
                    end = i + 1;
                    if (decoded is null)
                    {
                        return _text.Substring(run, i - run);
                    }

                    return decoded.Append(_text, run, i - run).ToString();
                }

                if (c == '\n')
                {
                    end = i;
                    return null; // a line break inside quotes folds: not written, leave it to YamlDotNet
                }

                if (c != '\\')
                {
                    i++;
                    continue;
                }

                decoded ??= new System.Text.StringBuilder(i - start + 16);
                decoded.Append(_text, run, i - run);
                if (i + 1 >= _text.Length)
                {
                    end = i;
                    return null;
                }

                switch (_text[i + 1])
                {
                    case '"': decoded.Append('"'); i += 2; break;
                    case '\\': decoded.Append('\\'); i += 2; break;
                    case 'n': decoded.Append('\n'); i += 2; break;
                    case 't': decoded.Append('\t'); i += 2; break;
                    case 'r': decoded.Append('\r'); i += 2; break;
                    case 'x' when i + 3 < _text.Length && Hex(_text[i + 2]) >= 0 && Hex(_text[i + 3]) >= 0:
                        decoded.Append((char)((Hex(_text[i + 2]) << 4) | Hex(_text[i + 3])));
                        i += 4;
                        break;
                    default:
                        end = i;
                        return null;
                }

                run = i;
            }
        }

        private static int Hex(char c) => c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : -1;

        /// <summary>Whether the current line has "- " in column <paramref name="indent"/>.</summary>
        private bool StartsItem(int indent)
        {
            int dash = _lineStart + indent;
            return dash + 1 < _text.Length && _text[dash] == '-' && _text[dash + 1] == ' ';
        }

        /// <summary>The current line is exactly "---".</summary>
        private bool IsDocumentMarker() =>
            _lineStart + 3 < _text.Length && string.CompareOrdinal(_text, _lineStart, "---\n", 0, 4) == 0;

        /// <summary>Leading spaces of the current line; a line of spaces only counts as deeper than anything (and fails).</summary>
        private int Indent()
        {
            int i = _lineStart;
            while (_text[i] == ' ')
            {
                i++;
            }

            return _text[i] == '\n' ? int.MaxValue / 2 : i - _lineStart;
        }

        /// <summary>Where YamlDotNet's next token starts: the current line's first non-space, or the end of the text.</summary>
        private int NextTokenStart()
        {
            if (AtEnd)
            {
                return _text.Length;
            }

            int i = _lineStart;
            while (_text[i] == ' ')
            {
                i++;
            }

            return i;
        }

        private void NextLine(int start)
        {
            _lineStart = start;
            if ((++_line & 255) == 0)
            {
                _ct.ThrowIfCancellationRequested();
            }
        }

        /// <summary>Steps over whole-line comments (a '#' in column 0).</summary>
        private void SkipComments()
        {
            while (!AtEnd && _text[_lineStart] == '#')
            {
                NextLine(_text.IndexOf('\n', _lineStart) + 1);
            }
        }
    }
}
