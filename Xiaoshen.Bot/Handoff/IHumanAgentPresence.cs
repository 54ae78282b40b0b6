namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// When each human agent was last heard from: a heartbeat of an open console, a request of an agent-API client. An agent
/// counts as online while heard within <see cref="HandoffOptions.PresenceTimeoutSeconds"/>, so a closed browser or a lost
/// network ends their presence by itself. Kept in memory on one node for now; several nodes share it through Redis
/// (the multi-node issue). Implementations are thread-safe.
/// </summary>
public interface IHumanAgentPresence
{
    /// <summary>Records that the agent was heard at <paramref name="at"/> (an earlier time than the last one known is ignored).</summary>
    void Heard(string humanAgentId, DateTimeOffset at);

    /// <summary>When the agent was last heard, or null when never.</summary>
    DateTimeOffset? LastHeard(string humanAgentId);

    /// <summary>Every agent heard at or after <paramref name="since"/>, with when they were last heard.</summary>
    IReadOnlyDictionary<string, DateTimeOffset> HeardSince(DateTimeOffset since);
}
