using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PodBinding.Generators.Manifests;
using PodBinding.Shared;

namespace PodBinding.Benchmarks.Analyzers;

/// <summary>
/// <c>--manifest-parse DIR [rounds]</c>: <see cref="ManifestIndex.Create"/> over every YAML file under DIR (e.g. the
/// <c>deploy/</c> folder of the project <c>build-time.sh</c> writes, after one build), once as a fresh compiler does it
/// (no cached parse), with PodBinding's files read by the subset reader (after) and by YamlDotNet (before),
/// alternating A/B/B/A so load changes hit both. Prints medians, allocations and the load average. With
/// <c>cold subset|yamldotnet</c> instead of a round count: one call in a fresh process.
/// </summary>
internal static class ManifestParseBench
{
    public static int Run(string[] args)
    {
        int at = Array.IndexOf(args, "--manifest-parse");
        if (at + 1 >= args.Length || !Directory.Exists(args[at + 1]))
        {
            Console.Error.WriteLine("usage: --manifest-parse <folder with YAML files> [rounds | cold subset | cold yamldotnet]");
            return 2;
        }

        string[] paths = Directory.GetFiles(args[at + 1], "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        ImmutableArray<AdditionalText> files = paths.Select(path => (AdditionalText)new FileText(path, SourceText.From(File.ReadAllText(path)))).ToImmutableArray();
        var options = new AnalyzerOptions(files);

        // "cold subset" / "cold yamldotnet": one call in a fresh process, as the first analyzer of a csc run pays it
        // (JIT included). Run each in its own process.
        if (at + 3 < args.Length && args[at + 2] == "cold")
        {
            bool useSubset = args[at + 3] == "subset";
            var cold = Stopwatch.StartNew();
            Create(options, useSubset);
            Console.WriteLine($"first ManifestIndex.Create in this process, {(useSubset ? "subset reader" : "YamlDotNet")}: {cold.Elapsed.TotalMilliseconds:F1} ms; load average {Load()}");
            return 0;
        }

        int rounds = at + 2 < args.Length && int.TryParse(args[at + 2], out int n) ? n : 21;
        int generated = files.Count(file => ManifestContract.HasHeader(file.GetText()!.ToString()));
        int fast = files.Count(file => file.GetText()!.ToString() is var text && ManifestContract.HasHeader(text)
            && YamlTreeNode.TryParseWrittenSubset(text, CancellationToken.None) is not null);
        long chars = files.Sum(file => (long)file.GetText()!.Length);
        Console.WriteLine($"{files.Length} YAML files ({chars / 1024} K characters), {generated} with PodBinding's header, {fast} of them inside the written subset");

        // Same result both ways, or the timing means nothing.
        string before = Describe(Create(options, useSubsetReader: false));
        string after = Describe(Create(options, useSubsetReader: true));
        if (before != after)
        {
            Console.Error.WriteLine("the two readers disagree");
            return 1;
        }

        var times = new Dictionary<bool, List<double>> { [false] = new(), [true] = new() };
        var bytes = new Dictionary<bool, List<long>> { [false] = new(), [true] = new() };
        string loadBefore = Load();
        for (int round = 0; round < rounds + 1; round++)
        {
            foreach (bool subset in round % 2 == 0 ? new[] { true, false } : new[] { false, true })
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                Create(options, subset);
                watch.Stop();
                if (round > 0) // round 0 warms the JIT for both
                {
                    times[subset].Add(watch.Elapsed.TotalMilliseconds);
                    bytes[subset].Add(GC.GetAllocatedBytesForCurrentThread() - allocated);
                }
            }
        }

        double yamlDotNet = Median(times[false]), subsetReader = Median(times[true]);
        Console.WriteLine($"ManifestIndex.Create, YamlDotNet for every file: median {yamlDotNet:F1} ms, {Median(bytes[false]) / 1024.0 / 1024.0:F1} MB allocated");
        Console.WriteLine($"ManifestIndex.Create, subset reader for PodBinding's files: median {subsetReader:F1} ms, {Median(bytes[true]) / 1024.0 / 1024.0:F1} MB allocated");
        Console.WriteLine($"ratio {subsetReader / yamlDotNet:F3} over {rounds} interleaved rounds; load average {loadBefore} → {Load()}");
        return 0;
    }

    private static ManifestIndex Create(AnalyzerOptions options, bool useSubsetReader) =>
        ManifestIndex.Create(
            options,
            (SourceText text, SourceTextValueProvider<ManifestText> _, out ManifestText? value) =>
            {
                value = ManifestText.Read(text, CancellationToken.None, useSubsetReader);
                return true;
            },
            CancellationToken.None);

    private static string Describe(ManifestIndex index) => string.Join("\n", index.Files.Select(file =>
        file.DisplayPath + " " + file.Text.IsGenerated + " " + string.Join(";", file.Text.PodSpecs.Select(spec =>
            spec.Workload + " " + spec.NoTokenLine + " " + string.Join(",", spec.Volumes) + " " + string.Join(",", spec.Containers.Select(container =>
                container.Name + "@" + container.Line + " " + string.Join(",", container.Env) + " " + string.Join(",", container.Mounts)))))));

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static long Median(List<long> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private sealed class FileText(string path, SourceText text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}
