using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using PodBinding.Generators.Manifests;
using PodBinding.Shared;

namespace PodBinding.Analyzers.Tests;

/// <summary>
/// The fast reader for PodBinding's own YAML must build the tree YamlDotNet builds (every node's kind, value, start,
/// end and line), take every file the generator writes, and give up on anything else so YamlDotNet reads it.
/// </summary>
public sealed class WrittenSubsetReaderTests
{
    private static readonly string RepoRoot = typeof(WrittenSubsetReaderTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>Every YAML file the generator snapshot tests pin, and every YAML file of the samples.</summary>
    private static string[] Corpus() =>
        Directory.GetFiles(Path.Combine(RepoRoot, "tests", "PodBinding.Generators.Tests", "Snapshots"), "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(RepoRoot, "samples"), "*.yaml", SearchOption.AllDirectories)
                .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(RepoRoot, path))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static TheoryData<string> YamlFiles() => new(Corpus());

    [Fact]
    public void The_corpus_is_what_the_generator_writes()
    {
        string[] files = Corpus();
        string[] generated = files.Where(file => ManifestContract.HasHeader(File.ReadAllText(Path.Combine(RepoRoot, file)))).ToArray();

        // Fragments, patches, volume patches, kustomizations, service accounts and RBAC (with "---" between documents).
        Assert.True(generated.Length >= 40, $"only {generated.Length} generated files in {files.Length}");
        Assert.Contains(generated, file => file.EndsWith(".volumes.patch.verified.yaml", StringComparison.Ordinal));
        Assert.Contains(generated, file => file.EndsWith("_rbac.verified.yaml", StringComparison.Ordinal));
        Assert.Contains(generated, file => file.StartsWith("samples", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Every_generated_file_takes_the_fast_reader_and_gets_YamlDotNets_tree(string file)
    {
        string text = File.ReadAllText(Path.Combine(RepoRoot, file));
        List<YamlTreeNode>? fast = YamlTreeNode.TryParseWrittenSubset(text, CancellationToken.None);
        if (ManifestContract.HasHeader(text))
        {
            Assert.NotNull(fast);
        }

        if (fast is not null)
        {
            AssertSameDocuments(YamlTreeNode.ParseDocuments(text, CancellationToken.None), fast, text);
        }
    }

    /// <summary>
    /// Edits a user might make to a generated file (and typos): each either leaves the subset (null: YamlDotNet reads
    /// it) or is read exactly as YamlDotNet reads it. Deterministic: the seed is the file's name.
    /// </summary>
    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Random_edits_of_a_file_are_read_as_YamlDotNet_reads_them_or_left_to_it(string file)
    {
        string text = File.ReadAllText(Path.Combine(RepoRoot, file));
        var random = new Random(Fnv(file));
        string[] inserts = { " ", "  ", "-", "- ", ":", ": ", "\n", "#", " #", "\"", "\\", "\\u0041", "\\x41", "'", "&a ", "*a", "{", "}", "[", "]", "---\n", "\t", "\r", "|", ">", "!", "?", "%", "x", "0", ".", "/", "é" };
        int fastEdits = 0;
        for (int round = 0; round < 120; round++)
        {
            var edited = new StringBuilder(text);
            int edits = 1 + random.Next(3);
            for (int e = 0; e < edits && edited.Length > 1; e++)
            {
                int at = random.Next(edited.Length);
                switch (random.Next(4))
                {
                    case 0:
                        edited.Remove(at, Math.Min(1 + random.Next(3), edited.Length - at));
                        break;
                    case 1:
                        edited.Insert(at, inserts[random.Next(inserts.Length)]);
                        break;
                    case 2:
                        edited[at] = inserts[random.Next(inserts.Length)][0];
                        break;
                    default:
                        // Duplicate or drop a whole line.
                        string[] lines = edited.ToString().Split('\n');
                        int line = random.Next(lines.Length);
                        List<string> list = lines.ToList();
                        if (random.Next(2) == 0)
                        {
                            list.Insert(line, lines[line]);
                        }
                        else
                        {
                            list.RemoveAt(line);
                        }

                        edited.Clear().Append(string.Join("\n", list));
                        break;
                }
            }

            string candidate = edited.ToString();
            List<YamlTreeNode>? fast = YamlTreeNode.TryParseWrittenSubset(candidate, CancellationToken.None);
            if (fast is not null)
            {
                fastEdits++;
                AssertSameDocuments(YamlTreeNode.ParseDocuments(candidate, CancellationToken.None), fast, candidate);
            }
        }

        // Some edits stay inside the subset (a changed value, a duplicated entry), so the comparison is exercised.
        if (ManifestContract.HasHeader(text) && text.Length > 300)
        {
            Assert.True(fastEdits > 0, "no edit stayed inside the subset");
        }
    }

    private const string Generated = """
        # Generated by PodBinding from Shop.Catalog.CatalogPod. Do not edit: change the [FromDownward] attributes and rebuild.
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: catalog
        spec:
          template:
            spec:
              automountServiceAccountToken: false
              containers:
              - name: catalog
                env:
                - name: POD_NAME
                  valueFrom:
                    fieldRef:
                      apiVersion: v1
                      fieldPath: metadata.name
                - name: POD_TIER
                  valueFrom:
                    fieldRef:
                      fieldPath: "metadata.labels['tier']"
                - name: "ODD \"KEY\"\\\x41\t"
                  valueFrom:
                    resourceFieldRef:
                      resource: limits.memory
                      divisor: 1Mi
                volumeMounts:
                - name: podinfo
                  mountPath: /etc/podinfo
                  subPath: labels
                  readOnly: true
              volumes:
              - name: podinfo
                downwardAPI:
                  items: []
              - name: empty
                emptyDir: {}
        ---
        # a second document
        apiVersion: v1
        kind: List
        items:
        - "quoted"
        - plain
        - {}
        - []

        """;

    [Fact]
    public void A_generated_file_with_escapes_empty_collections_and_two_documents_is_read_like_YamlDotNet()
    {
        string text = Generated.Replace("\r\n", "\n").Replace("\n\n", "\n");
        List<YamlTreeNode>? fast = YamlTreeNode.TryParseWrittenSubset(text, CancellationToken.None);
        Assert.NotNull(fast);
        Assert.Equal(2, fast.Count);
        AssertSameDocuments(YamlTreeNode.ParseDocuments(text, CancellationToken.None), fast, text);
        Assert.Equal("ODD \"KEY\"\\A\t", fast[0]["spec"]!["template"]!["spec"]!.ItemsAt("containers")[0].ItemsAt("env")[2].ScalarAt("name"));
    }

    /// <summary>Each edit leaves the subset; the file is then read by YamlDotNet, with the same result as a user's file.</summary>
    [Theory]
    [InlineData("crlf", "\n", "\r\n")]
    [InlineData("tab", "  name: catalog", "  name:\tcatalog")]
    [InlineData("bom", "# Generated", "\uFEFF# Generated")]
    [InlineData("non-ASCII", "name: catalog", "name: catalogé")]
    [InlineData("anchor and alias", "      fieldPath: metadata.name", "      fieldPath: &p metadata.name\n              x: *p")]
    [InlineData("single quotes", "fieldPath: metadata.name", "fieldPath: 'metadata.name'")]
    [InlineData("unknown escape", "\\x41", "\\u0041")]
    [InlineData("block scalar", "      mountPath: /etc/podinfo", "      mountPath: |\n                /etc/podinfo")]
    [InlineData("flow mapping", "emptyDir: {}", "emptyDir: {medium: Memory}")]
    [InlineData("comment after a value", "subPath: labels", "subPath: labels # one file")]
    [InlineData("indented comment", "      volumeMounts:", "      # mounts\n      volumeMounts:")]
    [InlineData("blank line", "kind: Deployment\n", "kind: Deployment\n\n")]
    [InlineData("indented sequence", "items:\n- \"quoted\"", "items:\n  - \"quoted\"")]
    [InlineData("trailing document marker", "- []\n", "- []\n---\n")]
    [InlineData("explicit first document", "apiVersion: apps/v1", "---\napiVersion: apps/v1")]
    [InlineData("tag", "kind: Deployment", "kind: !!str Deployment")]
    [InlineData("key without a value", "  name: catalog", "  name:")]
    [InlineData("no final line break", "- []\n", "- []")]
    [InlineData("plain scalar with a space", "name: catalog", "name: cata log")]
    [InlineData("line break inside quotes", "\"quoted\"", "\"quo\n  ted\"")]
    public void A_hand_edited_generated_file_outside_the_subset_falls_back_to_YamlDotNet(string edit, string from, string to)
    {
        string original = Generated.Replace("\r\n", "\n").Replace("\n\n", "\n");
        Assert.Contains(from, original);
        string text = ReplaceFirst(original, from, to);
        Assert.True(ManifestContract.HasHeader(text), edit);

        Assert.Null(YamlTreeNode.TryParseWrittenSubset(text, CancellationToken.None));

        // What the analyzers get is what they get for the same text without the header (always YamlDotNet).
        string user = text.Replace(ManifestContract.HeaderPrefix, UserHeader, StringComparison.Ordinal);
        Assert.Equal(Describe(ManifestIndex.Parse(SourceText.From(user))), Describe(ManifestIndex.Parse(SourceText.From(text))));
    }

    [Fact]
    public void The_analyzers_read_a_generated_file_as_before()
    {
        string text = Generated.Replace("\r\n", "\n").Replace("\n\n", "\n");
        string user = text.Replace(ManifestContract.HeaderPrefix, UserHeader, StringComparison.Ordinal);
        ManifestText generated = ManifestIndex.Parse(SourceText.From(text));

        Assert.True(generated.IsGenerated);
        Assert.Equal(Describe(ManifestIndex.Parse(SourceText.From(user))), Describe(generated));
        PodSpecEntry spec = Assert.Single(generated.PodSpecs);
        Assert.Equal(8, spec.NoTokenLine);
        MountEntry mount = Assert.Single(Assert.Single(spec.Containers).Mounts);
        Assert.Equal("subPath: labels", text.Substring(mount.SubPathSpan!.Value.Start, mount.SubPathSpan.Value.Length));
    }

    /// <summary>A comment as long as PodBinding's header, so spans and lines stay where they were.</summary>
    private static readonly string UserHeader = "#" + new string('-', ManifestContract.HeaderPrefix.Length - 1);

    private static string ReplaceFirst(string text, string from, string to)
    {
        int at = text.IndexOf(from, StringComparison.Ordinal);
        return from == "\n" ? text.Replace("\n", to, StringComparison.Ordinal) : text.Substring(0, at) + to + text.Substring(at + from.Length);
    }

    private static string Describe(ManifestText text) => string.Join("\n", text.PodSpecs.Select(spec =>
        $"{spec.Workload} token@{spec.NoTokenLine} volumes[{string.Join(",", spec.Volumes.Select(v => $"{v.Name}:{v.IsDownward}@{v.Line}"))}] "
        + string.Join(";", spec.Containers.Select(c =>
            $"{c.Name}@{c.Line} env[{string.Join(",", c.Env.Select(e => $"{e.Name}={e.FieldPath}{e.Resource}/{e.Divisor}/{e.ResourceContainer}@{e.Line}"))}] "
            + $"mounts[{string.Join(",", c.Mounts.Select(m => $"{m.VolumeName}:{m.MountPath}:{m.SubPathKey}:{m.SubPathSpan}@{m.Line}"))}]"))));

    private static int Fnv(string text)
    {
        unchecked
        {
            int hash = (int)2166136261;
            foreach (char c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash & int.MaxValue;
        }
    }

    private static void AssertSameDocuments(List<YamlTreeNode> expected, List<YamlTreeNode> actual, string text)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            AssertSameNode(expected[i], actual[i], $"document {i}", text);
        }
    }

    private static void AssertSameNode(YamlTreeNode expected, YamlTreeNode actual, string path, string text)
    {
        string Where(YamlTreeNode node) => $"{node.Start}..{node.End} line {node.Line}";
        string Kind(YamlTreeNode node) => node.Scalar is not null ? "scalar" : node.Entries is not null ? "mapping" : node.Items is not null ? "sequence" : "alias";
        string context = $"{path}: expected {Kind(expected)} {Where(expected)} '{expected.Scalar}', got {Kind(actual)} {Where(actual)} '{actual.Scalar}'\n{text}";

        Assert.True(Kind(expected) == Kind(actual), context);
        Assert.True(expected.Scalar == actual.Scalar, context);
        Assert.True((expected.Start, expected.End, expected.Line) == (actual.Start, actual.End, actual.Line), context);
        if (expected.Entries is not null)
        {
            Assert.True(expected.Entries.Count == actual.Entries!.Count, context);
            for (int i = 0; i < expected.Entries.Count; i++)
            {
                string key = expected.Entries[i].Key.Scalar ?? "?";
                AssertSameNode(expected.Entries[i].Key, actual.Entries[i].Key, $"{path}.{key} (key)", text);
                AssertSameNode(expected.Entries[i].Value, actual.Entries[i].Value, $"{path}.{key}", text);
            }
        }

        if (expected.Items is not null)
        {
            Assert.True(expected.Items.Count == actual.Items!.Count, context);
            for (int i = 0; i < expected.Items.Count; i++)
            {
                AssertSameNode(expected.Items[i], actual.Items[i], $"{path}[{i}]", text);
            }
        }
    }
}
