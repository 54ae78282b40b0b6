using System.Text.Json.Serialization;

namespace Xiaoshen.Knowledge.Evaluation;

/// <summary>The evaluation report; its JSON shape is a contract other people's scripts parse (fields are only ever added).</summary>
public sealed record EvalReport(
    [property: JsonPropertyName("questions")] int Questions,
    [property: JsonPropertyName("matter")] MatterScores Matter,
    [property: JsonPropertyName("oos")] KindScore Oos,
    [property: JsonPropertyName("human")] KindScore Human,
    [property: JsonPropertyName("chitchat")] KindScore Chitchat,
    [property: JsonPropertyName("latency_ms")] Latency LatencyMs,
    [property: JsonPropertyName("index")] IndexSummary Index)
{
    /// <summary>Wrong answers over all matter and out-of-scope questions: a wrong matter, or an out-of-scope question answered.</summary>
    [JsonPropertyName("answered_wrong_of_all")]
    public double AnsweredWrongOfAll { get; init; }

    /// <summary>Questions tagged <c>other-place</c>: share not answered with Shanghai's rules as if they applied there.</summary>
    [JsonPropertyName("other_place")]
    public KindScore OtherPlace { get; init; } = new(0);

    /// <summary>The same figures per tag of the question lines (other-place, not-in-catalogue, everyday, contrast, typo, short).</summary>
    [JsonPropertyName("by_kind")]
    public IReadOnlyDictionary<string, GroupScores> ByKind { get; init; } = new Dictionary<string, GroupScores>();

    /// <summary>The same figures per matter group (the prefix of the expected matter id: gjj, sb, yb…).</summary>
    [JsonPropertyName("by_group")]
    public IReadOnlyDictionary<string, GroupScores> ByGroup { get; init; } = new Dictionary<string, GroupScores>();

    /// <summary>Section-level scores, when the file labels the paragraphs that answer its questions; otherwise absent.</summary>
    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ContentScores? Content { get; init; }
}

/// <summary>Scores over questions of kind matter; fractions in [0,1].</summary>
public sealed record MatterScores(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("top1")] double Top1,
    [property: JsonPropertyName("top3")] double Top3,
    [property: JsonPropertyName("mrr")] double Mrr,
    [property: JsonPropertyName("answered_correct")] double AnsweredCorrect,
    [property: JsonPropertyName("answered_wrong")] double AnsweredWrong,
    [property: JsonPropertyName("clarified")] double Clarified,
    [property: JsonPropertyName("fallback")] double Fallback)
{
    /// <summary>Answered with the right matter, or clarified with the right matter among the buttons.</summary>
    [JsonPropertyName("helped")]
    public double Helped { get; init; }
}

/// <summary>Count and the fraction handled right (oos: rejected; human and chitchat: detected; other place: not answered).</summary>
public sealed record KindScore(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("rejected")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Rejected = null,
    [property: JsonPropertyName("detected")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Detected = null);

/// <summary>Figures for a subset of the questions (a kind or a matter group).</summary>
/// <param name="Matter">Matter questions in the subset.</param>
/// <param name="AnsweredCorrect">Share of them answered with the right matter.</param>
/// <param name="Helped">Share answered right or clarified with the right matter among the buttons.</param>
/// <param name="Top3">Share with the right matter among the top three.</param>
/// <param name="Oos">Out-of-scope questions in the subset.</param>
/// <param name="Rejected">Share of those rejected (fallback or human).</param>
/// <param name="AnsweredWrongOfAll">Wrong answers (wrong matter or out-of-scope answered) over all of the subset's labelled questions.</param>
public sealed record GroupScores(
    [property: JsonPropertyName("matter")] int Matter,
    [property: JsonPropertyName("answered_correct")] double AnsweredCorrect,
    [property: JsonPropertyName("helped")] double Helped,
    [property: JsonPropertyName("top3")] double Top3,
    [property: JsonPropertyName("oos")] int Oos,
    [property: JsonPropertyName("rejected")] double Rejected,
    [property: JsonPropertyName("answered_wrong_of_all")] double AnsweredWrongOfAll);

/// <summary>Decision latency percentiles in milliseconds.</summary>
public sealed record Latency([property: JsonPropertyName("p50")] double P50, [property: JsonPropertyName("p99")] double P99);

/// <summary>The build evaluated.</summary>
public sealed record IndexSummary(
    [property: JsonPropertyName("matters")] int Matters,
    [property: JsonPropertyName("faqs")] int Faqs,
    [property: JsonPropertyName("build")] string Build);
