using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Mathematics.OutlierDetection;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// The distribution of one decision's latency over real questions (issue 12: p99 under 5 ms at 1× content): each measured
/// iteration is one <see cref="KnowledgeSearch.AskAsync"/> of the next question of <c>dev.jsonl</c> and
/// <c>real-dev.jsonl</c>, after one unmeasured pass over all of them (a serving process is warm). The percentiles are
/// over questions, so the slow kinds (long situations, contrast) make the tail.
/// </summary>
[Config(typeof(OneQuestionPerIteration))]
[MemoryDiagnoser]
public class DecisionLatencyBenchmarks
{
    // dev.jsonl (715) + real-dev.jsonl (810); the run checks the sets still add up to this.
    private const int Questions = 1525;

    private KnowledgeSearch _search = null!;
    private string _folder = null!;
    private IReadOnlyList<string> _questions = [];
    private int _next;

    [GlobalSetup]
    public async Task Setup()
    {
        _questions = [.. BenchmarkKnowledge.EvalQuestions("dev.jsonl"), .. BenchmarkKnowledge.EvalQuestions("real-dev.jsonl")];
        if (_questions.Count != Questions)
        {
            throw new InvalidOperationException($"the dev sets hold {_questions.Count} questions; set Questions to that");
        }

        _folder = BenchmarkKnowledge.TempFolder("decision");
        _search = await BenchmarkKnowledge.BuildAsync(_folder);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _search.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<KnowledgeAnswer> AskNextQuestion() => _search.AskAsync(_questions[_next++ % _questions.Count], new SearchRequest());

    // In process (nothing to build), every question measured once, no outlier dropped: the tail is what is measured.
    private sealed class OneQuestionPerIteration : ManualConfig
    {
        public OneQuestionPerIteration()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(Questions)
                .WithIterationCount(Questions)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithOutlierMode(OutlierMode.DontRemove)
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: false)));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
        }
    }

    // BenchmarkDotNet lists P0..P100 in fixed steps without 99; the same statistics, at 99.
    private sealed class P99Column : IColumn
    {
        public string Id => "P99";

        public string ColumnName => "P99";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Time;

        public string Legend => "99th percentile of one iteration's time (one question)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? (statistics.Percentiles.Percentile(99) / 1_000_000).ToString("0.000 'ms'", style.CultureInfo)
                : "NA";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
