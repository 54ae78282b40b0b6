using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The live side of human handoff on this node: the queues per department, who is online (heard lately, see
/// <see cref="IHumanAgentPresence"/>) with how many chats, assignment, agents' messages to the person, transfers,
/// closing, ratings, escalation, waiting updates and timeouts. The rules about a
/// single conversation live on <see cref="Conversation"/>; this service holds the moving parts and does the I/O.
/// Every change is written behind to the database; consoles subscribe to <see cref="Changed"/>. Singleton, thread-safe.
/// </summary>
public sealed partial class HandoffService(
    ConversationStore conversations,
    StorageWriter writer,
    HandoffAvailability availability,
    ChannelDelivery delivery,
    IHumanAgentPresence presence,
    HandoffRatingReader ratings,
    IServiceScopeFactory scopes,
    HandoffClaims claims,
    IOptionsMonitor<HandoffOptions> options,
    IOptionsMonitor<HandoffMessages> messages,
    TimeProvider time,
    ILogger<HandoffService> logger)
{
    private const string System = "system";
    private const string Person = "person";
    private const int WaitSamplesKept = 20;
    private static readonly TimeSpan WaitSamplesAge = TimeSpan.FromDays(1);

    /// <summary>The longest message an agent may send at once (a turn's text holds 8000 characters).</summary>
    public const int MaxMessageLength = 4000;
    private static readonly TimeSpan RatingWindow = TimeSpan.FromHours(1);

    private readonly object _gate = new();
    private readonly Dictionary<Guid, Live> _live = [];
    private readonly Dictionary<string, AgentState> _agents = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Breaks ties between conversations queued at the same instant, so each has its own place.
    private long _queued;

    /// <summary>Raised after every change, outside the service's lock; handlers must not block.</summary>
    public event Action<HandoffChange>? Changed;

    private HandoffOptions Options => options.CurrentValue;

    private HandoffMessages M => messages.CurrentValue;

    // ---- The person's side (called from the turn) ----

    /// <summary>
    /// Queues the conversation for its department's agents, assigning it at once when an agent is online and free (the
    /// automatic assignment's pass, which may give other waiting conversations too; see <see cref="AssignWaitingAsync"/>).
    /// Returns what to tell the person: who took it, or their place, the wait and whether anyone is there.
    /// </summary>
    public async Task<QueueResult> QueueAsync(Conversation conversation, Routing routing, string? candidatesJson, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Live live;
        lock (_gate)
        {
            var transition = conversation.Queue(routing.DepartmentId, routing.Reason.ToString(), Person, now);
            live = NewLive(conversation, HandoffSession.Open(conversation, routing, candidatesJson, null, now), routing);
            _live[conversation.Id] = live;
            Persist(transition);
        }

        conversations.Pin(conversation);
        conversations.Append(conversation, Turn.FromSystem(ConversationMessages.Fill(M.QueuedNote, ("Reason", M.ReasonNames.GetValueOrDefault(routing.Reason.ToString(), routing.Reason.ToString()))), now, "queued"));
        Insert(live);
        LogQueued(conversation.Id, routing.DepartmentId, routing.Reason);
        var assigned = await AssignWaitingAsync(cancellationToken);
        var mine = assigned.Find(l => l.Conversation.Id == conversation.Id);
        QueueResult result;
        if (mine is not null)
        {
            lock (_gate)
            {
                result = new QueueResult(Introduce(M.Connected, mine, mine.Conversation.HumanAgentId ?? string.Empty), []);
            }
        }
        else
        {
            var (status, actions) = await WaitingAsync(live, now, cancellationToken);
            result = new QueueResult(ConversationMessages.Fill(M.Queued, ("Department", routing.DepartmentName), ("Status", status)), actions);
        }

        Notify(conversation.Id, mine is null ? HandoffChangeKind.Queued : HandoffChangeKind.Assigned);
        await AnnounceAsync(assigned.FindAll(l => l != mine), cancellationToken);
        return result;
    }

    /// <summary>False when the agent switched to busy (忙碌), on whichever node.</summary>
    public bool IsAvailable(string humanAgentId) => !presence.Busy().Contains(humanAgentId);

    /// <summary>True when someone of <paramref name="agentGroup"/> is online now, so a person may be told so.</summary>
    public bool IsStaffed(string agentGroup)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return Online(agentGroup, now).Any();
        }
    }

    /// <summary>Completes at the next change of <paramref name="conversationId"/>; dispose to stop listening. Subscribe before reading, so nothing falls in between.</summary>
    public HandoffChangeWaiter WaitForChange(Guid conversationId, IChangeFeed? otherNodes = null) => new(this, conversationId, otherNodes);

    /// <summary>
    /// The person wrote while in human hands: the agent, on whichever node, sees it (the turn is already in the
    /// transcript); the row's unseen count and silence clock are stored before the answer. Returns the place in the queue.
    /// </summary>
    public async Task<int> PersonWroteAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var (_, live) = await ChangeAsync(conversation.Id, conversation, (_, row) =>
        {
            row.PersonWrote(time.GetUtcNow());
            return HandoffProblem.None;
        }, cancellationToken);
        Notify(conversation.Id, HandoffChangeKind.Message);
        return live is not null && live.Conversation.Status == ConversationStatus.AwaitingHuman ? await claims.AheadAsync(live.Session, cancellationToken) : 0;
    }

    /// <summary>The person stopped waiting: Xiaoshen answers again. False when no longer waiting.</summary>
    public async Task<bool> CancelAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (problem, live) = await ChangeAsync(conversation.Id, conversation, (held, row) =>
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

        lock (_gate)
        {
            Persist(conversation.ReturnToBot("cancelled", Person, now));
            _live.Remove(conversation.Id);
        }

        conversations.Unpin(conversation);
        conversations.Save(conversation);
        Notify(conversation.Id, HandoffChangeKind.Ended);
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
        lock (_gate)
        {
            if (conversation.Status == ConversationStatus.Resolved)
            {
                Persist(conversation.ReturnToBot(isRating ? "rated" : "returned", Person, time.GetUtcNow()));
            }
        }

        conversations.Unpin(conversation);
        return stored;
    }

    // ---- The agents' side (called from the console) ----

    /// <summary>
    /// The agent's console (its heartbeat) or agent-API client was heard: they are online until they have not been heard
    /// for <see cref="HandoffOptions.PresenceTimeoutSeconds"/>. Coming online, they get waiting conversations.
    /// </summary>
    public async Task HeardAsync(HumanAgent agent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        presence.Heard(agent.Id, now);
        lock (_gate)
        {
            var state = StateOf(agent);
            state.Agent = agent;
            if (state.Online)
            {
                return;
            }

            state.Online = true;
        }

        LogOnline(agent.Id);
        Notify(null, HandoffChangeKind.Presence);
        await AnnounceAsync(await AssignWaitingAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Available agents get conversations assigned automatically; busy ones keep theirs but get no new ones, from any node
    /// (the switch is kept with the presence, <see cref="IHumanAgentPresence.SetAvailable"/>).
    /// </summary>
    public async Task SetAvailableAsync(string humanAgentId, bool available, CancellationToken cancellationToken)
    {
        presence.SetAvailable(humanAgentId, available);
        bool known;
        lock (_gate)
        {
            known = _agents.ContainsKey(humanAgentId);
        }

        Notify(null, HandoffChangeKind.Presence);
        if (known)
        {
            await AnnounceAsync(await AssignWaitingAsync(cancellationToken), cancellationToken);
        }
    }

    /// <summary>
    /// An agent takes a waiting conversation from the queue, whichever node queued it: the database decides (a
    /// conditional claim of the open row, see <see cref="HandoffClaims"/>), so of two agents accepting at once on any
    /// nodes one gets it and the other <see cref="HandoffProblem.NotWaiting"/>.
    /// </summary>
    public async Task<HandoffProblem> AcceptAsync(Guid conversationId, HumanAgent agent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await CurrentAsync(conversationId, null, cancellationToken) is not { } live)
        {
            return HandoffProblem.NotFound;
        }

        HandoffSession row;
        lock (_gate)
        {
            if (live.Session.HumanAgentId is not null || live.Conversation.Status != ConversationStatus.AwaitingHuman)
            {
                return HandoffProblem.NotWaiting;
            }

            if (!MaySee(agent, live))
            {
                return HandoffProblem.NotInGroup;
            }

            row = live.Session.Copy();
            row.Assign(agent.Id, now);
        }

        if (!await claims.ClaimAsync(row, cancellationToken))
        {
            await CurrentAsync(conversationId, null, cancellationToken);
            return HandoffProblem.NotWaiting;
        }

        lock (_gate)
        {
            // Won in the database; this node's copy follows (it may have been taken up again meanwhile).
            live = _live.TryGetValue(conversationId, out var held) ? held : _live[conversationId] = live;
            if (live.Conversation.Status == ConversationStatus.AwaitingHuman && live.Session.Id == row.Id)
            {
                live.Took(row);
                Took(live, StateOf(agent), now);
            }
        }

        conversations.Pin(live.Conversation);
        Save(live);
        await TellAsync(live.Conversation, Introduce(M.Accepted, live, agent.Id), [], cancellationToken);
        Notify(conversationId, HandoffChangeKind.Assigned);
        return HandoffProblem.None;
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
            await CurrentAsync(conversation.Id, conversation, cancellationToken);
        }
    }

    /// <summary>
    /// This node's copy of the conversation's open row, brought up to the row as stored (after this node's pending
    /// writes): taken up from the rows when another node queued it or changed it since this node last knew it. Null
    /// when no row is open; a copy this node still holds then is dropped and the conversation follows its stored state
    /// (another node closed it, or it was cancelled there). <paramref name="known"/> is the conversation a turn holds.
    /// </summary>
    private async Task<Live?> CurrentAsync(Guid conversationId, Conversation? known, CancellationToken cancellationToken) =>
        await FollowAsync(conversationId, await claims.OpenAsync(conversationId, cancellationToken), known, cancellationToken);

    // This node's copy brought up to `row`, the conversation's open row as just read (null: none is open).
    private async Task<Live?> FollowAsync(Guid conversationId, HandoffSession? row, Conversation? known, CancellationToken cancellationToken)
    {
        Live? held;
        lock (_gate)
        {
            _live.TryGetValue(conversationId, out held);
            if (held is not null && row is not null && held.Session.Id == row.Id && held.Session.Version == row.Version)
            {
                return held;
            }
        }

        var conversation = held?.Conversation ?? known;
        if (row is null)
        {
            if (conversation is { IsWithHumans: true })
            {
                await EndedElsewhereAsync(conversation, held, cancellationToken);
            }

            return null;
        }

        conversation ??= await conversations.ReadAsync(conversationId, cancellationToken);
        if (conversation is null || availability.FindDepartment(row.DepartmentId) is not { } department)
        {
            return null;
        }

        Live live;
        bool moved;
        lock (_gate)
        {
            if (_live.TryGetValue(conversationId, out var now) && now != held && now.Session.Id == row.Id && now.Session.Version == row.Version)
            {
                return now;
            }

            moved = conversation.HumanAgentId != row.HumanAgentId || !conversation.IsWithHumans;
            conversation.Follow(row.HumanAgentId is null ? ConversationStatus.AwaitingHuman : ConversationStatus.WithHuman, row.DepartmentId, row.HumanAgentId, time.GetUtcNow());
            if (held is not null)
            {
                Release(held);
            }

            live = new Live(conversation, row, HandoffAvailability.Route(department, row.MatterId, row.Reason), held?.Order ?? ++_queued);
            if (row.HumanAgentId is { } agentId && _agents.TryGetValue(agentId, out var state))
            {
                state.Active.Add(conversationId);
            }

            _live[conversationId] = live;
        }

        conversations.Pin(conversation);
        if (moved && held is not null)
        {
            Notify(conversationId, row.HumanAgentId is null ? HandoffChangeKind.Queued : HandoffChangeKind.Assigned);
        }

        return live;
    }

    // No row is open for a conversation this node still has in human hands: it was closed or cancelled on another
    // node, which stored the conversation before answering. This node drops its copy and follows.
    private async Task EndedElsewhereAsync(Conversation conversation, Live? held, CancellationToken cancellationToken)
    {
        conversations.Unpin(conversation);
        if (await conversations.ReadAsync(conversation.Id, cancellationToken) is not { } stored || stored.IsWithHumans)
        {
            return;
        }

        lock (_gate)
        {
            if (held is not null && _live.TryGetValue(conversation.Id, out var now) && now == held)
            {
                Release(held);
                _live.Remove(conversation.Id);
            }

            conversation.Follow(stored.Status, stored.DepartmentId, stored.HumanAgentId, time.GetUtcNow());
        }

        Notify(conversation.Id, HandoffChangeKind.Ended);
    }

    /// <summary>
    /// A change of the conversation's open row, stored before it counts: <paramref name="decide"/> checks the request
    /// against this node's copy brought up to the row and changes a copy of the row with the domain methods of
    /// <see cref="HandoffSession"/>; that is stored only if no other node changed the row meanwhile (its
    /// <see cref="HandoffSession.Version"/>). If one did, the row is read again and the change decided again, once; a
    /// second conflict answers <see cref="HandoffProblem.Conflict"/>. Returns the copy the change was made on.
    /// </summary>
    private async Task<(HandoffProblem Problem, Live? Live)> ChangeAsync(Guid conversationId, Conversation? known, Func<Live, HandoffSession, HandoffProblem> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await CurrentAsync(conversationId, known, cancellationToken) is not { } live)
            {
                return (HandoffProblem.NotFound, null);
            }

            HandoffSession row;
            long seen;
            lock (_gate)
            {
                row = live.Session.Copy();
                seen = live.Session.Version;
                if (decide(live, row) is not HandoffProblem.None and var problem)
                {
                    return (problem, live);
                }
            }

            if (row.Version == seen)
            {
                return (HandoffProblem.None, live);
            }

            if (await StoreAsync(live, row, seen, cancellationToken))
            {
                return (HandoffProblem.None, live);
            }
        }

        LogConflict(conversationId);
        return (HandoffProblem.Conflict, null);
    }

    /// <summary>An agent's message (text and files) to the person, delivered through the person's channel.</summary>
    public async Task<(HandoffProblem Problem, DeliveryResult? Delivery)> SendAsync(Guid conversationId, HumanAgent agent, string text, IReadOnlyList<TurnAttachment> attachments, IReadOnlyList<ReplyAttachment> files, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (problem, live) = await ChangeAsync(conversationId, null, (held, row) =>
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
        Notify(conversationId, HandoffChangeKind.Message);
        return (HandoffProblem.None, result);
    }

    /// <summary>The agent has read the person's messages (on whichever node the console runs).</summary>
    public async Task SeenAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        // A conflict leaves the badge until the next look; nothing else is lost.
        await ChangeAsync(conversationId, null, (_, row) =>
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

        var (problem, previous) = await ChangeAsync(conversationId, null, (held, row) =>
        {
            if (!MayAct(agent, held))
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

        Live next;
        lock (_gate)
        {
            Release(previous);
            var routing = HandoffAvailability.Route(department, previous.Routing.MatterId, previous.Routing.Reason);
            Persist(previous.Conversation.Queue(department.Id, "transferred", agent.Id, now));
            next = NewLive(previous.Conversation, HandoffSession.Open(previous.Conversation, routing, previous.Session.CandidatesJson, note, now), routing);
            _live[conversationId] = next;
        }

        var transferNote = ConversationMessages.Fill(M.TransferNote, ("From", previous.Routing.DepartmentName), ("To", department.Name), ("Agent", agent.DisplayName), ("Note", note ?? string.Empty));
        conversations.Append(next.Conversation, Turn.FromSystem(transferNote, now, "transferred", agent.Id));
        Insert(next);
        await writer.FlushAsync(cancellationToken);
        LogTransferred(conversationId, previous.Routing.DepartmentId, department.Id, agent.Id);
        var assigned = await AssignWaitingAsync(cancellationToken);
        (string Status, IReadOnlyList<string> Actions) waiting = (string.Empty, []);
        if (!assigned.Exists(l => l.Conversation.Id == conversationId))
        {
            waiting = await WaitingAsync(next, now, cancellationToken);
        }

        await TellAsync(next.Conversation, ConversationMessages.Fill(M.Transferred, ("Department", department.Name), ("Status", waiting.Status)), waiting.Actions, cancellationToken);
        Notify(conversationId, HandoffChangeKind.Transferred);
        await AnnounceAsync(assigned, cancellationToken);
        return HandoffProblem.None;
    }

    /// <summary>The outcomes an agent chooses from when closing (the others are recorded by the service itself).</summary>
    public static readonly IReadOnlyList<HandoffOutcome> AgentOutcomes = [HandoffOutcome.Resolved, HandoffOutcome.NotResolved, HandoffOutcome.Referred12345];

    /// <summary>Ends the human service with an outcome and asks the person to rate it.</summary>
    public async Task<HandoffProblem> CloseAsync(Guid conversationId, HumanAgent agent, HandoffOutcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (problem, live) = await ChangeAsync(conversationId, null, (held, row) =>
        {
            if (!MayAct(agent, held))
            {
                return HandoffProblem.NotYours;
            }

            row.End(outcome, now);
            row.AskRating(now + RatingWindow);
            return HandoffProblem.None;
        }, cancellationToken);
        if (problem != HandoffProblem.None || live is null)
        {
            return problem;
        }

        lock (_gate)
        {
            Ended(live, outcome, agent.Id, now);
        }

        // Stored before the answer: the node the person writes to next reads the conversation as closed, and the rating
        // from the row.
        conversations.Save(live.Conversation);
        await writer.FlushAsync(cancellationToken);
        conversations.Unpin(live.Conversation);
        LogClosed(conversationId, agent.Id, outcome);
        await AskRatingAsync(live.Conversation, cancellationToken);
        Notify(conversationId, HandoffChangeKind.Ended);
        return HandoffProblem.None;
    }

    /// <summary>
    /// An external contact centre reports on a handoff it took (Bot Framework <c>handoff.status</c>): accepted, completed
    /// or failed. Returns what to tell the person, or null.
    /// </summary>
    public string? ExternalStatus(Conversation conversation, string status)
    {
        var now = time.GetUtcNow();
        Live? live;
        string? tell = null;
        lock (_gate)
        {
            if (!_live.TryGetValue(conversation.Id, out live))
            {
                return null;
            }

            switch (status)
            {
                case "accepted" when conversation.Status == ConversationStatus.AwaitingHuman:
                    Persist(conversation.AssignTo(ExternalAgent, now));
                    live.Session.Assign(ExternalAgent, now);
                    break;
                case "completed":
                    End(live, HandoffOutcome.External, ExternalAgent, now);
                    tell = M.ClosedRate;
                    break;
                case "failed":
                    live.Session.End(HandoffOutcome.NotResolved, now);
                    Release(live);
                    Persist(conversation.ReturnToBot("external-failed", ExternalAgent, now));
                    _live.Remove(conversation.Id);
                    conversations.Unpin(conversation);
                    tell = M.Cancelled;
                    break;
                default:
                    return null;
            }
        }

        Save(live);
        Notify(conversation.Id, HandoffChangeKind.Assigned);
        return tell;
    }

    /// <summary>The agent id recorded when an external contact centre answers.</summary>
    public const string ExternalAgent = "external";

    // ---- What consoles show ----

    /// <summary>Waiting conversations an agent may take (their groups, and backup groups once escalated); all for supervisors.</summary>
    public IReadOnlyList<HandoffView> Waiting(HumanAgent agent)
    {
        lock (_gate)
        {
            return _live.Values.Where(l => l.Conversation.Status == ConversationStatus.AwaitingHuman && MaySee(agent, l))
                .OrderBy(l => l.Session.QueuedAt).Select(View).ToList();
        }
    }

    /// <summary>Conversations the agent is answering.</summary>
    public IReadOnlyList<HandoffView> AssignedTo(string humanAgentId)
    {
        lock (_gate)
        {
            return _live.Values.Where(l => l.Conversation.HumanAgentId == humanAgentId && l.Conversation.Status == ConversationStatus.WithHuman)
                .OrderBy(l => l.Session.AssignedAt).Select(View).ToList();
        }
    }

    /// <summary>
    /// This node's copies of conversations in human hands, with their place among those queued at the same instant and
    /// the row's <see cref="HandoffSession.Version"/> each copy is at.
    /// </summary>
    internal IReadOnlyDictionary<Guid, (HandoffView View, long Order, long Version)> Held()
    {
        lock (_gate)
        {
            return _live.ToDictionary(l => l.Key, l => (View(l.Value), l.Value.Order, l.Value.Session.Version));
        }
    }

    /// <summary>
    /// The conversation in human hands as its open row says now, taken up by this node when another node queued or
    /// changed it, with whether <paramref name="agent"/> may read it; null when no row is open.
    /// </summary>
    public async Task<(HandoffView View, bool MayRead)?> ReadableAsync(Guid conversationId, HumanAgent agent, CancellationToken cancellationToken)
    {
        var live = await CurrentAsync(conversationId, null, cancellationToken);
        lock (_gate)
        {
            return live is null ? null : (View(live), MayAct(agent, live));
        }
    }

    public HandoffView? Find(Guid conversationId)
    {
        lock (_gate)
        {
            return _live.TryGetValue(conversationId, out var live) ? View(live) : null;
        }
    }

    /// <summary>
    /// The agents this node knows (signed in or heard here), with whether they are heard on any node and their open
    /// chats on every node as the rows say.
    /// </summary>
    public async Task<IReadOnlyList<HumanAgentStatus>> AgentsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var busy = presence.Busy();
        List<AgentState> known;
        lock (_gate)
        {
            known = [.. _agents.Values.OrderBy(p => p.Agent.Id, StringComparer.Ordinal)];
        }

        var active = await claims.ActiveChatsAsync(known.ConvertAll(p => p.Agent.Id), cancellationToken);
        lock (_gate)
        {
            return known.ConvertAll(p => new HumanAgentStatus(p.Agent.Id, p.Agent.DisplayName, p.Agent.GroupList, IsOnline(p.Agent.Id, now), !busy.Contains(p.Agent.Id), active.GetValueOrDefault(p.Agent.Id), p.Agent.MaxActiveChats));
        }
    }

    public string AgentName(string humanAgentId)
    {
        lock (_gate)
        {
            return _agents.TryGetValue(humanAgentId, out var state) ? state.Agent.DisplayName : humanAgentId;
        }
    }

    /// <summary>True when the conversation waited longer than the first-response promise without an agent's message.</summary>
    public bool IsBreaching(HandoffView view) =>
        view.FirstResponseAt is null && time.GetUtcNow() - view.QueuedAt > TimeSpan.FromSeconds(Options.FirstResponseSeconds);

    // ---- The clock (called by HandoffMonitor) ----

    /// <summary>
    /// Escalates, reminds, closes, re-queues the conversations of agents no longer heard, assigns, and tells people
    /// waiting how it goes: whatever is due at this moment.
    /// </summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var o = Options;
        var changed = new List<HandoffChange>();
        var lost = new List<(AgentState State, Live Live)>();
        lock (_gate)
        {
            var copies = _live.Values.ToList();
            foreach (var state in _agents.Values)
            {
                var online = IsOnline(state.Agent.Id, now);
                if (state.Online && !online)
                {
                    LogAway(state.Agent.Id);
                    changed.Add(new HandoffChange(null, HandoffChangeKind.Presence));
                }

                state.Online = online;
                if (!online)
                {
                    lost.AddRange(copies.Where(l => state.Active.Contains(l.Conversation.Id)).Select(l => (state, l)));
                }
            }
        }

        // The due rows of every node, read from the database: a conversation queued on a node that died (or does not
        // tick) is served by the others. Each change below is claimed on its row before anything is said (DueAsync),
        // so with several nodes it is made once.
        var held = new List<Live>();
        foreach (var row in await claims.DueAsync(Due(now, o), cancellationToken))
        {
            if (await FollowAsync(row.ConversationId, row, null, cancellationToken) is { } taken)
            {
                held.Add(taken);
            }
        }

        foreach (var live in held)
        {
            if (await DueAsync(live, r => r.HumanAgentId is null && r.EscalatedAt is null && now - r.QueuedAt >= TimeSpan.FromSeconds(o.EscalateAfterSeconds), r => r.Escalate(now), cancellationToken))
            {
                LogEscalated(live.Conversation.Id, live.Routing.DepartmentId, live.Routing.BackupGroup ?? "-");
                changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Escalated));
            }

            if (availability.FindDepartment(live.Routing.DepartmentId) is { } department && !availability.IsOpen(department)
                && await DueAsync(live, r => r.HumanAgentId is null, r => r.End(HandoffOutcome.ClosedAfterHours, now), cancellationToken))
            {
                Finish(live, () => Persist(live.Conversation.ReturnToBot("department-closed", System, now)));
                await TellAsync(live.Conversation, ConversationMessages.Fill(M.DepartmentClosedWhileWaiting, ("Department", department.Name)), [M.LeaveMessageButton], cancellationToken);
                changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Ended));
                continue;
            }

            if (await DueAsync(live, r => r.HumanAgentId is not null && r.AwaitsPerson && r.RemindedAt is null && now - r.LastPersonAt >= TimeSpan.FromMinutes(o.PersonSilentReminderMinutes), r => r.Reminded(now), cancellationToken))
            {
                await TellAsync(live.Conversation, ConversationMessages.Fill(M.PersonSilentReminder, ("Minutes", o.PersonSilentCloseMinutes.ToString(CultureInfo.InvariantCulture))), [], cancellationToken);
            }
            else if (await DueAsync(live, r => r.HumanAgentId is not null && r.AwaitsPerson && r.RemindedAt is { } reminded && now - reminded >= TimeSpan.FromMinutes(o.PersonSilentCloseMinutes), r => r.End(HandoffOutcome.PersonSilent, now), cancellationToken))
            {
                Finish(live, () =>
                {
                    Release(live);
                    Persist(live.Conversation.Resolve(nameof(HandoffOutcome.PersonSilent), System, now));
                    Persist(live.Conversation.ReturnToBot("person-silent", System, now));
                });
                await TellAsync(live.Conversation, M.PersonSilentClosed, [], cancellationToken);
                changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Ended));
            }
        }

        foreach (var (state, live) in lost)
        {
            if (!await DueAsync(live, r => r.HumanAgentId == state.Agent.Id, r =>
            {
                r.Unassign();
                r.Told(now);
            }, cancellationToken))
            {
                continue;
            }

            lock (_gate)
            {
                state.Active.Remove(live.Conversation.Id);
                Persist(live.Conversation.Queue(live.Routing.DepartmentId, "agent-away", System, now));
            }

            var waiting = await WaitingAsync(live, now, cancellationToken);

            conversations.Save(live.Conversation);
            LogRequeued(live.Conversation.Id, state.Agent.Id);
            await TellAsync(live.Conversation, ConversationMessages.Fill(M.AgentLost, ("Agent", state.Agent.DisplayName), ("Status", waiting.Status)), waiting.Actions, cancellationToken);
            changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Queued));
        }

        var assigned = await AssignWaitingAsync(cancellationToken);
        foreach (var live in held)
        {
            if (await DueAsync(live, r => r.HumanAgentId is null && now - r.ToldAt >= TimeSpan.FromSeconds(o.WaitingUpdateSeconds), r => r.Told(now), cancellationToken))
            {
                var waiting = await WaitingAsync(live, now, cancellationToken);
                await TellAsync(live.Conversation, ConversationMessages.Fill(M.WaitingUpdate, ("Status", waiting.Status)), waiting.Actions, cancellationToken);
            }
        }

        await AnnounceAsync(assigned, cancellationToken);
        foreach (var change in changed)
        {
            Changed?.Invoke(change);
        }
    }

    // The moments before which a row is due for one of the clock's changes, and the departments closed now.
    private HandoffDue Due(DateTimeOffset now, HandoffOptions o) => new(
        now - TimeSpan.FromSeconds(o.EscalateAfterSeconds),
        now - TimeSpan.FromSeconds(o.WaitingUpdateSeconds),
        now - TimeSpan.FromMinutes(o.PersonSilentReminderMinutes),
        now - TimeSpan.FromMinutes(o.PersonSilentCloseMinutes),
        availability.Departments.Where(d => !availability.IsOpen(d)).Select(d => d.Id).ToList());

    /// <summary>
    /// A timer's change of one row, made once across nodes: <paramref name="due"/> is asked of this node's copy, and the
    /// change is stored only while the row is as this node last knew it. When another node made it first (or changed
    /// the row otherwise), that node's change stands and this node takes the row up again; false then.
    /// </summary>
    private async Task<bool> DueAsync(Live live, Func<HandoffSession, bool> due, Action<HandoffSession> change, CancellationToken cancellationToken)
    {
        HandoffSession row;
        long seen;
        lock (_gate)
        {
            if (!_live.TryGetValue(live.Conversation.Id, out var current) || current != live || !due(live.Session))
            {
                return false;
            }

            row = live.Session.Copy();
            seen = live.Session.Version;
        }

        change(row);
        if (await StoreAsync(live, row, seen, cancellationToken))
        {
            return true;
        }

        await CurrentAsync(live.Conversation.Id, null, cancellationToken);
        return false;
    }

    // A changed copy of the row, stored if the row is still at version `seen`; the node's copy then takes it.
    private async Task<bool> StoreAsync(Live live, HandoffSession row, long seen, CancellationToken cancellationToken)
    {
        if (!await claims.StoreAsync(row, seen, cancellationToken))
        {
            return false;
        }

        lock (_gate)
        {
            if (live.Session.Version == seen)
            {
                live.Took(row);
            }
        }

        return true;
    }

    // The clock ended the row: the conversation leaves human hands on this node.
    private void Finish(Live live, Action transitions)
    {
        lock (_gate)
        {
            transitions();
            _live.Remove(live.Conversation.Id);
        }

        conversations.Unpin(live.Conversation);
        conversations.Save(live.Conversation);
    }

    /// <summary>Completes once <see cref="RestoreAsync"/> has put back what was open before the start.</summary>
    public Task Restored => _restored.Task;

    /// <summary>
    /// After a restart, conversations still in human hands wait in their queues again (their agents re-accept them).
    /// A rating asked before the restart is still read as one while its window lasts: it is on the row.
    /// </summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<HandoffSession> open;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            open = await db.HandoffSessions.Where(s => s.EndedAt == null).ToListAsync(cancellationToken);
        }

        foreach (var session in open)
        {
            if (await conversations.FindAsync(session.ConversationId, cancellationToken) is not { IsWithHumans: true } conversation
                || availability.FindDepartment(session.DepartmentId) is not { } department)
            {
                continue;
            }

            var routing = HandoffAvailability.Route(department, session.MatterId, session.Reason);
            Live live;
            lock (_gate)
            {
                live = _live[conversation.Id] = NewLive(conversation, session, routing);

                // An agent still heard (on another node, with a shared presence) keeps the conversation.
                if (conversation.Status == ConversationStatus.WithHuman && !(session.HumanAgentId is { } agentId && IsOnline(agentId, now)))
                {
                    session.Unassign();
                    Persist(conversation.Queue(department.Id, "restarted", System, now));
                }
            }

            conversations.Pin(conversation);
            Save(live);
        }

        _restored.TrySetResult();
    }

    // ---- Automatic assignment ----

    /// <summary>
    /// Gives waiting conversations, queued on any node, to the agents this node knows to be online and available (the
    /// console's 忙碌 switch is this node's), least busy first: the database decides and counts each agent's chats
    /// (<see cref="HandoffClaims.AssignWaitingAsync"/>), so a conversation is given once and nobody passes their limit
    /// however many nodes assign at once. Returns this node's copies of the conversations it gave; nobody is told yet.
    /// </summary>
    private async Task<List<Live>> AssignWaitingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Options.Assignment != AssignmentMode.Auto)
        {
            return [];
        }

        var busy = presence.Busy();
        List<HumanAgentSnapshot> agents;
        lock (_gate)
        {
            agents = _agents.Values.Where(p => !busy.Contains(p.Agent.Id) && IsOnline(p.Agent.Id, now))
                    .Select(p => new HumanAgentSnapshot(p.Agent.Id, p.Agent.GroupList, true, 0, p.Agent.MaxActiveChats, p.LastAssignedAt))
                    .ToList();
        }

        if (agents.Count == 0)
        {
            return [];
        }

        var assigned = new List<Live>();
        foreach (var (waiting, given) in await claims.AssignWaitingAsync(agents, Choose, now, cancellationToken))
        {
            if (await TakeGivenAsync(waiting, given, now, cancellationToken) is { } live)
            {
                assigned.Add(live);
            }
        }

        return assigned;
    }

    // The agent for a waiting row: of its department's group, or of the backup group once escalated.
    private string? Choose(HandoffSession row, IReadOnlyList<HumanAgentSnapshot> agents) =>
        availability.FindDepartment(row.DepartmentId) is not { } department
            ? null
            : AssignmentPolicy.Choose(agents, department.AgentGroup)
                ?? (row.EscalatedAt is not null && HandoffAvailability.Route(department, row.MatterId, row.Reason).BackupGroup is { } backup ? AssignmentPolicy.Choose(agents, backup) : null);

    // A row this node gave to an agent: its copy (taken up from the row when another node queued it) takes the stored
    // row, and the conversation moves to the agent, recorded here, where the change was made.
    private async Task<Live?> TakeGivenAsync(HandoffSession waiting, HandoffSession given, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Live? held;
        lock (_gate)
        {
            _live.TryGetValue(waiting.ConversationId, out held);
        }

        var conversation = held is not null && held.Session.Id == waiting.Id ? held.Conversation : await conversations.ReadAsync(waiting.ConversationId, cancellationToken);
        if (conversation is null || availability.FindDepartment(given.DepartmentId) is not { } department)
        {
            return null;
        }

        Live live;
        lock (_gate)
        {
            if (!_live.TryGetValue(conversation.Id, out var current) || current.Session.Id != given.Id)
            {
                current = new Live(conversation, waiting, HandoffAvailability.Route(department, waiting.MatterId, waiting.Reason), ++_queued);
                _live[conversation.Id] = current;
            }

            live = current;
            live.Conversation.Follow(ConversationStatus.AwaitingHuman, given.DepartmentId, null, now);
            live.Took(given);
            Took(live, _agents[given.HumanAgentId!], now);
        }

        conversations.Pin(live.Conversation);
        conversations.Save(live.Conversation);
        return live;
    }

    // Outside the lock: tell each person who took their conversation, and the consoles.
    private async Task AnnounceAsync(List<Live> assigned, CancellationToken cancellationToken)
    {
        foreach (var live in assigned)
        {
            string text;
            lock (_gate)
            {
                text = Introduce(M.Accepted, live, live.Conversation.HumanAgentId ?? string.Empty);
            }

            await TellAsync(live.Conversation, text, [], cancellationToken);
            Notify(live.Conversation.Id, HandoffChangeKind.Assigned);
        }
    }

    // The row is the agent's: the conversation follows.
    private void Took(Live live, AgentState state, DateTimeOffset now)
    {
        Persist(live.Conversation.AssignTo(state.Agent.Id, now));
        state.Active.Add(live.Conversation.Id);
        state.LastAssignedAt = now;

        LogAssigned(live.Conversation.Id, state.Agent.Id);
    }

    private void End(Live live, HandoffOutcome outcome, string actor, DateTimeOffset now)
    {
        live.Session.End(outcome, now);
        live.Session.AskRating(now + RatingWindow);
        Ended(live, outcome, actor, now);
    }

    // The row is ended and asks for a rating (its RatingOpenUntil, read by any node): the conversation is resolved.
    private void Ended(Live live, HandoffOutcome outcome, string actor, DateTimeOffset now)
    {
        Release(live);
        Persist(live.Conversation.Resolve(outcome.ToString(), actor, now));
        _live.Remove(live.Conversation.Id);
    }

    private void Release(Live live)
    {
        if (live.Conversation.HumanAgentId is { } id && _agents.TryGetValue(id, out var state))
        {
            state.Active.Remove(live.Conversation.Id);
        }
    }

    private static bool MaySee(HumanAgent agent, Live live) => MaySee(agent, live.Routing, live.Session.EscalatedAt);

    /// <summary>Whether the agent may see (and take) a conversation waiting for <paramref name="routing"/>: its group, the backup group once escalated, supervisors.</summary>
    public static bool MaySee(HumanAgent agent, Routing routing, DateTimeOffset? escalatedAt)
    {
        var groups = agent.GroupList;
        return agent.RoleList.Contains(HumanAgent.SupervisorRole) || groups.Contains(routing.AgentGroup)
            || (escalatedAt is not null && routing.BackupGroup is { } backup && groups.Contains(backup));
    }

    private static bool MayAct(HumanAgent agent, Live live) =>
        live.Conversation.HumanAgentId == agent.Id || agent.RoleList.Contains(HumanAgent.SupervisorRole)
        || (live.Conversation.Status == ConversationStatus.AwaitingHuman && MaySee(agent, live));

    // Only what is true: nobody online is said so, with a message offered; a wait is given only from waits measured
    // lately. The place and the waits come from the rows, whichever node queued or assigned them.
    private async Task<(string Status, IReadOnlyList<string> Actions)> WaitingAsync(Live live, DateTimeOffset now, CancellationToken cancellationToken)
    {
        HandoffSession row;
        List<AgentState> online;
        var busy = presence.Busy();
        lock (_gate)
        {
            row = live.Session;
            online = Online(live.Routing.AgentGroup, now).ToList();
        }

        var ahead = await claims.AheadAsync(row, cancellationToken);
        var place = ahead.ToString(CultureInfo.InvariantCulture);
        if (online.Count == 0)
        {
            return (ConversationMessages.Fill(M.WaitingStatusNobodyOnline, ("Ahead", place), ("Department", live.Routing.DepartmentName)), [M.LeaveMessageButton, M.CancelWord]);
        }

        var serving = online.Count(p => !busy.Contains(p.Agent.Id));
        var waits = serving > 0 ? await claims.RecentWaitsAsync(live.Routing.DepartmentId, now - WaitSamplesAge, WaitSamplesKept, cancellationToken) : [];
        return (ConversationMessages.Fill(M.WaitingStatus, ("Ahead", place), ("Wait", WaitText(ExpectedWait(waits, ahead, serving)))), [M.CancelWord]);
    }

    // People ahead, served by the group's available agents at the pace measured lately (the department's last
    // WaitSamplesKept conversations taken within WaitSamplesAge); null when there is nothing to go by.
    private static TimeSpan? ExpectedWait(List<TimeSpan> waits, int ahead, int serving) =>
        serving > 0 && waits.Count > 0
            ? TimeSpan.FromSeconds(waits.Average(w => w.TotalSeconds) * (1 + (ahead / serving)))
            : null;

    private string WaitText(TimeSpan? wait) => wait switch
    {
        null => M.WaitUnknown,
        { } w when w <= TimeSpan.FromMinutes(1) => M.WaitUnderMinute,
        { } w => ConversationMessages.Fill(M.WaitMinutes, ("Minutes", Math.Ceiling(w.TotalMinutes).ToString(CultureInfo.InvariantCulture))),
    };

    private IEnumerable<AgentState> Online(string agentGroup, DateTimeOffset now) =>
        _agents.Values.Where(p => p.Agent.GroupList.Contains(agentGroup) && IsOnline(p.Agent.Id, now));

    private bool IsOnline(string humanAgentId, DateTimeOffset now) =>
        presence.LastHeard(humanAgentId) is { } heard && now - heard <= TimeSpan.FromSeconds(Options.PresenceTimeoutSeconds);

    private AgentState StateOf(HumanAgent agent) => _agents.TryGetValue(agent.Id, out var known) ? known : _agents[agent.Id] = new AgentState(agent);

    private Live NewLive(Conversation conversation, HandoffSession session, Routing routing) => new(conversation, session, routing, ++_queued);

    // An agent is introduced with their own department: one of the backup group is not the queue's department's staff.
    private string Introduce(string template, Live live, string humanAgentId)
    {
        var agent = _agents.TryGetValue(humanAgentId, out var state) ? state.Agent : null;
        var department = availability.DepartmentNameOf(agent, live.Routing, M.DutyTeam);
        return ConversationMessages.Fill(template, ("Department", department), ("Agent", agent?.DisplayName ?? humanAgentId));
    }

    private HandoffView View(Live live) => new(
        live.Conversation.Id,
        live.Session.Id,
        live.Conversation.Channel,
        live.Routing,
        live.Conversation.Status,
        live.Session.QueuedAt,
        live.Session.AssignedAt,
        live.Conversation.HumanAgentId,
        live.Session.FirstResponseAt,
        live.Session.EscalatedAt,
        live.Session.TransferNote,
        live.Session.CandidatesJson,
        live.Session.LastPersonAt,
        live.Session.PersonMessagesUnseen);

    // ---- I/O ----

    private async Task TellAsync(Conversation conversation, string text, IReadOnlyList<string> actions, CancellationToken cancellationToken)
    {
        conversations.Append(conversation, Turn.FromBot(text, time.GetUtcNow(), "handoff"));
        var reply = new OutboundReply(text) { SuggestedActions = actions.Select(a => new ReplyAction(a, ReplyActionKind.SendText, a)).ToList() };
        await delivery.DeliverAsync(conversation, [reply], cancellationToken);
    }

    // The five levels as the channel's own buttons: a card in web chat and Bot Framework channels, numbered in WeChat.
    private async Task AskRatingAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        conversations.Append(conversation, Turn.FromBot(M.ClosedRate, time.GetUtcNow(), "handoff"));
        await delivery.DeliverAsync(conversation, [RatingRequest(M.ClosedRate, M)], cancellationToken);
    }

    /// <summary>A message asking for a rating, with one button per level.</summary>
    public static OutboundReply RatingRequest(string text, HandoffMessages messages) =>
        new(text) { Buttons = messages.Ratings.Select(r => new ReplyAction(r, ReplyActionKind.SendText, r)).ToList() };

    private void Persist(ConversationTransition transition) => writer.Enqueue(db => db.Transitions.Add(transition));

    // The conversation and this node's changes of the row, written behind; a change of the row is stored only if no
    // other node changed it since this node last knew it (else the stored row wins, see HandoffClaims.StoreBehind).
    private void Save(Live live)
    {
        conversations.Save(live.Conversation);
        if (live.Session.Version != live.Stored)
        {
            claims.StoreBehind(live.Session, live.Stored);
            live.Stored = live.Session.Version;
        }
    }

    // A row new to the database (queued, transferred), written behind.
    private void Insert(Live live)
    {
        conversations.Save(live.Conversation);
        writer.Upsert(live.Session, s => s.Id == live.Session.Id);
        live.Stored = live.Session.Version;
    }

    private void Notify(Guid? conversationId, HandoffChangeKind kind) => Changed?.Invoke(new HandoffChange(conversationId, kind));

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} queued for {DepartmentId} ({Reason})")]
    private partial void LogQueued(Guid conversationId, string departmentId, HandoffReason reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} assigned to {HumanAgentId}")]
    private partial void LogAssigned(Guid conversationId, string humanAgentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} transferred from {From} to {To} by {HumanAgentId}")]
    private partial void LogTransferred(Guid conversationId, string from, string to, string humanAgentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} closed by {HumanAgentId}: {Outcome}")]
    private partial void LogClosed(Guid conversationId, string humanAgentId, HandoffOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} waited past the escalation limit in {DepartmentId}; backup group {BackupGroup} notified")]
    private partial void LogEscalated(Guid conversationId, string departmentId, string backupGroup);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} back in the queue: agent {HumanAgentId} is no longer heard")]
    private partial void LogRequeued(Guid conversationId, string humanAgentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: its handoff row changed on another node twice while a change was decided; refused")]
    private partial void LogConflict(Guid conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Human agent {HumanAgentId} is online")]
    private partial void LogOnline(string humanAgentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Human agent {HumanAgentId} is no longer heard: offline")]
    private partial void LogAway(string humanAgentId);

    /// <summary>A conversation in human hands, with what only this node knows about it.</summary>
    private sealed class Live(Conversation conversation, HandoffSession session, Routing routing, long order)
    {
        public Conversation Conversation { get; } = conversation;

        /// <summary>The place among conversations queued at the same instant.</summary>
        public long Order { get; } = order;

        /// <summary>The row as this node last stored or read it, with this node's changes since (written behind).</summary>
        public HandoffSession Session { get; private set; } = session;

        /// <summary>The row's <see cref="HandoffSession.Version"/> in the database as this node last knew it.</summary>
        public long Stored { get; set; } = session.Version;

        public Routing Routing { get; } = routing;

        /// <summary>A change stored in the database (<see cref="HandoffClaims.StoreAsync"/>) becomes this copy's row.</summary>
        public void Took(HandoffSession stored)
        {
            Session = stored;
            Stored = stored.Version;
        }
    }

    /// <summary>A human agent known to this node: conversations, and whether they were online at the last look.</summary>
    private sealed class AgentState(HumanAgent agent)
    {
        public HumanAgent Agent { get; set; } = agent;

        /// <summary>Online at the last heartbeat or tick; the truth is <see cref="IHumanAgentPresence"/> (this notices changes).</summary>
        public bool Online { get; set; }

        public DateTimeOffset? LastAssignedAt { get; set; }

        public HashSet<Guid> Active { get; } = [];
    }
}
