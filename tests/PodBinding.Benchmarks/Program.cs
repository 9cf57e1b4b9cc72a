using BenchmarkDotNet.Running;
using PodBinding.Benchmarks.Generators;

// --validate: the untimed correctness checks (incremental caching, generated code compiles, anchor generator active).
if (args.Contains("--validate"))
{
    return Validation.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
