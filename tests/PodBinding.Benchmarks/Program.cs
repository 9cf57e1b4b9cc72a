using BenchmarkDotNet.Running;
using PodBinding.Benchmarks.Generators;

// --validate: the untimed correctness checks (incremental caching, generated code compiles, anchor generator active).
if (args.Contains("--validate"))
{
    return Validation.Run();
}

// --analyzers [rounds]: only the analyzers' interleaved telemetry (the table in docs/performance.md), without the
// BenchmarkDotNet runs around it.
if (args.Contains("--analyzers"))
{
    int at = Array.IndexOf(args, "--analyzers");
    int rounds = at + 1 < args.Length && int.TryParse(args[at + 1], out int n) ? n : 7;
    Console.WriteLine(PodBinding.Benchmarks.Analyzers.Telemetry.Measure(PodBinding.Benchmarks.Analyzers.AnalyzerWorkload.Create(), rounds));
    return 0;
}

// --manifest-parse DIR [rounds]: ManifestIndex.Create over a folder of YAML, subset reader against YamlDotNet, paired.
if (args.Contains("--manifest-parse"))
{
    return PodBinding.Benchmarks.Analyzers.ManifestParseBench.Run(args);
}

// --paired-live [rounds]: the same for the live-volume loaders (Live/): Load against the floor and both binders, reload against load.
if (args.Contains("--paired-live"))
{
    return PodBinding.Benchmarks.Live.PairedLive.Run(args);
}

// --first-run podbinding|floor|floor-per-class [classes]: the first generator run in a new process, as a fresh compiler pays it.
if (args.Contains("--first-run"))
{
    return FirstRun.Run(args);
}

// --scaling [rounds] [sizes…]: the keystroke series (100, 1,000, 3,000 classes) against the floor, paired, and bytes per class.
if (args.Contains("--scaling"))
{
    return Scaling.Run(args);
}

// --keystroke-profile [classes] [rounds]: per-step times of the warm path (no change, unrelated edit), PodBinding and both floors.
if (args.Contains("--keystroke-loop"))
{
    return KeystrokeProfile.Loop(args);
}

if (args.Contains("--keystroke-profile"))
{
    return KeystrokeProfile.Run(args);
}

// --paired [rounds]: benchmark and floor alternately in one process, a cross-check of the ratios on a busy machine.
if (args.Contains("--paired"))
{
    return PodBinding.Benchmarks.Paired.Run(args);
}

// --latency [swaps] [anchorSwaps]: change latency from the ..data rename to the callback (custom, not BenchmarkDotNet).
if (args.Contains("--latency"))
{
    return PodBinding.Benchmarks.Live.Latency.Run(args);
}

// --torn [swaps]: a long torn-read run (snapshots and PodInfo.Load while the kubelet swaps); mixed versions must be 0.
if (args.Contains("--torn"))
{
    return PodBinding.Benchmarks.Live.TornReads.Run(args);
}

// --kubernetes [rounds]: the API connection against the test API server (Kubernetes/): per-request overhead against
// KubernetesClient's load-once config, swap → new token, first request per mode (a real kubectl proxy for two of them).
if (args.Contains("--kubernetes"))
{
    return PodBinding.Benchmarks.Kubernetes.ApiConnectionBench.Run(args);
}

// --api-facts [events] [window-seconds]: the fact watches against the test API server (Kubernetes/ApiFactsBench.cs):
// write → callback latency, requests in a quiet window (no polling), 1,000 peer pods.
if (args.Contains("--api-facts"))
{
    return PodBinding.Benchmarks.Kubernetes.ApiFactsBench.Run(args);
}

// In-process by default (no separate build of a generated project, which would also have to repeat the
// Roslyn 4.14 override). A [InProcess] attribute would add a second job next to a command-line --job instead. Only
// with --job: without one, --inProcess adds a default job beside a class's own (AnalyzerBenchmarks brings an in-process
// 7-iteration job), and that default job overruns BenchmarkDotNet's in-process time limit.
if (args.Contains("--job") && !args.Contains("--inProcess") && !args.Contains("--outOfProcess"))
{
    args = args.Append("--inProcess").ToArray();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != "--outOfProcess").ToArray());
return 0;
