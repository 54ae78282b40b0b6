namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Who serves the queues: agents heard by their console's heartbeat or the agent API (kept with
/// <see cref="IHumanAgentPresence"/>, shared by the nodes), and their 忙碌 switch. An agent coming online or becoming
/// available gets waiting conversations. Singleton, thread-safe.
/// </summary>
public sealed partial class HandoffPresence(
    HandoffCopies copies,
    HandoffAssignment assignment,
    HumanAgentRoster roster,
    IHumanAgentPresence presence,
    TimeProvider time,
    ILogger<HandoffPresence> logger)
{
    /// <summary>
    /// The agent's console (its heartbeat) or agent-API client was heard: they are online until they have not been heard
    /// for <see cref="HandoffOptions.PresenceTimeoutSeconds"/>. Coming online (not heard within that time on any node),
    /// they get waiting conversations.
    /// </summary>
    public async Task HeardAsync(HumanAgent agent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cameOnline = !roster.IsOnline(agent.Id, now);
        presence.Heard(agent.Id, now);

        // An account this node has not read yet (made on another node, or since the last read) is read now.
        if (roster.Find(agent.Id) is null)
        {
            roster.Forget();
        }

        await roster.AllAsync(cancellationToken);

        if (!cameOnline)
        {
            return;
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
        copies.Notify(null, HandoffChangeKind.Presence);
        await assignment.AssignAndAnnounceAsync(cancellationToken);
    }

    /// <summary>False when the agent switched to busy (忙碌), on whichever node.</summary>
    public async Task<bool> IsAvailableAsync(string humanAgentId) => !(await presence.BusyAsync()).Contains(humanAgentId);

    /// <summary>
    /// True when someone of <paramref name="agentGroup"/> is online now, heard on any node, so a person may be told so
    /// (the accounts as last read: the dialog cannot wait for a read).
    /// </summary>
    public bool IsStaffed(string agentGroup) => roster.Online(time.GetUtcNow()).Any(a => a.GroupList.Contains(agentGroup));

    [LoggerMessage(Level = LogLevel.Information, Message = "Human agent {HumanAgentId} is online")]
    private partial void LogOnline(string humanAgentId);
}
