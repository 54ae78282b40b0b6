namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// What the queue lists show, read from the open <see cref="HandoffSession"/> rows, so a conversation queued on any node
/// is listed on every node. A row this node holds is shown from its copy when the copy is at the row's version or newer
/// (the same state, at most fresher), in the order it was queued here; otherwise (another node changed the row since,
/// e.g. gave it to an agent) from the row's own columns; rows of other nodes follow those queued at the same instant. Singleton and thread-safe.
/// </summary>
public sealed class HandoffBoard(HandoffClaims rows, HandoffService handoff, HandoffAvailability availability)
{
    /// <summary>Waiting conversations the agent may take (their groups, backup groups once escalated; all for supervisors).</summary>
    public async Task<IReadOnlyList<HandoffView>> WaitingAsync(HumanAgent agent, CancellationToken cancellationToken) =>
        Views(await rows.OpenRowsAsync(s => s.HumanAgentId == null, cancellationToken))
            .Where(v => v.Status == Conversations.ConversationStatus.AwaitingHuman && HandoffService.MaySee(agent, v.Routing, v.EscalatedAt))
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

    private IEnumerable<HandoffView> Views(List<HandoffSession> open)
    {
        var held = handoff.Held();
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
            row.HumanAgentId is null ? Conversations.ConversationStatus.AwaitingHuman : Conversations.ConversationStatus.WithHuman,
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
