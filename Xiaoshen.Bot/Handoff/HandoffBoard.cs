using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// What the consoles show of the handoff. The queue lists are read from the open <see cref="HandoffSession"/> rows, so a
/// conversation queued on any node is listed on every node. A row this node holds is shown from its copy when the copy is
/// at the row's version or newer (the same state, at most fresher), in the order it was queued here; otherwise (another
/// node changed the row since, e.g. gave it to an agent) from the row's own columns; rows of other nodes follow those
/// queued at the same instant. The agents listed are the accounts (<see cref="HumanAgentRoster"/>), with presence and
/// chats from every node, so every node shows the same. Singleton and thread-safe.
/// </summary>
public sealed class HandoffBoard(
    HandoffClaims rows,
    HandoffCopies copies,
    HandoffAvailability availability,
    HumanAgentRoster roster,
    IHumanAgentPresence presence,
    IOptionsMonitor<HandoffOptions> options,
    TimeProvider time)
{
    /// <summary>Waiting conversations the agent may take (their groups, backup groups once escalated; all for supervisors).</summary>
    public async Task<IReadOnlyList<HandoffView>> WaitingAsync(HumanAgent agent, CancellationToken cancellationToken) =>
        Views(await rows.OpenRowsAsync(s => s.HumanAgentId == null, cancellationToken))
            .Where(v => v.Status == ConversationStatus.AwaitingHuman && HandoffCopies.MaySee(agent, v.Routing, v.EscalatedAt))
            .ToList();

    /// <summary>Conversations the agent is answering.</summary>
    public async Task<IReadOnlyList<HandoffView>> AssignedToAsync(string humanAgentId, CancellationToken cancellationToken) =>
        Views(await rows.OpenRowsAsync(s => s.HumanAgentId == humanAgentId, cancellationToken))
            .Where(v => v.HumanAgentId == humanAgentId)
            .OrderBy(v => v.AssignedAt)
            .ToList();

    /// <summary>Every conversation in human hands, on any node (the supervisor board), in queue order.</summary>
    public async Task<IReadOnlyList<HandoffView>> AllAsync(CancellationToken cancellationToken) =>
        Views(await rows.OpenRowsAsync(_ => true, cancellationToken)).ToList();

    /// <summary>
    /// The conversation in human hands: this node's copy when it holds one (brought up to the row by every command and
    /// timer acting on it here), else as its open row says, whichever node queued or changed it; null when no row is
    /// open. Only reads: this node takes nothing up.
    /// </summary>
    public async Task<HandoffView?> FindAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        // The copy answers without a read (live help asks at every change), and holds this node's writes still behind.
        lock (copies.Gate)
        {
            if (copies.Find(conversationId) is { } live)
            {
                return copies.View(live);
            }
        }

        return Views(await rows.OpenRowsAsync(s => s.ConversationId == conversationId, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// The conversation in human hands as its open row says now, taken up by this node when another node queued or
    /// changed it, with whether <paramref name="agent"/> may read it; null when no row is open.
    /// </summary>
    public async Task<(HandoffView View, bool MayRead)?> ReadableAsync(Guid conversationId, HumanAgent agent, CancellationToken cancellationToken)
    {
        var live = await copies.CurrentAsync(conversationId, null, cancellationToken);
        lock (copies.Gate)
        {
            return live is null ? null : (copies.View(live), HandoffCopies.MayAct(agent, live));
        }
    }

    /// <summary>
    /// The agent accounts (and any other account with open chats, e.g. a supervisor who took one), with whether they are
    /// heard on any node and their open chats on every node as the rows say.
    /// </summary>
    public async Task<IReadOnlyList<HumanAgentStatus>> AgentsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var busy = await presence.BusyAsync();
        var accounts = await roster.AllAsync(cancellationToken);
        var active = await rows.ActiveChatsAsync(accounts.Select(a => a.Id).ToList(), cancellationToken);
        return accounts.Where(a => a.RoleList.Contains(HumanAgent.AgentRole) || active.ContainsKey(a.Id))
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new HumanAgentStatus(a.Id, a.DisplayName, a.GroupList, roster.IsOnline(a.Id, now), !busy.Contains(a.Id), active.GetValueOrDefault(a.Id), a.MaxActiveChats))
            .ToList();
    }

    /// <summary>The agent's display name as their account was last read (on any node); else the id.</summary>
    public string AgentName(string humanAgentId) => roster.NameOf(humanAgentId);

    /// <summary>True when the conversation waited longer than the first-response promise without an agent's message.</summary>
    public bool IsBreaching(HandoffView view) =>
        view.FirstResponseAt is null && time.GetUtcNow() - view.QueuedAt > TimeSpan.FromSeconds(options.CurrentValue.FirstResponseSeconds);

    private IEnumerable<HandoffView> Views(List<HandoffSession> open)
    {
        Dictionary<Guid, (HandoffView View, long Order, long Version)> held;
        lock (copies.Gate)
        {
            held = copies.All.ToDictionary(l => l.Conversation.Id, l => (copies.View(l), l.Order, l.Session.Version));
        }

        return open
            .Select(row => held.TryGetValue(row.ConversationId, out var mine) && mine.View.SessionId == row.Id && mine.Version >= row.Version
                ? (mine.View, mine.Order)
                : (View: View(row), Order: long.MaxValue))
            .Where(v => v.View is not null)
            .OrderBy(v => v.View!.QueuedAt)
            .ThenBy(v => v.Order)
            .Select(v => v.View!);
    }

    // A row queued on another node, as its own columns say; null when its department is no longer configured.
    private HandoffView? View(HandoffSession row) => availability.FindDepartment(row.DepartmentId) is { } department
        ? new HandoffView(
            row.ConversationId,
            row.Id,
            row.Channel,
            HandoffAvailability.Route(department, row.MatterId, row.Reason),
            row.HumanAgentId is null ? ConversationStatus.AwaitingHuman : ConversationStatus.WithHuman,
            row.QueuedAt,
            row.AssignedAt,
            row.HumanAgentId,
            row.FirstResponseAt,
            row.EscalatedAt,
            row.TransferNote,
            row.CandidatesJson,
            row.LastPersonAt,
            row.PersonMessagesUnseen)
        : null;
}
