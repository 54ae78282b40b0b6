using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// What the consoles show of the handoff. The queue lists are read from the open <see cref="HandoffSession"/> rows, so a
/// conversation queued on any node is listed on every node. A row this node holds is shown from its copy when the copy is
/// at the row's version or newer (the same state, at most fresher), in the order it was queued here; otherwise (another
/// node changed the row since, e.g. gave it to an agent) from the row's own columns; rows of other nodes follow those
/// queued at the same instant. The agents listed are those this node knows, with presence and chats from every node.
/// Singleton and thread-safe.
/// </summary>
public sealed class HandoffBoard(
    HandoffClaims rows,
    HandoffCopies copies,
    HandoffAvailability availability,
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

    /// <summary>Waiting conversations this node holds that the agent may take (their groups, and backup groups once escalated; all for supervisors).</summary>
    public IReadOnlyList<HandoffView> Waiting(HumanAgent agent)
    {
        lock (copies.Gate)
        {
            return copies.All.Where(l => l.Conversation.Status == ConversationStatus.AwaitingHuman && HandoffCopies.MaySee(agent, l))
                .OrderBy(l => l.Session.QueuedAt).Select(copies.View).ToList();
        }
    }

    /// <summary>Conversations this node holds that the agent is answering.</summary>
    public IReadOnlyList<HandoffView> AssignedTo(string humanAgentId)
    {
        lock (copies.Gate)
        {
            return copies.All.Where(l => l.Conversation.HumanAgentId == humanAgentId && l.Conversation.Status == ConversationStatus.WithHuman)
                .OrderBy(l => l.Session.AssignedAt).Select(copies.View).ToList();
        }
    }

    /// <summary>This node's copy of the conversation in human hands, as it is now; null when it holds none.</summary>
    public HandoffView? Find(Guid conversationId)
    {
        lock (copies.Gate)
        {
            return copies.Find(conversationId) is { } live ? copies.View(live) : null;
        }
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
    /// The agents this node knows (signed in or heard here), with whether they are heard on any node and their open
    /// chats on every node as the rows say.
    /// </summary>
    public async Task<IReadOnlyList<HumanAgentStatus>> AgentsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var busy = await presence.BusyAsync();
        List<HumanAgent> known;
        lock (copies.Gate)
        {
            known = [.. copies.Agents.Select(p => p.Agent).OrderBy(a => a.Id, StringComparer.Ordinal)];
        }

        var active = await rows.ActiveChatsAsync(known.ConvertAll(a => a.Id), cancellationToken);
        return known.ConvertAll(a => new HumanAgentStatus(a.Id, a.DisplayName, a.GroupList, copies.IsOnline(a.Id, now), !busy.Contains(a.Id), active.GetValueOrDefault(a.Id), a.MaxActiveChats));
    }

    /// <summary>The agent's display name, when this node knows them; else the id.</summary>
    public string AgentName(string humanAgentId)
    {
        lock (copies.Gate)
        {
            return copies.Agent(humanAgentId)?.Agent.DisplayName ?? humanAgentId;
        }
    }

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
