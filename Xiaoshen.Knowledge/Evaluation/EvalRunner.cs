using System.Diagnostics;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Knowledge.Evaluation;

/// <summary>Runs questions through <see cref="KnowledgeSearch.AskAsync"/> and scores the decisions.</summary>
public static class EvalRunner
{
    private const int WarmUpQuestions = 20;

    /// <summary>Evaluates <paramref name="questions"/>; <paramref name="progress"/> is told after each question.</summary>
    public static async Task<(EvalReport Report, IReadOnlyList<EvalDetail> Details)> RunAsync(
        KnowledgeSearch search, IReadOnlyList<EvalQuestion> questions, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var details = new List<EvalDetail>(questions.Count);
        var latencies = new List<double>(questions.Count);
        var tally = new Tally();
        var content = new ContentTally();

        // Latency is the service's steady state: the first calls pay for JIT compilation, so a few are made untimed.
        foreach (var question in questions.Take(WarmUpQuestions))
        {
            await search.AskAsync(question.Question, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var question in questions)
        {
            var started = Stopwatch.GetTimestamp();
            var answer = await search.AskAsync(question.Question, new SearchRequest { Top = 10, CurrentMatterId = question.After }, cancellationToken).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            tally.Add(question, answer);
            content.Add(question, answer);
            details.Add(new EvalDetail(
                question.Question,
                answer.Decision.ToString().ToLowerInvariant(),
                answer.Matters.Take(3).Select(m => new EvalDetailMatter(m.MatterId, Math.Round(m.Score, 4))).ToList(),
                Math.Round(answer.Confidence, 4),
                answer.Reason)
            {
                Expected = question.Kind == EvalKind.Unlabelled ? null : question.MatterId ?? question.Kind.ToString().ToLowerInvariant(),
                Content = answer.ContentId,
            });
            progress?.Report(details.Count);
        }

        var build = search.Build;
        var report = new EvalReport(
            questions.Count,
            tally.MatterScores(),
            new KindScore(tally.Oos, Rejected: Fraction(tally.OosRejected, tally.Oos)),
            new KindScore(tally.Human, Detected: Fraction(tally.HumanDetected, tally.Human)),
            new KindScore(tally.Chitchat, Detected: Fraction(tally.ChitchatDetected, tally.Chitchat)),
            new Latency(Percentile(latencies, 0.50), Percentile(latencies, 0.99)),
            new IndexSummary(build.Matters, build.Faqs, build.Id))
        {
            Content = content.Scores(),
        };
        return (report, details);
    }

    internal static double Fraction(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(index, 0, sorted.Length - 1)], 3);
    }

    private sealed class Tally
    {
        private int _matters, _top1, _top3, _answeredCorrect, _answeredWrong, _clarified, _fallback;
        private double _reciprocalRanks;

        public int Oos { get; private set; }

        public int OosRejected { get; private set; }

        public int Human { get; private set; }

        public int HumanDetected { get; private set; }

        public int Chitchat { get; private set; }

        public int ChitchatDetected { get; private set; }

        public void Add(EvalQuestion question, KnowledgeAnswer answer)
        {
            switch (question.Kind)
            {
                case EvalKind.Matter:
                    _matters++;
                    var rank = answer.Matters.Select((m, i) => (m, i)).FirstOrDefault(x => x.m.MatterId == question.MatterId).i + 1;
                    var found = answer.Matters.Any(m => m.MatterId == question.MatterId);
                    if (found)
                    {
                        _reciprocalRanks += 1.0 / rank;
                        _top1 += rank == 1 ? 1 : 0;
                        _top3 += rank <= 3 ? 1 : 0;
                    }

                    if (answer.Decision == Decision.Answer)
                    {
                        if (answer.Matter?.Id == question.MatterId)
                        {
                            _answeredCorrect++;
                        }
                        else
                        {
                            _answeredWrong++;
                        }
                    }

                    _clarified += answer.Decision == Decision.Clarify ? 1 : 0;
                    _fallback += answer.Decision == Decision.Fallback ? 1 : 0;
                    break;
                case EvalKind.Oos:
                    Oos++;
                    OosRejected += answer.Decision is Decision.Fallback or Decision.Human ? 1 : 0;
                    break;
                case EvalKind.Human:
                    Human++;
                    HumanDetected += answer.Decision == Decision.Human ? 1 : 0;
                    break;
                case EvalKind.Chitchat:
                    Chitchat++;
                    ChitchatDetected += answer.Decision == Decision.Chitchat ? 1 : 0;
                    break;
                default:
                    break;
            }
        }

        public MatterScores MatterScores() => new(
            _matters,
            Fraction(_top1, _matters),
            Fraction(_top3, _matters),
            _matters == 0 ? 0 : Math.Round(_reciprocalRanks / _matters, 4),
            Fraction(_answeredCorrect, _matters),
            Fraction(_answeredWrong, _matters),
            Fraction(_clarified, _matters),
            Fraction(_fallback, _matters));
    }
}
