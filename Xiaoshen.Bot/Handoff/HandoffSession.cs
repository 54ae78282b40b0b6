using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// One stay of a conversation in one department's hands: from queueing to the end, with the first-response time, the
/// outcome and the rating, for the reports (human resolution rate, first response within 60 s) per department.
/// A transfer ends one session and starts another. While it is open (<see cref="EndedAt"/> null) the row is also the
/// conversation's entry in the handoff queue: who has it, when each side last wrote, what the agent has not read yet,
/// when the person was last told how the wait goes or reminded; every change raises <see cref="Version"/>.
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

    /// <summary>The person's last message (or the moment an agent took the conversation, which restarts the silence clock).</summary>
    public DateTimeOffset LastPersonAt { get; private set; }

    /// <summary>The agent's last message; null while no agent has written.</summary>
    public DateTimeOffset? LastAgentAt { get; private set; }

    /// <summary>When the person was last told how the wait goes (queued, a waiting update, an acknowledgement).</summary>
    public DateTimeOffset ToldAt { get; private set; }

    /// <summary>When a silent person was reminded that the conversation will close; null since they last wrote.</summary>
    public DateTimeOffset? RemindedAt { get; private set; }

    /// <summary>The person's messages the agent has not read yet.</summary>
    public int PersonMessagesUnseen { get; private set; }

    /// <summary>Until when the person's next message is read as a rating of the service just ended; null when none is asked.</summary>
    public DateTimeOffset? RatingOpenUntil { get; private set; }

    /// <summary>Until when the person's next message is asked for as the comment of a bad rating given without one; null when none is wanted.</summary>
    public DateTimeOffset? CommentWantedUntil { get; private set; }

    /// <summary>Raised by every change of the row, so a conditional update can tell whether it saw the latest state.</summary>
    public long Version { get; private set; }

    public TimeSpan? FirstResponse => FirstResponseAt - QueuedAt;

    /// <summary>A separate copy of the row, for a change that is stored only if a conditional update lets it.</summary>
    public HandoffSession Copy() => (HandoffSession)MemberwiseClone();

    public static HandoffSession Open(Conversation conversation, Routing routing, string? candidatesJson, string? transferNote, DateTimeOffset now) => new()
    {
        // Time-ordered (version 7, by the real clock: it is an identifier, not a moment of the handoff): conversations
        // queued at the same instant are served, and told their place, in the order they were queued.
        Id = Guid.CreateVersion7(),
        ConversationId = conversation.Id,
        Channel = conversation.Channel,
        DepartmentId = routing.DepartmentId,
        AgentGroup = routing.AgentGroup,
        MatterId = routing.MatterId,
        Reason = routing.Reason,
        CandidatesJson = candidatesJson,
        TransferNote = transferNote,
        QueuedAt = now,
        LastPersonAt = now,
        ToldAt = now,
    };

    public void Escalate(DateTimeOffset now)
    {
        EscalatedAt ??= now;
        Version++;
    }

    /// <summary>An agent takes the conversation; the person's silence is counted from now.</summary>
    public void Assign(string humanAgentId, DateTimeOffset now)
    {
        HumanAgentId = humanAgentId;
        AssignedAt ??= now;
        LastPersonAt = now;
        Version++;
    }

    /// <summary>The agent was lost (disconnected): the session waits again, its first-response clock still running.</summary>
    public void Unassign()
    {
        HumanAgentId = null;
        Version++;
    }

    /// <summary>The person wrote: the agent has one more message to read, and the acknowledgement tells the place.</summary>
    public void PersonWrote(DateTimeOffset now)
    {
        LastPersonAt = now;
        ToldAt = now;
        RemindedAt = null;
        PersonMessagesUnseen++;
        Version++;
    }

    /// <summary>The agent wrote to the person: the first response if it is one, and everything before it is read.</summary>
    public void AgentWrote(DateTimeOffset now)
    {
        FirstResponseAt ??= now;
        LastAgentAt = now;
        PersonMessagesUnseen = 0;
        Version++;
    }

    /// <summary>The agent has read the person's messages.</summary>
    public void Seen()
    {
        PersonMessagesUnseen = 0;
        Version++;
    }

    /// <summary>The person was told how the wait goes.</summary>
    public void Told(DateTimeOffset now)
    {
        ToldAt = now;
        Version++;
    }

    /// <summary>The silent person was reminded that the conversation will close.</summary>
    public void Reminded(DateTimeOffset now)
    {
        RemindedAt = now;
        Version++;
    }

    /// <summary>True when the agent answered last and the person has been silent since.</summary>
    public bool AwaitsPerson => LastAgentAt is { } agent && agent >= LastPersonAt;

    public void End(HandoffOutcome outcome, DateTimeOffset now)
    {
        Outcome ??= outcome;
        EndedAt ??= now;
        Version++;
    }

    /// <summary>The person is asked to rate the service; their next message until <paramref name="until"/> is read as a rating.</summary>
    public void AskRating(DateTimeOffset until)
    {
        RatingOpenUntil = until;
        Version++;
    }

    /// <summary>No rating is awaited any more: given, declined by talking of something else, or the window passed.</summary>
    public void StopAskingRating()
    {
        RatingOpenUntil = null;
        Version++;
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
        RatingOpenUntil = null;
        Version++;
        return true;
    }

    /// <summary>The person's next message until <paramref name="until"/> is asked for as the rating's comment.</summary>
    public void AskComment(DateTimeOffset until)
    {
        CommentWantedUntil = until;
        Version++;
    }

    /// <summary>A comment sent after the rating, when none came with it.</summary>
    public void Commented(string comment)
    {
        RatingComment ??= comment;
        CommentWantedUntil = null;
        Version++;
    }
}
