using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// One stay of a conversation in one department's hands: from queueing to the end, with the first-response time, the
/// outcome and the rating, for the reports (human resolution rate, first response within 60 s) per department.
/// A transfer ends one session and starts another.
/// </summary>
public sealed class HandoffSession
{
    private HandoffSession()
    {
    }

    public Guid Id { get; private set; }

    public Guid ConversationId { get; private set; }

    public string Channel { get; private set; } = string.Empty;

    public string DepartmentId { get; private set; } = string.Empty;

    public string AgentGroup { get; private set; } = string.Empty;

    public string? MatterId { get; private set; }

    public HandoffReason Reason { get; private set; }

    /// <summary>The note left by the agent who transferred the conversation here.</summary>
    public string? TransferNote { get; private set; }

    /// <summary>What the bot had found: its candidate matters and their confidence, as JSON.</summary>
    public string? CandidatesJson { get; private set; }

    public DateTimeOffset QueuedAt { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    public string? HumanAgentId { get; private set; }

    /// <summary>The agent's first message; first response = this − <see cref="QueuedAt"/>.</summary>
    public DateTimeOffset? FirstResponseAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public HandoffOutcome? Outcome { get; private set; }

    public ServiceRating? Rating { get; private set; }

    public string? RatingComment { get; private set; }

    /// <summary>How many levels the person was offered: 5 (GB/T 39734-2020), or 3 for ratings given before it.</summary>
    public int? RatingScale { get; private set; }

    public DateTimeOffset? RatedAt { get; private set; }

    public TimeSpan? FirstResponse => FirstResponseAt - QueuedAt;

    public static HandoffSession Open(Conversation conversation, Routing routing, string? candidatesJson, string? transferNote, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ConversationId = conversation.Id,
        Channel = conversation.Channel,
        DepartmentId = routing.DepartmentId,
        AgentGroup = routing.AgentGroup,
        MatterId = routing.MatterId,
        Reason = routing.Reason,
        CandidatesJson = candidatesJson,
        TransferNote = transferNote,
        QueuedAt = now,
    };

    public void Escalate(DateTimeOffset now) => EscalatedAt ??= now;

    public void Assign(string humanAgentId, DateTimeOffset now)
    {
        HumanAgentId = humanAgentId;
        AssignedAt ??= now;
    }

    /// <summary>The agent was lost (disconnected): the session waits again, its first-response clock still running.</summary>
    public void Unassign() => HumanAgentId = null;

    public void Responded(DateTimeOffset now) => FirstResponseAt ??= now;

    public void End(HandoffOutcome outcome, DateTimeOffset now)
    {
        Outcome ??= outcome;
        EndedAt ??= now;
    }

    /// <summary>The person rates the service; once only (false when already rated).</summary>
    public bool Rate(ServiceRating rating, string? comment, DateTimeOffset now)
    {
        if (Rating is not null)
        {
            return false;
        }

        Rating = rating;
        RatingComment = comment;
        RatingScale = RatingLevels.Count;
        RatedAt = now;
        return true;
    }

    /// <summary>A comment sent after the rating, when none came with it.</summary>
    public void Commented(string comment) => RatingComment ??= comment;
}
