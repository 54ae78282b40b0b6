using System.Text.Json;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Everything a human (in our console or an external contact centre) needs to take over: where it is routed, what the
/// bot found and the transcript so far. Sent as the value of the Bot Framework <c>handoff.initiate</c> event.
/// </summary>
public sealed record HandoffContext(Guid ConversationId, string Channel, Routing Routing, IReadOnlyList<HandoffCandidate> Candidates, IReadOnlyList<TranscriptLine> Transcript)
{
    public static string? SerializeCandidates(IReadOnlyList<HandoffCandidate> candidates) =>
        candidates.Count == 0 ? null : JsonSerializer.Serialize(candidates);

    public static IReadOnlyList<HandoffCandidate> ParseCandidates(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<HandoffCandidate>>(json) ?? [];
}

/// <summary>A matter the bot considered, with its confidence (0–1).</summary>
public sealed record HandoffCandidate(string MatterId, string MatterName, double Confidence);

/// <summary>One line of the transcript handed over (text masked of personal numbers).</summary>
public sealed record TranscriptLine(string Role, string Text, DateTimeOffset At);
