using System.Text.Json;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Knowledge.Evaluation;

/// <summary>Counts section-level results for <see cref="ContentScores"/>; kept apart from the matter tally.</summary>
internal sealed class ContentTally
{
    private int _count, _rightMatter, _rightContent, _overview;

    /// <summary>Reads the optional <c>"answer"</c> label: one id or a list of ids (<c>matter#3</c>, <c>matter/Materials</c>, <c>matter/overview</c>).</summary>
    /// <exception cref="EvalInputException">The label is neither a string nor a list of strings.</exception>
    public static IReadOnlyList<string> ReadLabels(JsonElement line, string file, int number)
    {
        if (!line.TryGetProperty("answer", out var answer) || answer.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var labels = answer.ValueKind switch
        {
            JsonValueKind.String => new List<string> { answer.GetString()! },
            JsonValueKind.Array when answer.EnumerateArray().All(a => a.ValueKind == JsonValueKind.String) => answer.EnumerateArray().Select(a => a.GetString()!).ToList(),
            _ => throw new EvalInputException($"{file}:{number}: \"answer\" must be an id or a list of ids (matter#3, matter/Materials, matter/overview)"),
        };
        return labels.Count > 0 && labels.All(l => l.Contains('#', StringComparison.Ordinal) || l.Contains('/', StringComparison.Ordinal))
            ? labels
            : throw new EvalInputException($"{file}:{number}: \"answer\" ids look like matter#3, matter/Materials or matter/overview");
    }

    public void Add(EvalQuestion question, KnowledgeAnswer answer)
    {
        if (question.Answers.Count == 0)
        {
            return;
        }

        _count++;
        if (answer.Decision != Decision.Answer || answer.Matter?.Id != question.MatterId)
        {
            return;
        }

        _rightMatter++;
        _overview += answer.IsOverview ? 1 : 0;
        _rightContent += question.Answers.Contains(answer.ContentId, StringComparer.Ordinal) ? 1 : 0;
    }

    /// <summary>The scores, or null when no question carried a label (the report then has no <c>content</c> entry).</summary>
    public ContentScores? Scores() => _count == 0 ? null : new ContentScores(
        _count,
        EvalRunner.Fraction(_rightMatter, _count),
        EvalRunner.Fraction(_rightContent, _count),
        EvalRunner.Fraction(_rightContent, _rightMatter),
        EvalRunner.Fraction(_overview, _rightMatter));
}
