using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;

namespace Xiaoshen.Benchmarks;

/// <summary>Time to load and validate the content folder, and to write the Lucene index (without calibration).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 5)]
public class IndexBuildBenchmarks
{
    private KnowledgeBase _knowledge = null!;

    [GlobalSetup]
    public void Setup() => _knowledge = BenchmarkKnowledge.Load();

    [Benchmark]
    public KnowledgeBase LoadAndValidate() => BenchmarkKnowledge.Load();

    [Benchmark]
    public int WriteIndex()
    {
        var folder = BenchmarkKnowledge.TempFolder("build");
        try
        {
            return KnowledgeIndexer.WriteIndex(_knowledge, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
