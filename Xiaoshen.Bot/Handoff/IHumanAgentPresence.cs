namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// When each human agent was last heard from: a heartbeat of an open console, a request of an agent-API client. An agent
/// counts as online while heard within <see cref="HandoffOptions.PresenceTimeoutSeconds"/>, so a closed browser or a lost
/// network ends their presence by itself. Also the console's 忙碌 switch: a busy agent gets no automatic assignment.
/// Kept in memory on one node; several nodes share it through Redis (issue 13). Implementations are thread-safe.
/// </summary>
public interface IHumanAgentPresence
{
    /// <summary>Records that the agent was heard at <paramref name="at"/> (an earlier time than the last one known is ignored).</summary>
    void Heard(string humanAgentId, DateTimeOffset at);

    /// <summary>When the agent was last heard, or null when never.</summary>
    DateTimeOffset? LastHeard(string humanAgentId);

    /// <summary>
    /// When the agent was last heard, as the shared store says at this moment (with Redis, a round trip; while it is
    /// unreachable, what this node last read and heard). For decisions that must not act on a copy a moment old, such as
    /// taking an agent for gone.
    /// </summary>
    Task<DateTimeOffset?> LastHeardNowAsync(string humanAgentId);

    /// <summary>Every agent heard at or after <paramref name="since"/>, with when they were last heard.</summary>
    IReadOnlyDictionary<string, DateTimeOffset> HeardSince(DateTimeOffset since);

    /// <summary>The agent's 忙碌 switch: busy agents keep their conversations but get no new ones, whichever node assigns.</summary>
    Task SetAvailableAsync(string humanAgentId, bool available);

    /// <summary>The agents switched to busy, as known now (read once per use: with Redis, a round trip).</summary>
    Task<IReadOnlySet<string>> BusyAsync();
}
