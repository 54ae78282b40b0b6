using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;

namespace Xiaoshen.Benchmarks;

/// <summary>Time to load and validate the content folder, to write the Lucene index, and to rebuild everything (index and training) as the service does.</summary>
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
    public async Task<string> FullRebuild()
    {
        var folder = BenchmarkKnowledge.TempFolder("rebuild");
        try
        {
            using var search = await BenchmarkKnowledge.BuildAsync(folder);
            return search.Build.Id;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

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
