using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Automatic assignment (<see cref="HandoffOptions.Assignment"/> = Auto): one pass gives waiting conversations, queued on
/// any node, to the agents online and available on any node (<see cref="HumanAgentRoster"/>), and then tells each person
/// who took theirs.
/// Every place that may free a seat or bring a conversation runs it: queueing, a transfer, an agent coming online or
/// becoming available, the clock. Singleton, thread-safe.
/// </summary>
public sealed class HandoffAssignment(
    HandoffCopies copies,
    HandoffClaims claims,
    HandoffAvailability availability,
    HandoffNotices notices,
    ConversationStore conversations,
    HumanAgentRoster roster,
    IHumanAgentPresence presence,
    IOptionsMonitor<HandoffOptions> options,
    IOptionsMonitor<HandoffMessages> messages,
    TimeProvider time)
{
    /// <summary>One pass, and the people told (see <see cref="AssignWaitingAsync"/>, <see cref="AnnounceAsync"/>).</summary>
    internal async Task AssignAndAnnounceAsync(CancellationToken cancellationToken) =>
        await AnnounceAsync(await AssignWaitingAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Gives waiting conversations, queued on any node, to the accounts heard on any node and available (the console's
    /// 忙碌 switch is kept with the presence), least busy first, then least recently given one: the database decides, counts
    /// each agent's chats and knows when they last got one (<see cref="HandoffClaims.AssignWaitingAsync"/>), so a conversation is given once and nobody passes their limit
    /// however many nodes assign at once. Returns this node's copies of the conversations it gave; nobody is told yet.
    /// </summary>
    internal async Task<List<HandoffCopy>> AssignWaitingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (options.CurrentValue.Assignment != AssignmentMode.Auto)
        {
            return [];
        }

        var busy = await presence.BusyAsync();
        var agents = (await roster.OnlineAsync(now, cancellationToken))
            .Where(a => !busy.Contains(a.Id))
            .Select(a => new HumanAgentSnapshot(a.Id, a.GroupList, true, 0, a.MaxActiveChats, null))
            .ToList();

        if (agents.Count == 0)
        {
            return [];
        }

        var assigned = new List<HandoffCopy>();
        foreach (var (waiting, given) in await claims.AssignWaitingAsync(agents, Choose, now, cancellationToken))
        {
            if (await TakeGivenAsync(waiting, given, now, cancellationToken) is { } live)
            {
                assigned.Add(live);
            }
        }

        return assigned;
    }

    /// <summary>Outside the lock: tells each person who took their conversation, and the consoles.</summary>
    internal async Task AnnounceAsync(List<HandoffCopy> assigned, CancellationToken cancellationToken)
    {
        foreach (var live in assigned)
        {
            string text;
            lock (copies.Gate)
            {
                text = notices.Introduce(messages.CurrentValue.Accepted, live, live.Conversation.HumanAgentId ?? string.Empty);
            }

            await notices.TellAsync(live.Conversation, text, [], cancellationToken);
            copies.Notify(live.Conversation.Id, HandoffChangeKind.Assigned);
        }
    }

    // The agent for a waiting row: of its department's group, or of the backup group once escalated.
    private string? Choose(HandoffSession row, IReadOnlyList<HumanAgentSnapshot> agents) =>
        availability.FindDepartment(row.DepartmentId) is not { } department
            ? null
            : AssignmentPolicy.Choose(agents, department.AgentGroup)
                ?? (row.EscalatedAt is not null && HandoffAvailability.Route(department, row.MatterId, row.Reason).BackupGroup is { } backup ? AssignmentPolicy.Choose(agents, backup) : null);

    // A row this node gave to an agent: its copy (taken up from the row when another node queued it) takes the stored
    // row, and the conversation moves to the agent, recorded here, where the change was made.
    private async Task<HandoffCopy?> TakeGivenAsync(HandoffSession waiting, HandoffSession given, DateTimeOffset now, CancellationToken cancellationToken)
    {
        HandoffCopy? held;
        lock (copies.Gate)
        {
            held = copies.Find(waiting.ConversationId);
        }

        var conversation = held is not null && held.Session.Id == waiting.Id ? held.Conversation : await conversations.ReadAsync(waiting.ConversationId, cancellationToken);
        if (conversation is null || availability.FindDepartment(given.DepartmentId) is not { } department)
        {
            return null;
        }

        HandoffCopy live;
        lock (copies.Gate)
        {
            if (copies.Find(conversation.Id) is not { } current || current.Session.Id != given.Id)
            {
                current = new HandoffCopy(conversation, waiting, HandoffAvailability.Route(department, waiting.MatterId, waiting.Reason), copies.NextOrder());
                copies.Put(current);
            }

            live = current;
            live.Conversation.Follow(ConversationStatus.AwaitingHuman, given.DepartmentId, null, now);
            live.Took(given);
            copies.Took(live, given.HumanAgentId!, now);
        }

        conversations.Pin(live.Conversation);
        conversations.Save(live.Conversation);
        return live;
    }
}
