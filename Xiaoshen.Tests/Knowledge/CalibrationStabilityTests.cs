using Xiaoshen.Knowledge.Evaluation;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>
/// Issue 12: every build retrains the models and chooses the thresholds on the dev sets, so a few more or fewer dev lines
/// must not change what many users are told. Leaving one real-dev line in ten out of training may change only a small
/// share of the decisions (answer, clarify or fall back, and which matter) on the dev questions.
/// </summary>
public sealed class CalibrationStabilityTests
{
    // Measured on main (docs/quality.md, "Stability"): a tenth of real-dev left out changes 54-66 of 1735 decisions (3.1-3.8 %)
    // on dev + holdout + holdout2, and 44 of 1424 (3.1 %) here on dev + real-dev. The bound, about twice that, fails a
    // change that makes the decision swing more; lower it as the decision gets steadier.
    private const double MostChangedShare = 0.06;

    [Fact]
    public async Task LeavingATenthOfTheRealLinesOutChangesFewDecisions()
    {
        using var full = new TestKnowledgeBase(TestKnowledgeBase.RepositorySource);
        using var fewer = new TestKnowledgeBase(TestKnowledgeBase.RepositorySource);
        var lines = File.ReadAllLines(fewer.PathOf("eval/real-dev.jsonl"));
        fewer.Write("eval/real-dev.jsonl", string.Join('\n', lines.Where((_, i) => i % 10 != 3)) + "\n");
        var questions = (await EvalQuestionReader.ReadAsync(full.PathOf("eval/dev.jsonl")))
            .Concat(await EvalQuestionReader.ReadAsync(full.PathOf("eval/real-dev.jsonl")))
            .Select(q => q.Question)
            .ToList();

        var before = await DecideAllAsync(full, questions);
        var after = await DecideAllAsync(fewer, questions);

        var changed = questions.Where((_, i) => before[i] != after[i]).ToList();
        Assert.True(
            changed.Count <= MostChangedShare * questions.Count,
            $"{changed.Count} of {questions.Count} decisions changed, e.g. {string.Join("; ", changed.Take(10))}");
    }

    private static async Task<List<string>> DecideAllAsync(TestKnowledgeBase content, List<string> questions)
    {
        var (search, indexer) = KnowledgeFixture.Create(content);
        using (search)
        {
            var result = await indexer.RefreshAsync();
            Assert.True(result.IsValid, string.Join('\n', result.Errors));
            var decisions = new List<string>(questions.Count);
            foreach (var question in questions)
            {
                var answer = await search.AskAsync(question);
                // What the person sees: the matter answered or offered first; a fallback is the same whatever ranked first.
                decisions.Add(answer.Decision is Decision.Answer or Decision.Clarify ? $"{answer.Decision} {answer.Matters.FirstOrDefault()?.MatterId}" : $"{answer.Decision}");
            }

            return decisions;
        }
    }
}
