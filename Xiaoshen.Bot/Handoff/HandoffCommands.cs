using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The agents' side of the handoff, from the console and the agent API: accept a waiting conversation, send, mark as
/// seen, transfer and close. Each command loads the open row, checks the agent may act, changes the row with the domain
/// methods of <see cref="HandoffSession"/> and stores it before answering (<see cref="HandoffCopies.ChangeAsync"/>).
/// Singleton, thread-safe.
/// </summary>
public sealed partial class HandoffCommands(
    HandoffCopies copies,
    HandoffAssignment assignment,
    HandoffNotices notices,
    HandoffClaims claims,
    HandoffAvailability availability,
    ConversationStore conversations,
    StorageWriter writer,
    ChannelDelivery delivery,
    IOptionsMonitor<HandoffMessages> messages,
    TimeProvider time,
    ILogger<HandoffCommands> logger)
{
    /// <summary>The longest message an agent may send at once (a turn's text holds 8000 characters).</summary>
    public const int MaxMessageLength = 4000;

    /// <summary>The outcomes an agent chooses from when closing (the others are recorded by the service itself).</summary>
    public static readonly IReadOnlyList<HandoffOutcome> AgentOutcomes = [HandoffOutcome.Resolved, HandoffOutcome.NotResolved, HandoffOutcome.Referred12345];

    private HandoffMessages M => messages.CurrentValue;

    /// <summary>
    /// An agent takes a waiting conversation from the queue, whichever node queued it: the database decides (a
    /// conditional claim of the open row, see <see cref="HandoffClaims"/>), so of two agents accepting at once on any
    /// nodes one gets it and the other <see cref="HandoffProblem.NotWaiting"/>.
    /// </summary>
    public async Task<HandoffProblem> AcceptAsync(Guid conversationId, HumanAgent agent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await copies.CurrentAsync(conversationId, null, cancellationToken) is not { } live)
        {
            return HandoffProblem.NotFound;
        }

        HandoffSession row;
        lock (copies.Gate)
        {
            if (live.Session.HumanAgentId is not null || live.Conversation.Status != ConversationStatus.AwaitingHuman)
            {
                return HandoffProblem.NotWaiting;
            }

            if (!HandoffCopies.MaySee(agent, live))
            {
                return HandoffProblem.NotInGroup;
            }

            row = live.Session.Copy();
            row.Assign(agent.Id, now);
        }

        if (!await claims.ClaimAsync(row, cancellationToken))
        {
            await copies.CurrentAsync(conversationId, null, cancellationToken);
            return HandoffProblem.NotWaiting;
        }

        lock (copies.Gate)
        {
            // Won in the database; this node's copy follows (it may have been taken up again meanwhile).
            if (copies.Find(conversationId) is { } held)
            {
                live = held;
            }
            else
            {
                copies.Put(live);
            }

            if (live.Conversation.Status == ConversationStatus.AwaitingHuman && live.Session.Id == row.Id)
            {
                live.Took(row);
                copies.Took(live, agent.Id, now);
            }
        }

        conversations.Pin(live.Conversation);
        copies.Save(live);
        await notices.TellAsync(live.Conversation, notices.Introduce(M.Accepted, live, agent.Id), [], cancellationToken);
        copies.Notify(conversationId, HandoffChangeKind.Assigned);
        return HandoffProblem.None;
    }

    /// <summary>An agent's message (text and files) to the person, delivered through the person's channel.</summary>
    public async Task<(HandoffProblem Problem, DeliveryResult? Delivery)> SendAsync(Guid conversationId, HumanAgent agent, string text, IReadOnlyList<TurnAttachment> attachments, IReadOnlyList<ReplyAttachment> files, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (problem, live) = await copies.ChangeAsync(conversationId, null, (held, row) =>
        {
            if (held.Conversation.Status != ConversationStatus.WithHuman || held.Conversation.HumanAgentId != agent.Id)
            {
                return HandoffProblem.NotYours;
            }

            if (string.IsNullOrWhiteSpace(text) && attachments.Count == 0)
            {
                return HandoffProblem.EmptyMessage;
            }

            if (text.Length > MaxMessageLength)
            {
                return HandoffProblem.MessageTooLong;
            }

            row.AgentWrote(now);
            return HandoffProblem.None;
        }, cancellationToken);
        if (problem != HandoffProblem.None || live is null)
        {
            return (problem, null);
        }

        conversations.Append(live.Conversation, Turn.FromAgent(agent.Id, text.Trim(), now, attachments));
        var result = await delivery.DeliverAsync(live.Conversation, [new OutboundReply(text.Trim()) { Attachments = files, SenderName = agent.DisplayName, SenderDepartment = availability.DepartmentNameOf(agent, live.Routing, M.DutyTeam) }], cancellationToken);
        copies.Notify(conversationId, HandoffChangeKind.Message);
        return (HandoffProblem.None, result);
    }

    /// <summary>The agent has read the person's messages (on whichever node the console runs).</summary>
    public async Task SeenAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        // A conflict leaves the badge until the next look; nothing else is lost.
        await copies.ChangeAsync(conversationId, null, (_, row) =>
        {
            if (row.PersonMessagesUnseen > 0)
            {
                row.Seen();
            }

            return HandoffProblem.None;
        }, cancellationToken);
    }

    /// <summary>Hands the conversation to another department, with a note for its agents; the transcript goes along.</summary>
    public async Task<HandoffProblem> TransferAsync(Guid conversationId, HumanAgent agent, string departmentId, string? note, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (availability.FindDepartment(departmentId) is not { } department)
        {
            return HandoffProblem.UnknownDepartment;
        }

        var (problem, previous) = await copies.ChangeAsync(conversationId, null, (held, row) =>
        {
            if (!HandoffCopies.MayAct(agent, held))
            {
                return HandoffProblem.NotYours;
            }

            row.End(HandoffOutcome.Transferred, now);
            return HandoffProblem.None;
        }, cancellationToken);
        if (problem != HandoffProblem.None || previous is null)
        {
            return problem;
        }

        HandoffCopy next;
        lock (copies.Gate)
        {
            var routing = HandoffAvailability.Route(department, previous.Routing.MatterId, previous.Routing.Reason);
            copies.Persist(previous.Conversation.Queue(department.Id, "transferred", agent.Id, now));
            next = copies.Open(previous.Conversation, HandoffSession.Open(previous.Conversation, routing, previous.Session.CandidatesJson, note, now), routing);
        }

        var transferNote = ConversationMessages.Fill(M.TransferNote, ("From", previous.Routing.DepartmentName), ("To", department.Name), ("Agent", agent.DisplayName), ("Note", note ?? string.Empty));
        conversations.Append(next.Conversation, Turn.FromSystem(transferNote, now, "transferred", agent.Id));
        copies.Insert(next);
        await writer.FlushAsync(cancellationToken);
        LogTransferred(conversationId, previous.Routing.DepartmentId, department.Id, agent.Id);
        var assigned = await assignment.AssignWaitingAsync(cancellationToken);
        (string Status, IReadOnlyList<string> Actions) waiting = (string.Empty, []);
        if (!assigned.Exists(l => l.Conversation.Id == conversationId))
        {
            waiting = await notices.WaitingAsync(next, now, cancellationToken);
        }

        await notices.TellAsync(next.Conversation, ConversationMessages.Fill(M.Transferred, ("Department", department.Name), ("Status", waiting.Status)), waiting.Actions, cancellationToken);
        copies.Notify(conversationId, HandoffChangeKind.Transferred);
        await assignment.AnnounceAsync(assigned, cancellationToken);
        return HandoffProblem.None;
    }

    /// <summary>Ends the human service with an outcome and asks the person to rate it.</summary>
    public async Task<HandoffProblem> CloseAsync(Guid conversationId, HumanAgent agent, HandoffOutcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (problem, live) = await copies.ChangeAsync(conversationId, null, (held, row) =>
        {
            if (!HandoffCopies.MayAct(agent, held))
            {
                return HandoffProblem.NotYours;
            }

            row.End(outcome, now);
            row.AskRating(now + HandoffCopies.RatingWindow);
            return HandoffProblem.None;
        }, cancellationToken);
        if (problem != HandoffProblem.None || live is null)
        {
            return problem;
        }

        lock (copies.Gate)
        {
            copies.Ended(live, outcome, agent.Id, now);
        }

        // Stored before the answer: the node the person writes to next reads the conversation as closed, and the rating
        // from the row.
        conversations.Save(live.Conversation);
        await writer.FlushAsync(cancellationToken);
        conversations.Unpin(live.Conversation);
        LogClosed(conversationId, agent.Id, outcome);
        await notices.AskRatingAsync(live.Conversation, cancellationToken);
        copies.Notify(conversationId, HandoffChangeKind.Ended);
        return HandoffProblem.None;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} transferred from {From} to {To} by {HumanAgentId}")]
    private partial void LogTransferred(Guid conversationId, string from, string to, string humanAgentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} closed by {HumanAgentId}: {Outcome}")]
    private partial void LogClosed(Guid conversationId, string humanAgentId, HandoffOutcome outcome);
}
