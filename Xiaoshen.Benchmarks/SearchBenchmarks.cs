using BenchmarkDotNet.Attributes;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Benchmarks;

/// <summary>Latency of one decision (normalise, recognise, search, decide) on the bundled knowledge base.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private KnowledgeSearch _search = null!;
    private string _folder = null!;

    [ParamsSource(nameof(AllQuestions))]
    public string Question { get; set; } = string.Empty;

    public static IEnumerable<string> AllQuestions => BenchmarkKnowledge.Questions;

    [GlobalSetup]
    public void Setup()
    {
        _folder = BenchmarkKnowledge.TempFolder("search");
        _search = BenchmarkKnowledge.Open(BenchmarkKnowledge.Load(), _folder, Calibration.Default);
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
