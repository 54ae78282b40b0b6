using BenchmarkDotNet.Attributes;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// Latency of one decision (normalise, typo, recognise, contrast, Lucene, matter and scope models, fusion, confidence,
/// decide) on the bundled knowledge base, built and trained as the service builds it.
/// </summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private KnowledgeSearch _search = null!;
    private string _folder = null!;

    [ParamsSource(nameof(AllQuestions))]
    public string Question { get; set; } = string.Empty;

    public static IEnumerable<string> AllQuestions => BenchmarkKnowledge.Questions;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = BenchmarkKnowledge.TempFolder("search");
        _search = await BenchmarkKnowledge.BuildAsync(_folder);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _search.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<KnowledgeAnswer> Ask() => _search.AskAsync(Question, new SearchRequest { CurrentMatterId = "gjj-retire-withdraw" });
}
