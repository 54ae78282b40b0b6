using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.KnowledgeAdmin;

/// <summary>Who may use the knowledge endpoints besides signed-in staff, and what the knowledge page shows editors.</summary>
public sealed class KnowledgeAdminOptions
{
    public const string SectionName = "KnowledgeAdmin";

    /// <summary>
    /// Let anyone call <c>/api/knowledge/ask</c> outside Development and Testing (where it is always open). Off by
    /// default: it runs a full search per call and shows the decision's internals.
    /// </summary>
    public bool AnonymousAsk { get; set; }

    /// <summary>How far back the knowledge page looks for unanswered questions, in days.</summary>
    [Range(1, 366)]
    public int UnansweredDays { get; set; } = 30;

    /// <summary>At most this many fallbacks, 没帮助 ratings and handoffs each are read for the page.</summary>
    [Range(10, 20_000)]
    public int MaxUnanswered { get; set; } = 2000;

    /// <summary>
    /// Evaluate every build that starts serving on <see cref="EvaluationSets"/> and keep the figures for the page's build
    /// report. Runs in the background, one question at a time, after the swap.
    /// </summary>
    public bool EvaluateBuilds { get; set; } = true;

    /// <summary>Evaluation sets (relative to the content folder) measured for each build; missing files are skipped.</summary>
    [MinLength(1)]
    public string[] EvaluationSets { get; set; } = ["eval/dev.jsonl", "eval/holdout.jsonl", "eval/holdout2.jsonl", "eval/holdout3.jsonl"];

    /// <summary>
    /// The share of one core the build report's measurement may use (it rests between questions): measuring a build
    /// (about two thousand questions, some ten seconds of one core) must not slow the answers of the node that serves
    /// it. 1 measures at full speed.
    /// </summary>
    [Range(0.05, 1.0)]
    public double EvaluationShare { get; set; } = 0.25;

    /// <summary>How often the build report checks whether a new build serves, in seconds.</summary>
    [Range(1, 3600)]
    public int EvaluationPollSeconds { get; set; } = 5;
}
