namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Who serves the queues: agents heard by their console's heartbeat or the agent API (kept with
/// <see cref="IHumanAgentPresence"/>, shared by the nodes), and their 忙碌 switch. An agent coming online or becoming
/// available gets waiting conversations. Singleton, thread-safe.
/// </summary>
public sealed partial class HandoffPresence(
    HandoffCopies copies,
    HandoffAssignment assignment,
    IHumanAgentPresence presence,
    TimeProvider time,
    ILogger<HandoffPresence> logger)
{
    /// <summary>
    /// The agent's console (its heartbeat) or agent-API client was heard: they are online until they have not been heard
    /// for <see cref="HandoffOptions.PresenceTimeoutSeconds"/>. Coming online, they get waiting conversations.
    /// </summary>
    public async Task HeardAsync(HumanAgent agent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        presence.Heard(agent.Id, now);
        lock (copies.Gate)
        {
            var state = copies.StateOf(agent);
            state.Agent = agent;
            if (state.Online)
            {
                return;
            }

            state.Online = true;
        }

        LogOnline(agent.Id);
        copies.Notify(null, HandoffChangeKind.Presence);
        await assignment.AssignAndAnnounceAsync(cancellationToken);
    }

    /// <summary>
    /// Available agents get conversations assigned automatically; busy ones keep theirs but get no new ones, from any node
    /// (the switch is kept with the presence, <see cref="IHumanAgentPresence.SetAvailableAsync"/>).
    /// </summary>
    public async Task SetAvailableAsync(string humanAgentId, bool available, CancellationToken cancellationToken)
    {
        await presence.SetAvailableAsync(humanAgentId, available);
        bool known;
        lock (copies.Gate)
        {
            known = copies.Agent(humanAgentId) is not null;
        }

        copies.Notify(null, HandoffChangeKind.Presence);
        if (known)
        {
            await assignment.AssignAndAnnounceAsync(cancellationToken);
        }
    }

    /// <summary>False when the agent switched to busy (忙碌), on whichever node.</summary>
    public async Task<bool> IsAvailableAsync(string humanAgentId) => !(await presence.BusyAsync()).Contains(humanAgentId);

    /// <summary>True when someone of <paramref name="agentGroup"/> is online now, so a person may be told so.</summary>
    public bool IsStaffed(string agentGroup)
    {
        var now = time.GetUtcNow();
        lock (copies.Gate)
        {
            return copies.Online(agentGroup, now).Any();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Human agent {HumanAgentId} is online")]
    private partial void LogOnline(string humanAgentId);
}
