using System.Diagnostics;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Knowledge.Evaluation;

/// <summary>Runs questions through <see cref="KnowledgeSearch.AskAsync"/> and scores the decisions.</summary>
public static class EvalRunner
{
    private const int WarmUpQuestions = 20;

    /// <summary>Evaluates <paramref name="questions"/>; <paramref name="progress"/> is told after each question.</summary>
    /// <remarks>
    /// <paramref name="rest"/>, when given, is awaited after each question with the time it took: a serving node that
    /// measures its build in the background leaves the processor to citizens in between (the latencies reported are the
    /// questions', not the rests').
    /// </remarks>
    public static async Task<(EvalReport Report, IReadOnlyList<EvalDetail> Details)> RunAsync(
        KnowledgeSearch search,
        IReadOnlyList<EvalQuestion> questions,
        IProgress<int>? progress = null,
        Func<TimeSpan, CancellationToken, Task>? rest = null,
        CancellationToken cancellationToken = default)
    {
        rest ??= static (_, _) => Task.CompletedTask;
        var details = new List<EvalDetail>(questions.Count);
        var latencies = new List<double>(questions.Count);
        var outcomes = new List<Outcome>(questions.Count);
        var content = new ContentTally();

        // Latency is the service's steady state: the first calls pay for JIT compilation, so a few are made untimed.
        foreach (var question in questions.Take(WarmUpQuestions))
        {
            var warming = Stopwatch.GetTimestamp();
            await search.AskAsync(question.Question, cancellationToken: cancellationToken).ConfigureAwait(false);
            await rest(Stopwatch.GetElapsedTime(warming), cancellationToken).ConfigureAwait(false);
        }

        foreach (var question in questions)
        {
            var started = Stopwatch.GetTimestamp();
            var answer = await search.AskAsync(question.Question, new SearchRequest { Top = 10, CurrentMatterId = question.After }, cancellationToken).ConfigureAwait(false);
            var took = Stopwatch.GetElapsedTime(started);
            latencies.Add(took.TotalMilliseconds);
            outcomes.Add(new Outcome(question, answer));
            content.Add(question, answer);
            details.Add(new EvalDetail(
                question.Question,
                answer.Decision.ToString().ToLowerInvariant(),
                answer.Matters.Take(3).Select(m => new EvalDetailMatter(m.MatterId, Math.Round(m.Score, 4), Math.Round(m.Confidence, 4))).ToList(),
                Math.Round(answer.Confidence, 4),
                answer.Reason)
            {
                Expected = question.Kind == EvalKind.Unlabelled ? null : question.MatterId ?? question.Kind.ToString().ToLowerInvariant(),
                Content = answer.ContentId,
                FollowUpOf = answer.Decision == Decision.Clarify ? answer.FollowUpOf?.Id : null,
                Offered = answer.Decision == Decision.Fallback && answer.Offered.Count > 0 ? [.. answer.Offered.Select(m => m.MatterId)] : null,
            });
            progress?.Report(details.Count);
            await rest(took, cancellationToken).ConfigureAwait(false);
        }

        var build = search.Build;
        var matters = outcomes.Where(o => o.Question.Kind == EvalKind.Matter).ToList();
        var report = new EvalReport(
            questions.Count,
            MatterScores(matters),
            new KindScore(Count(EvalKind.Oos), Rejected: Share(outcomes, EvalKind.Oos, o => o.Rejected)),
            new KindScore(Count(EvalKind.Human), Detected: Share(outcomes, EvalKind.Human, o => o.Answer.Decision == Decision.Human)),
            new KindScore(Count(EvalKind.Chitchat), Detected: Share(outcomes, EvalKind.Chitchat, o => o.Answer.Decision == Decision.Chitchat)),
            new Latency(Percentile(latencies, 0.50), Percentile(latencies, 0.99)),
            new IndexSummary(build.Matters, build.Faqs, build.Id))
        {
            AnsweredWrongOfAll = Group(outcomes).AnsweredWrongOfAll,
            OtherPlace = OtherPlace(outcomes.Where(o => o.Question.IsAboutOtherPlace).ToList()),
            ByKind = outcomes.SelectMany(o => o.Question.Tags.Select(t => (Tag: t, Outcome: o)))
                .GroupBy(p => p.Tag, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Group(g.Select(p => p.Outcome).ToList()), StringComparer.Ordinal),
            ByGroup = matters.GroupBy(o => GroupOf(o.Question.MatterId!), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Group(g.ToList()), StringComparer.Ordinal),
            Content = content.Scores(),
        };
        return (report, details);

        int Count(EvalKind kind) => outcomes.Count(o => o.Question.Kind == kind);
    }

    /// <summary>The matter group of a matter id: its prefix (<c>gjj-retire-withdraw</c> → <c>gjj</c>).</summary>
    public static string GroupOf(string matterId)
    {
        var dash = matterId.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? matterId[..dash] : matterId;
    }

    internal static double Fraction(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private static MatterScores MatterScores(List<Outcome> matters) =>
        new(
            matters.Count,
            Fraction(matters.Count(o => o.Rank == 1), matters.Count),
            Fraction(matters.Count(o => o.Rank is >= 1 and <= 3), matters.Count),
            matters.Count == 0 ? 0 : Math.Round(matters.Sum(o => o.Rank > 0 ? 1.0 / o.Rank : 0) / matters.Count, 4),
            Fraction(matters.Count(o => o.AnsweredRight), matters.Count),
            Fraction(matters.Count(o => o.AnsweredWrong), matters.Count),
            Fraction(matters.Count(o => o.Answer.Decision == Decision.Clarify), matters.Count),
            Fraction(matters.Count(o => o.Answer.Decision == Decision.Fallback), matters.Count))
        {
            Helped = Fraction(matters.Count(o => o.Helped), matters.Count),
        };

    private static GroupScores Group(List<Outcome> outcomes)
    {
        var matters = outcomes.Where(o => o.Question.Kind == EvalKind.Matter).ToList();
        var oos = outcomes.Where(o => o.Question.Kind == EvalKind.Oos).ToList();
        return new GroupScores(
            matters.Count,
            Fraction(matters.Count(o => o.AnsweredRight), matters.Count),
            Fraction(matters.Count(o => o.Helped), matters.Count),
            Fraction(matters.Count(o => o.Rank is >= 1 and <= 3), matters.Count),
            oos.Count,
            Fraction(oos.Count(o => o.Rejected), oos.Count),
            Fraction(matters.Count(o => o.AnsweredWrong) + oos.Count(o => o.Answer.Decision == Decision.Answer), matters.Count + oos.Count));
    }

    // An other-place question is handled when it is not answered with a Shanghai matter as if Shanghai's rules applied.
    private static KindScore OtherPlace(List<Outcome> outcomes) =>
        new(outcomes.Count, Rejected: Fraction(outcomes.Count(o => o.Answer.Decision != Decision.Answer || o.AnsweredRight), outcomes.Count));

    private static double Share(List<Outcome> outcomes, EvalKind kind, Func<Outcome, bool> good)
    {
        var subset = outcomes.Where(o => o.Question.Kind == kind).ToList();
        return Fraction(subset.Count(good), subset.Count);
    }

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

    private sealed record Outcome(EvalQuestion Question, KnowledgeAnswer Answer)
    {
        /// <summary>1-based rank of the expected matter among the ranked matters, 0 when absent.</summary>
        public int Rank { get; } = Answer.Matters.Select((m, i) => (m, i)).FirstOrDefault(x => x.m.MatterId == Question.MatterId, (null!, -1)).Item2 + 1;

        public bool AnsweredRight => Answer.Decision == Decision.Answer && Answer.Matter?.Id == Question.MatterId;

        public bool AnsweredWrong => Question.Kind == EvalKind.Matter && Answer.Decision == Decision.Answer && Answer.Matter?.Id != Question.MatterId;

        // What the person sees: the right answer, or the right matter among the buttons (a clarify's, or the closest
        // matters a fallback shows).
        // A follow-up's clarify offers the current matter first, beside the offered matters.
        public bool Helped => AnsweredRight || Answer.Offered.Any(m => m.MatterId == Question.MatterId)
            || (Answer.Decision == Decision.Clarify && Answer.FollowUpOf?.Id == Question.MatterId);

        public bool Rejected => Answer.Decision is Decision.Fallback or Decision.Human;
    }
}
