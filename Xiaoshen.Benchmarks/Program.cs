using BenchmarkDotNet.Running;
using Xiaoshen.Benchmarks;

// `scale [factors…]` runs the synthetic scale driver; anything else goes to BenchmarkDotNet's switcher.
if (args.Length > 0 && args[0] == "scale")
{
    var factors = args.Length > 1 ? args[1..].Select(int.Parse).ToArray() : [1, 10, 100];
    ScaleRun.Run(Console.Out, factors);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SearchBenchmarks).Assembly).Run(args);
