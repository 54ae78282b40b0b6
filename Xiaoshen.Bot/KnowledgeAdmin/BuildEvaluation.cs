namespace Xiaoshen.Bot.KnowledgeAdmin;

/// <summary>
/// One index build's figures on one evaluation set, measured when the build started serving, so the knowledge page can
/// put each build next to the one before it. Fractions are 0–1 over the set's matter (or out-of-scope) questions.
/// </summary>
public sealed class BuildEvaluation
{
    private BuildEvaluation()
    {
    }

    public string BuildId { get; private set; } = string.Empty;

    /// <summary>The set's file, relative to the content folder (<c>eval/dev.jsonl</c>).</summary>
    public string Set { get; private set; } = string.Empty;

    public DateTimeOffset At { get; private set; }

    public int Questions { get; private set; }

    public double AnsweredCorrect { get; private set; }

    public double AnsweredWrong { get; private set; }

    public double Fallback { get; private set; }

    public double Top3 { get; private set; }

    public double OosRejected { get; private set; }

    public double AnsweredWrongOfAll { get; private set; }

    /// <summary>How long the evaluation took, in milliseconds.</summary>
    public long ElapsedMs { get; private set; }

    public static BuildEvaluation Of(string buildId, string set, DateTimeOffset at, Xiaoshen.Knowledge.Evaluation.EvalReport report, long elapsedMs) => new()
    {
        BuildId = buildId,
        Set = set,
        At = at,
        Questions = report.Questions,
        AnsweredCorrect = report.Matter.AnsweredCorrect,
        AnsweredWrong = report.Matter.AnsweredWrong,
        Fallback = report.Matter.Fallback,
        Top3 = report.Matter.Top3,
        OosRejected = report.Oos.Rejected ?? 0,
        AnsweredWrongOfAll = report.AnsweredWrongOfAll,
        ElapsedMs = elapsedMs,
    };
}
