using System.Text.Json.Serialization;

namespace Xiaoshen.Knowledge.Evaluation;

/// <summary>One line of <c>--details</c> output, for editors.</summary>
public sealed record EvalDetail(
    [property: JsonPropertyName("q")] string Q,
    [property: JsonPropertyName("decision")] string Decision,
    [property: JsonPropertyName("matters")] IReadOnlyList<EvalDetailMatter> Matters,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("reason")] string Reason)
{
    /// <summary>Expected kind (not part of the contract's required fields; helps editors filter).</summary>
    [JsonPropertyName("expected")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Expected { get; init; }

    /// <summary>The FAQ, section or overview answered (<c>matter#3</c>, <c>matter/Materials</c>, <c>matter/overview</c>), when the decision is an answer.</summary>
    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }

    /// <summary>The matter being read that a follow-up's clarify offers first, when it offers one.</summary>
    [JsonPropertyName("follow_up_of")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FollowUpOf { get; init; }

    /// <summary>The matters a fallback still shows as buttons (您可能想问下面这些事项), when it shows any.</summary>
    [JsonPropertyName("offered")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Offered { get; init; }
}

/// <summary>A ranked matter in a details line: its Lucene score and the fusion model's probability that it is the matter asked about.</summary>
public sealed record EvalDetailMatter(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("confidence")] double Confidence);
