using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The person's side of the handoff, called from the turn: queueing a conversation, the person's messages while in human
/// hands, cancelling, the rating afterwards, and an external contact centre's reports. Each change of the open row is
/// stored before the answer (<see cref="HandoffCopies.ChangeAsync"/>). Singleton, thread-safe.
/// </summary>
public sealed partial class HandoffIntake(
    HandoffCopies copies,
    HandoffAssignment assignment,
    HandoffNotices notices,
    HandoffClaims claims,
    HandoffRatingReader ratings,
    ConversationStore conversations,
    IOptionsMonitor<HandoffMessages> messages,
    TimeProvider time,
    ILogger<HandoffIntake> logger)
{
    /// <summary>The agent id recorded when an external contact centre answers.</summary>
    public const string ExternalAgent = "external";

    private HandoffMessages M => messages.CurrentValue;

    /// <summary>
    /// Queues the conversation for its department's agents, assigning it at once when an agent is online and free (the
    /// automatic assignment's pass, which may give other waiting conversations too; see <see cref="HandoffAssignment"/>).
    /// Returns what to tell the person: who took it, or their place, the wait and whether anyone is there.
    /// </summary>
    public async Task<QueueResult> QueueAsync(Conversation conversation, Routing routing, string? candidatesJson, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        HandoffCopy live;
        lock (copies.Gate)
        {
            var transition = conversation.Queue(routing.DepartmentId, routing.Reason.ToString(), HandoffCopies.Person, now);
            live = copies.Open(conversation, HandoffSession.Open(conversation, routing, candidatesJson, null, now), routing);
            copies.Persist(transition);
        }

        conversations.Pin(conversation);
        conversations.Append(conversation, Turn.FromSystem(ConversationMessages.Fill(M.QueuedNote, ("Reason", M.ReasonNames.GetValueOrDefault(routing.Reason.ToString(), routing.Reason.ToString()))), now, "queued"));
        copies.Insert(live);
        LogQueued(conversation.Id, routing.DepartmentId, routing.Reason);
        var assigned = await assignment.AssignWaitingAsync(cancellationToken);
        var mine = assigned.Find(l => l.Conversation.Id == conversation.Id);
        QueueResult result;
        if (mine is not null)
        {
            lock (copies.Gate)
            {
                result = new QueueResult(notices.Introduce(M.Connected, mine, mine.Conversation.HumanAgentId ?? string.Empty), []);
            }
        }
        else
        {
            var (status, actions) = await notices.WaitingAsync(live, now, cancellationToken);
            result = new QueueResult(ConversationMessages.Fill(M.Queued, ("Department", routing.DepartmentName), ("Status", status)), actions);
        }

        copies.Notify(conversation.Id, mine is null ? HandoffChangeKind.Queued : HandoffChangeKind.Assigned);
        await assignment.AnnounceAsync(assigned.FindAll(l => l != mine), cancellationToken);
        return result;
    }

    /// <summary>
    /// Brings this node's copy of a conversation in human hands up to its stored row: an agent on another node may have
    /// taken, answered, transferred or closed it since this node last acted on it. Called before the person's message
    /// is relayed, with the conversation the turn holds, which follows the row.
    /// </summary>
    public async Task RefreshAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.IsWithHumans)
        {
            await copies.CurrentAsync(conversation.Id, conversation, cancellationToken);
        }
    }

    /// <summary>
    /// The person wrote while in human hands: the agent, on whichever node, sees it (the turn is already in the
    /// transcript); the row's unseen count and silence clock are stored before the answer. Returns the place in the queue.
    /// </summary>
    public async Task<int> PersonWroteAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var (_, live) = await copies.ChangeAsync(conversation.Id, conversation, (_, row) =>
        {
            row.PersonWrote(time.GetUtcNow());
            return HandoffProblem.None;
        }, cancellationToken);
        copies.Notify(conversation.Id, HandoffChangeKind.Message);
        return live is not null && live.Conversation.Status == ConversationStatus.AwaitingHuman ? await claims.AheadAsync(live.Session, cancellationToken) : 0;
    }

    /// <summary>The person stopped waiting: Xiaoshen answers again. False when no longer waiting.</summary>
    public async Task<bool> CancelAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (problem, live) = await copies.ChangeAsync(conversation.Id, conversation, (held, row) =>
        {
            if (held.Conversation.Status != ConversationStatus.AwaitingHuman)
            {
                return HandoffProblem.NotWaiting;
            }

            row.End(HandoffOutcome.Cancelled, now);
            return HandoffProblem.None;
        }, cancellationToken);
        if (problem != HandoffProblem.None || live is null)
        {
            return false;
        }

        lock (copies.Gate)
        {
            copies.Persist(conversation.ReturnToBot("cancelled", HandoffCopies.Person, now));
            copies.Drop(conversation.Id);
        }

        conversations.Unpin(conversation);
        conversations.Save(conversation);
        copies.Notify(conversation.Id, HandoffChangeKind.Ended);
        return true;
    }

    /// <summary>
    /// Reads a rating (one of the five levels, optionally followed by a comment) of the service just ended, on any node
    /// (see <see cref="HandoffRatingReader"/>), stores it and returns the conversation to Xiaoshen. False when the text is
    /// not a rating, or nothing waits for one; the conversation returns to Xiaoshen either way.
    /// </summary>
    public async Task<bool> RateAsync(Conversation conversation, string text, CancellationToken cancellationToken)
    {
        var (isRating, stored) = await ratings.ReadAsync(conversation.Id, text, cancellationToken);
        lock (copies.Gate)
        {
            if (conversation.Status == ConversationStatus.Resolved)
            {
                copies.Persist(conversation.ReturnToBot(isRating ? "rated" : "returned", HandoffCopies.Person, time.GetUtcNow()));
            }
        }

        conversations.Unpin(conversation);
        return stored;
    }

    /// <summary>
    /// An external contact centre reports on a handoff it took (Bot Framework <c>handoff.status</c>): accepted, completed
    /// or failed. Returns what to tell the person, or null.
    /// </summary>
    public async Task<string?> ExternalStatusAsync(Conversation conversation, string status, CancellationToken cancellationToken)
    {
        if (status is not ("accepted" or "completed" or "failed"))
        {
            return null;
        }

        // Decided on the row as stored, so the report is applied on whichever node receives it.
        var now = time.GetUtcNow();
        var (problem, live) = await copies.ChangeAsync(conversation.Id, conversation, (held, row) =>
        {
            switch (status)
            {
                case "accepted" when held.Conversation.Status != ConversationStatus.AwaitingHuman:
                    return HandoffProblem.NotWaiting;
                case "accepted":
                    row.Assign(ExternalAgent, now);
                    break;
                case "completed":
                    row.End(HandoffOutcome.External, now);
                    row.AskRating(now + HandoffCopies.RatingWindow);
                    break;
                default:
                    row.End(HandoffOutcome.NotResolved, now);
                    break;
            }

            return HandoffProblem.None;
        }, cancellationToken);
        if (problem != HandoffProblem.None || live is null)
        {
            return null;
        }

        string? tell = null;
        lock (copies.Gate)
        {
            switch (status)
            {
                case "accepted":
                    copies.Persist(live.Conversation.AssignTo(ExternalAgent, now));
                    break;
                case "completed":
                    copies.Ended(live, HandoffOutcome.External, ExternalAgent, now);
                    tell = M.ClosedRate;
                    break;
                default:
                    copies.Persist(live.Conversation.ReturnToBot("external-failed", ExternalAgent, now));
                    copies.Drop(conversation.Id);
                    tell = M.Cancelled;
                    break;
            }
        }

        if (status != "accepted")
        {
            conversations.Unpin(live.Conversation);
        }

        conversations.Save(live.Conversation);
        copies.Notify(conversation.Id, status == "accepted" ? HandoffChangeKind.Assigned : HandoffChangeKind.Ended);
        return tell;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} queued for {DepartmentId} ({Reason})")]
    private partial void LogQueued(Guid conversationId, string departmentId, HandoffReason reason);
}
