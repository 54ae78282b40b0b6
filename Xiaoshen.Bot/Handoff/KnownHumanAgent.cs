namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// A human agent known to this node (signed in or heard here): conversations, and whether they were online at the last
/// look. Read and changed under <see cref="HandoffCopies.Gate"/>.
/// </summary>
internal sealed class KnownHumanAgent(HumanAgent agent)
{
    public HumanAgent Agent { get; set; } = agent;

    /// <summary>Online at the last heartbeat or tick; the truth is <see cref="IHumanAgentPresence"/> (this notices changes).</summary>
    public bool Online { get; set; }

    public DateTimeOffset? LastAssignedAt { get; set; }

    public HashSet<Guid> Active { get; } = [];
}
