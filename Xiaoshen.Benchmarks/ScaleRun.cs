using System.Diagnostics;
using System.Globalization;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// How build time, index size, memory and decision latency grow when the FAQ count is multiplied (1×, 10×, 100×).
/// A bounded in-process driver: a fixed number of questions per scale, no network.
/// </summary>
internal static class ScaleRun
{
    private const int QuestionsPerScale = 5000;

    public static void Run(TextWriter output, int[] factors)
    {
        var knowledge = BenchmarkKnowledge.Load();
        output.WriteLine("| scale | matters | FAQs | documents | build s | index MB | managed heap MB | working set MB | p50 ms | p99 ms | max ms |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var factor in factors)
        {
            var scaled = BenchmarkKnowledge.Scale(knowledge, factor);
            var folder = BenchmarkKnowledge.TempFolder($"scale{factor}");
            var build = Stopwatch.StartNew();
            using var search = BenchmarkKnowledge.Open(scaled, folder, Calibration.Default);
            build.Stop();

            // Warm up the JIT and Lucene's caches before measuring.
            foreach (var question in BenchmarkKnowledge.Questions)
            {
                _ = search.AskAsync(question).GetAwaiter().GetResult();
            }

            var latencies = new double[QuestionsPerScale];
            for (var i = 0; i < QuestionsPerScale; i++)
            {
                var started = Stopwatch.GetTimestamp();
                _ = search.AskAsync(BenchmarkKnowledge.Questions[i % BenchmarkKnowledge.Questions.Length]).GetAwaiter().GetResult();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(latencies);
            GC.Collect();
            var indexBytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {factor}× | {scaled.Matters.Count} | {scaled.FaqCount} | {search.Build.Documents} | {build.Elapsed.TotalSeconds:0.0} | {indexBytes / 1048576.0:0.0} | {GC.GetTotalMemory(false) / 1048576.0:0} | {Environment.WorkingSet / 1048576.0:0} | {latencies[latencies.Length / 2]:0.000} | {latencies[(int)(latencies.Length * 0.99)]:0.000} | {latencies[^1]:0.000} |"));
            search.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }
}
