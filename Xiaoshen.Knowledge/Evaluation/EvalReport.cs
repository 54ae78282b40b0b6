using System.Text.Json.Serialization;

namespace Xiaoshen.Knowledge.Evaluation;

/// <summary>The evaluation report; its JSON shape is a contract other people's scripts parse.</summary>
public sealed record EvalReport(
    [property: JsonPropertyName("questions")] int Questions,
    [property: JsonPropertyName("matter")] MatterScores Matter,
    [property: JsonPropertyName("oos")] KindScore Oos,
    [property: JsonPropertyName("human")] KindScore Human,
    [property: JsonPropertyName("chitchat")] KindScore Chitchat,
    [property: JsonPropertyName("latency_ms")] Latency LatencyMs,
    [property: JsonPropertyName("index")] IndexSummary Index)
{
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
    [property: JsonPropertyName("fallback")] double Fallback);

/// <summary>Count and the fraction handled right (oos: rejected; human and chitchat: detected).</summary>
public sealed record KindScore(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("rejected")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Rejected = null,
    [property: JsonPropertyName("detected")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Detected = null);

/// <summary>Decision latency percentiles in milliseconds.</summary>
public sealed record Latency([property: JsonPropertyName("p50")] double P50, [property: JsonPropertyName("p99")] double P99);

/// <summary>The build evaluated.</summary>
public sealed record IndexSummary(
    [property: JsonPropertyName("matters")] int Matters,
    [property: JsonPropertyName("faqs")] int Faqs,
    [property: JsonPropertyName("build")] string Build);
