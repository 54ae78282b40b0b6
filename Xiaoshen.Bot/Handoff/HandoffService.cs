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
    ServiceRatings ratings,
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

    /// <summary>The longest message an agent may send at once (a turn's text holds 8000 characters).</summary>
    public const int MaxMessageLength = 4000;
    private static readonly TimeSpan RatingWindow = TimeSpan.FromHours(1);

    private readonly object _gate = new();
    private readonly Dictionary<Guid, Live> _live = [];
    private readonly Dictionary<string, AgentState> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, (Conversation Conversation, HandoffSession Session)> _rating = [];
    private readonly Dictionary<string, Queue<double>> _waits = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Breaks ties between conversations queued at the same instant, so each has its own place.
    private long _queued;

    /// <summary>Raised after every change, outside the service's lock; handlers must not block.</summary>
    public event Action<HandoffChange>? Changed;

    private HandoffOptions Options => options.CurrentValue;

    private HandoffMessages M => messages.CurrentValue;

    // ---- The person's side (called from the turn) ----

    /// <summary>
    /// Queues the conversation for its department's agents, assigning it at once when an agent is online and free.
    /// Returns what to tell the person: who took it, or their place, the wait and whether anyone is there.
    /// </summary>
    public QueueResult Queue(Conversation conversation, Routing routing, string? candidatesJson)
    {
        var now = time.GetUtcNow();
        Live live;
        string? assigned;
        QueueResult result;
        lock (_gate)
        {
            var transition = conversation.Queue(routing.DepartmentId, routing.Reason.ToString(), Person, now);
            live = NewLive(conversation, HandoffSession.Open(conversation, routing, candidatesJson, null, now), routing);
            _live[conversation.Id] = live;
            StopRating(conversation.Id);
            Persist(transition);
            assigned = Options.Assignment == AssignmentMode.Auto ? TryAssign(live, now) : null;
            if (assigned is not null)
            {
                result = new QueueResult(Introduce(M.Connected, live, assigned), []);
            }
            else
            {
                var (status, actions) = Waiting(live, now);
                result = new QueueResult(ConversationMessages.Fill(M.Queued, ("Department", routing.DepartmentName), ("Status", status)), actions);
            }
        }

        conversations.Pin(conversation);
        conversations.Append(conversation, Turn.FromSystem(ConversationMessages.Fill(M.QueuedNote, ("Reason", M.ReasonNames.GetValueOrDefault(routing.Reason.ToString(), routing.Reason.ToString()))), now, "queued"));
        Save(live);
        LogQueued(conversation.Id, routing.DepartmentId, routing.Reason);
        Notify(conversation.Id, assigned is null ? HandoffChangeKind.Queued : HandoffChangeKind.Assigned);
        return result;
    }

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

    /// <summary>The person wrote while in human hands: the agent sees it (the turn is already in the transcript).</summary>
    public int PersonWrote(Conversation conversation)
    {
        var ahead = 0;
        lock (_gate)
        {
            if (_live.TryGetValue(conversation.Id, out var live))
            {
                live.Session.PersonWrote(time.GetUtcNow());
                Save(live);
                ahead = live.Conversation.Status == ConversationStatus.AwaitingHuman ? Ahead(live) : 0;
            }
        }

        Notify(conversation.Id, HandoffChangeKind.Message);
        return ahead;
    }

    /// <summary>The person stopped waiting: Xiaoshen answers again. False when no longer waiting.</summary>
    public bool Cancel(Conversation conversation)
    {
        var now = time.GetUtcNow();
        Live? live;
        lock (_gate)
        {
            if (!_live.TryGetValue(conversation.Id, out live) || conversation.Status != ConversationStatus.AwaitingHuman)
            {
                return false;
            }

            live.Session.End(HandoffOutcome.Cancelled, now);
            Persist(conversation.ReturnToBot("cancelled", Person, now));
            _live.Remove(conversation.Id);
        }

        conversations.Unpin(conversation);
        Save(live);
        Notify(conversation.Id, HandoffChangeKind.Ended);
        return true;
    }

    /// <summary>
    /// Reads a rating (one of the five levels, optionally followed by a comment) of the service just ended, stores it
    /// (a bad one opens a 整改 work order, see <see cref="ServiceRatings"/>) and returns the conversation to Xiaoshen.
    /// False when the text is not a rating, or nothing waits for one; the conversation returns to Xiaoshen either way.
    /// </summary>
    public bool Rate(Conversation conversation, string text)
    {
        var now = time.GetUtcNow();
        var (rating, comment) = RatingParser.Parse(text, M.Ratings);
        HandoffSession? session = null;
        lock (_gate)
        {
            if (rating is not null && _rating.Remove(conversation.Id, out var pending))
            {
                session = pending.Session;
            }
            else
            {
                StopRating(conversation.Id);
            }

            if (conversation.Status == ConversationStatus.Resolved)
            {
                Persist(conversation.ReturnToBot(rating is null ? "returned" : "rated", Person, now));
            }
        }

        conversations.Unpin(conversation);
        return session is not null && ratings.RateSession(session, rating!.Value, comment);
    }

    // ---- The agents' side (called from the console) ----

    /// <summary>
    /// The agent's console (its heartbeat) or agent-API client was heard: they are online until they have not been heard
    /// for <see cref="HandoffOptions.PresenceTimeoutSeconds"/>. Coming online, they get waiting conversations.
    /// </summary>
    public Task HeardAsync(HumanAgent agent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        presence.Heard(agent.Id, now);
        List<Live> assigned;
        lock (_gate)
        {
            var state = StateOf(agent);
            state.Agent = agent;
            if (state.Online)
            {
                return Task.CompletedTask;
            }

            state.Online = true;
            assigned = AssignWaiting(now);
        }

        LogOnline(agent.Id);
        Notify(null, HandoffChangeKind.Presence);
        return AnnounceAsync(assigned, cancellationToken);
    }

    /// <summary>Available agents get conversations assigned automatically; busy ones keep theirs but get no new ones.</summary>
    public Task SetAvailableAsync(string humanAgentId, bool available, CancellationToken cancellationToken)
    {
        List<Live> assigned = [];
        lock (_gate)
        {
            if (_agents.TryGetValue(humanAgentId, out var state))
            {
                state.Available = available;
                assigned = AssignWaiting(time.GetUtcNow());
            }
        }

        Notify(null, HandoffChangeKind.Presence);
        return AnnounceAsync(assigned, cancellationToken);
    }

    /// <summary>
    /// An agent takes a waiting conversation from the queue, whichever node queued it: the database decides (a
    /// conditional claim of the open row, see <see cref="HandoffClaims"/>), so of two agents accepting at once on any
    /// nodes one gets it and the other <see cref="HandoffProblem.NotWaiting"/>.
    /// </summary>
    public async Task<HandoffProblem> AcceptAsync(Guid conversationId, HumanAgent agent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await claims.OpenAsync(conversationId, cancellationToken) is not { } row)
        {
            return HandoffProblem.NotFound;
        }

        Live? live;
        lock (_gate)
        {
            _live.TryGetValue(conversationId, out live);
        }

        // Queued on another node: this node takes it up from the rows.
        live ??= await FromRowsAsync(row, cancellationToken);
        if (live is null)
        {
            return HandoffProblem.NotFound;
        }

        if (row.HumanAgentId is not null || live.Conversation.Status != ConversationStatus.AwaitingHuman)
        {
            await RefreshAsync(live.Conversation, cancellationToken);
            return HandoffProblem.NotWaiting;
        }

        if (!MaySee(agent, live))
        {
            return HandoffProblem.NotInGroup;
        }

        row.Assign(agent.Id, now);
        if (!await claims.ClaimAsync(row, cancellationToken))
        {
            await RefreshAsync(live.Conversation, cancellationToken);
            return HandoffProblem.NotWaiting;
        }

        lock (_gate)
        {
            // Won in the database; this node's copy follows (it may have been taken up here meanwhile).
            live = _live.TryGetValue(conversationId, out var held) ? held : _live[conversationId] = live;
            if (live.Conversation.Status == ConversationStatus.AwaitingHuman)
            {
                Assign(live, StateOf(agent), now);
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
    /// taken it since this node queued it. Called before the person's message is relayed and when an accept loses.
    /// </summary>
    public async Task RefreshAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.Status != ConversationStatus.AwaitingHuman)
        {
            return;
        }

        if (await claims.OpenAsync(conversation.Id, cancellationToken) is not { HumanAgentId: { } taker } row)
        {
            return;
        }

        lock (_gate)
        {
            if (!_live.TryGetValue(conversation.Id, out var live) || live.Session.Id != row.Id || live.Conversation.Status != ConversationStatus.AwaitingHuman)
            {
                return;
            }

            // The other node recorded the transition; this one only takes the state.
            live.Conversation.AssignTo(taker, row.AssignedAt ?? time.GetUtcNow());
            _live[conversation.Id] = new Live(live.Conversation, row, live.Routing, live.Order);
        }

        Notify(conversation.Id, HandoffChangeKind.Assigned);
    }

    // A conversation queued on another node, from its stored rows; null when it is no longer in human hands.
    private async Task<Live?> FromRowsAsync(HandoffSession row, CancellationToken cancellationToken)
    {
        if (await conversations.ReadAsync(row.ConversationId, cancellationToken) is not { IsWithHumans: true } conversation
            || availability.FindDepartment(row.DepartmentId) is not { } department)
        {
            return null;
        }

        lock (_gate)
        {
            return NewLive(conversation, row.Copy(), HandoffAvailability.Route(department, row.MatterId, row.Reason));
        }
    }

    /// <summary>An agent's message (text and files) to the person, delivered through the person's channel.</summary>
    public async Task<(HandoffProblem Problem, DeliveryResult? Delivery)> SendAsync(Guid conversationId, HumanAgent agent, string text, IReadOnlyList<TurnAttachment> attachments, IReadOnlyList<ReplyAttachment> files, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Live? live;
        lock (_gate)
        {
            if (!_live.TryGetValue(conversationId, out live))
            {
                return (HandoffProblem.NotFound, null);
            }

            if (live.Conversation.Status != ConversationStatus.WithHuman || live.Conversation.HumanAgentId != agent.Id)
            {
                return (HandoffProblem.NotYours, null);
            }

            if (string.IsNullOrWhiteSpace(text) && attachments.Count == 0)
            {
                return (HandoffProblem.EmptyMessage, null);
            }

            if (text.Length > MaxMessageLength)
            {
                return (HandoffProblem.MessageTooLong, null);
            }

            live.Session.AgentWrote(now);
        }

        conversations.Append(live.Conversation, Turn.FromAgent(agent.Id, text.Trim(), now, attachments));
        Save(live);
        var result = await delivery.DeliverAsync(live.Conversation, [new OutboundReply(text.Trim()) { Attachments = files, SenderName = agent.DisplayName, SenderDepartment = availability.DepartmentNameOf(agent, live.Routing, M.DutyTeam) }], cancellationToken);
        Notify(conversationId, HandoffChangeKind.Message);
        return (HandoffProblem.None, result);
    }

    /// <summary>The agent has read the person's messages.</summary>
    public void Seen(Guid conversationId)
    {
        lock (_gate)
        {
            if (_live.TryGetValue(conversationId, out var live) && live.Session.PersonMessagesUnseen > 0)
            {
                live.Session.Seen();
                Save(live);
            }
        }
    }

    /// <summary>Hands the conversation to another department, with a note for its agents; the transcript goes along.</summary>
    public async Task<HandoffProblem> TransferAsync(Guid conversationId, HumanAgent agent, string departmentId, string? note, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (availability.FindDepartment(departmentId) is not { } department)
        {
            return HandoffProblem.UnknownDepartment;
        }

        Live? previous;
        Live next;
        string? taken;
        (string Status, IReadOnlyList<string> Actions) waiting = (string.Empty, []);
        lock (_gate)
        {
            if (!_live.TryGetValue(conversationId, out previous))
            {
                return HandoffProblem.NotFound;
            }

            if (!MayAct(agent, previous))
            {
                return HandoffProblem.NotYours;
            }

            previous.Session.End(HandoffOutcome.Transferred, now);
            Release(previous);
            var routing = HandoffAvailability.Route(department, previous.Routing.MatterId, previous.Routing.Reason);
            Persist(previous.Conversation.Queue(department.Id, "transferred", agent.Id, now));
            next = NewLive(previous.Conversation, HandoffSession.Open(previous.Conversation, routing, previous.Session.CandidatesJson, note, now), routing);
            _live[conversationId] = next;
            taken = Options.Assignment == AssignmentMode.Auto ? TryAssign(next, now) : null;
            if (taken is null)
            {
                waiting = Waiting(next, now);
            }
        }

        var transferNote = ConversationMessages.Fill(M.TransferNote, ("From", previous.Routing.DepartmentName), ("To", department.Name), ("Agent", agent.DisplayName), ("Note", note ?? string.Empty));
        conversations.Append(next.Conversation, Turn.FromSystem(transferNote, now, "transferred", agent.Id));
        Save(previous);
        Save(next);
        LogTransferred(conversationId, previous.Routing.DepartmentId, department.Id, agent.Id);
        await TellAsync(next.Conversation, ConversationMessages.Fill(M.Transferred, ("Department", department.Name), ("Status", waiting.Status)), waiting.Actions, cancellationToken);
        Notify(conversationId, HandoffChangeKind.Transferred);
        await AnnounceAsync(taken is null ? [] : [next], cancellationToken);
        return HandoffProblem.None;
    }

    /// <summary>The outcomes an agent chooses from when closing (the others are recorded by the service itself).</summary>
    public static readonly IReadOnlyList<HandoffOutcome> AgentOutcomes = [HandoffOutcome.Resolved, HandoffOutcome.NotResolved, HandoffOutcome.Referred12345];

    /// <summary>Ends the human service with an outcome and asks the person to rate it.</summary>
    public async Task<HandoffProblem> CloseAsync(Guid conversationId, HumanAgent agent, HandoffOutcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Live? live;
        lock (_gate)
        {
            if (!_live.TryGetValue(conversationId, out live))
            {
                return HandoffProblem.NotFound;
            }

            if (!MayAct(agent, live))
            {
                return HandoffProblem.NotYours;
            }

            End(live, outcome, agent.Id, now);
        }

        Save(live);
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

    /// <summary>This node's copies of conversations in human hands, with their place among those queued at the same instant.</summary>
    internal IReadOnlyDictionary<Guid, (HandoffView View, long Order)> Held()
    {
        lock (_gate)
        {
            return _live.ToDictionary(l => l.Key, l => (View(l.Value), l.Value.Order));
        }
    }

    /// <summary>Every conversation in human hands (supervisors).</summary>
    public IReadOnlyList<HandoffView> All()
    {
        lock (_gate)
        {
            return _live.Values.OrderBy(l => l.Session.QueuedAt).Select(View).ToList();
        }
    }

    /// <summary>
    /// Whether <paramref name="agent"/> may read the conversation (its transcript, its context): the agent answering it,
    /// its group while it waits in their queue (the backup group once escalated), or a supervisor. Same rules as acting on it.
    /// </summary>
    public bool MayRead(Guid conversationId, HumanAgent agent)
    {
        lock (_gate)
        {
            return _live.TryGetValue(conversationId, out var live) && MayAct(agent, live);
        }
    }

    public HandoffView? Find(Guid conversationId)
    {
        lock (_gate)
        {
            return _live.TryGetValue(conversationId, out var live) ? View(live) : null;
        }
    }

    public IReadOnlyList<HumanAgentStatus> Agents()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _agents.Values.OrderBy(p => p.Agent.Id, StringComparer.Ordinal)
                .Select(p => new HumanAgentStatus(p.Agent.Id, p.Agent.DisplayName, p.Agent.GroupList, IsOnline(p.Agent.Id, now), p.Available, p.Active.Count, p.Agent.MaxActiveChats))
                .ToList();
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
        var tell = new List<(Conversation Conversation, string Text, IReadOnlyList<string> Actions)>();
        var changed = new List<HandoffChange>();
        List<Live> assigned;
        lock (_gate)
        {
            foreach (var live in _live.Values.ToList())
            {
                var status = live.Conversation.Status;
                if (status == ConversationStatus.AwaitingHuman && live.Session.EscalatedAt is null && now - live.Session.QueuedAt >= TimeSpan.FromSeconds(o.EscalateAfterSeconds))
                {
                    live.Session.Escalate(now);
                    LogEscalated(live.Conversation.Id, live.Routing.DepartmentId, live.Routing.BackupGroup ?? "-");
                    changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Escalated));
                    Save(live);
                }

                if (status == ConversationStatus.AwaitingHuman && availability.FindDepartment(live.Routing.DepartmentId) is { } department && !availability.IsOpen(department))
                {
                    live.Session.End(HandoffOutcome.ClosedAfterHours, now);
                    Persist(live.Conversation.ReturnToBot("department-closed", System, now));
                    _live.Remove(live.Conversation.Id);
                    conversations.Unpin(live.Conversation);
                    tell.Add((live.Conversation, ConversationMessages.Fill(M.DepartmentClosedWhileWaiting, ("Department", department.Name)), [M.LeaveMessageButton]));
                    changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Ended));
                    Save(live);
                    continue;
                }

                if (status == ConversationStatus.WithHuman && live.Session.AwaitsPerson)
                {
                    var silent = now - live.Session.LastPersonAt;
                    if (live.Session.RemindedAt is null && silent >= TimeSpan.FromMinutes(o.PersonSilentReminderMinutes))
                    {
                        live.Session.Reminded(now);
                        Save(live);
                        tell.Add((live.Conversation, ConversationMessages.Fill(M.PersonSilentReminder, ("Minutes", o.PersonSilentCloseMinutes.ToString(CultureInfo.InvariantCulture))), []));
                    }
                    else if (live.Session.RemindedAt is { } reminded && now - reminded >= TimeSpan.FromMinutes(o.PersonSilentCloseMinutes))
                    {
                        End(live, HandoffOutcome.PersonSilent, System, now);
                        StopRating(live.Conversation.Id);
                        conversations.Unpin(live.Conversation);
                        Persist(live.Conversation.ReturnToBot("person-silent", System, now));
                        tell.Add((live.Conversation, M.PersonSilentClosed, []));
                        changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Ended));
                        Save(live);
                    }
                }
            }

            foreach (var state in _agents.Values)
            {
                var online = IsOnline(state.Agent.Id, now);
                if (state.Online && !online)
                {
                    LogAway(state.Agent.Id);
                    changed.Add(new HandoffChange(null, HandoffChangeKind.Presence));
                }

                state.Online = online;
                if (online || state.Active.Count == 0)
                {
                    continue;
                }

                foreach (var live in _live.Values.Where(l => state.Active.Contains(l.Conversation.Id)).ToList())
                {
                    live.Session.Unassign();
                    state.Active.Remove(live.Conversation.Id);
                    Persist(live.Conversation.Queue(live.Routing.DepartmentId, "agent-away", System, now));
                    LogRequeued(live.Conversation.Id, state.Agent.Id);
                    live.Session.Told(now);
                    var (status, actions) = Waiting(live, now);
                    tell.Add((live.Conversation, ConversationMessages.Fill(M.AgentLost, ("Agent", state.Agent.DisplayName), ("Status", status)), actions));
                    changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Queued));
                    Save(live);
                }
            }

            foreach (var (id, pending) in _rating.Where(r => r.Value.Session.RatingOpenUntil < now).ToList())
            {
                StopRating(id);
                conversations.Unpin(pending.Conversation);
            }

            assigned = AssignWaiting(now);
            foreach (var live in _live.Values.Where(l => l.Conversation.Status == ConversationStatus.AwaitingHuman && now - l.Session.ToldAt >= TimeSpan.FromSeconds(o.WaitingUpdateSeconds)))
            {
                live.Session.Told(now);
                Save(live);
                var (status, actions) = Waiting(live, now);
                tell.Add((live.Conversation, ConversationMessages.Fill(M.WaitingUpdate, ("Status", status)), actions));
            }
        }

        foreach (var (conversation, text, actions) in tell)
        {
            await TellAsync(conversation, text, actions, cancellationToken);
        }

        await AnnounceAsync(assigned, cancellationToken);

        foreach (var change in changed)
        {
            Changed?.Invoke(change);
        }
    }

    /// <summary>Completes once <see cref="RestoreAsync"/> has put back what was open before the start.</summary>
    public Task Restored => _restored.Task;

    /// <summary>
    /// After a restart, conversations still in human hands wait in their queues again (their agents re-accept them),
    /// and a rating asked before the restart is still read as one while its window lasts.
    /// </summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<HandoffSession> open;
        List<HandoffSession> asking;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            open = await db.HandoffSessions.Where(s => s.EndedAt == null).ToListAsync(cancellationToken);
            // Stored times are UTC (StoredText), and SQLite compares them as numbers: compare in UTC too.
            var utc = now.ToUniversalTime();
            asking = await db.HandoffSessions.Where(s => s.EndedAt != null && s.Rating == null && s.RatingOpenUntil > utc).ToListAsync(cancellationToken);
        }

        foreach (var session in asking)
        {
            if (await conversations.FindAsync(session.ConversationId, cancellationToken) is { Status: ConversationStatus.Resolved } conversation)
            {
                lock (_gate)
                {
                    _rating[conversation.Id] = (conversation, session);
                }

                conversations.Pin(conversation);
            }
        }

        foreach (var session in open)
        {
            if (await conversations.FindAsync(session.ConversationId, cancellationToken) is not { IsWithHumans: true } conversation
                || availability.FindDepartment(session.DepartmentId) is not { } department)
            {
                continue;
            }

            var routing = HandoffAvailability.Route(department, session.MatterId, session.Reason);
            lock (_gate)
            {
                if (conversation.Status == ConversationStatus.WithHuman)
                {
                    session.Unassign();
                    Persist(conversation.Queue(department.Id, "restarted", System, now));
                }

                _live[conversation.Id] = NewLive(conversation, session, routing);
            }

            conversations.Pin(conversation);
            conversations.Save(conversation);
            writer.Upsert(session, s => s.Id == session.Id);
        }

        _restored.TrySetResult();
    }

    // ---- Inside the lock ----

    private string? TryAssign(Live live, DateTimeOffset now)
    {
        var snapshot = _agents.Values.Select(p => new HumanAgentSnapshot(p.Agent.Id, p.Agent.GroupList, p.Available && IsOnline(p.Agent.Id, now), p.Active.Count, p.Agent.MaxActiveChats, p.LastAssignedAt)).ToList();
        var chosen = AssignmentPolicy.Choose(snapshot, live.Routing.AgentGroup)
            ?? (live.Session.EscalatedAt is not null && live.Routing.BackupGroup is { } backup ? AssignmentPolicy.Choose(snapshot, backup) : null);
        if (chosen is not null)
        {
            Assign(live, _agents[chosen], now);
        }

        return chosen;
    }

    private List<Live> AssignWaiting(DateTimeOffset now)
    {
        if (Options.Assignment != AssignmentMode.Auto)
        {
            return [];
        }

        var assigned = _live.Values.Where(l => l.Conversation.Status == ConversationStatus.AwaitingHuman)
            .OrderBy(l => l.Session.QueuedAt)
            .ThenBy(l => l.Order)
            .Where(l => TryAssign(l, now) is not null)
            .ToList();
        assigned.ForEach(Save);
        return assigned;
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

    private void Assign(Live live, AgentState state, DateTimeOffset now)
    {
        Persist(live.Conversation.AssignTo(state.Agent.Id, now));
        live.Session.Assign(state.Agent.Id, now);
        state.Active.Add(live.Conversation.Id);
        state.LastAssignedAt = now;
        var waits = _waits.TryGetValue(live.Routing.DepartmentId, out var known) ? known : _waits[live.Routing.DepartmentId] = new Queue<double>();
        waits.Enqueue((now - live.Session.QueuedAt).TotalSeconds);
        while (waits.Count > WaitSamplesKept)
        {
            waits.Dequeue();
        }

        LogAssigned(live.Conversation.Id, state.Agent.Id);
    }

    private void End(Live live, HandoffOutcome outcome, string actor, DateTimeOffset now)
    {
        live.Session.End(outcome, now);
        Release(live);
        Persist(live.Conversation.Resolve(outcome.ToString(), actor, now));
        _live.Remove(live.Conversation.Id);
        live.Session.AskRating(now + RatingWindow);
        _rating[live.Conversation.Id] = (live.Conversation, live.Session);
    }

    // No rating is awaited for the conversation any more (the row keeps that too).
    private void StopRating(Guid conversationId)
    {
        if (_rating.Remove(conversationId, out var pending) && pending.Session.RatingOpenUntil is not null)
        {
            pending.Session.StopAskingRating();
            writer.Upsert(pending.Session, s => s.Id == pending.Session.Id);
        }
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

    private int Ahead(Live live)
    {
        lock (_gate)
        {
            return live.Conversation.Status != ConversationStatus.AwaitingHuman
                ? 0
                : _live.Values.Count(l => l.Conversation.Status == ConversationStatus.AwaitingHuman && l.Routing.DepartmentId == live.Routing.DepartmentId
                    && (l.Session.QueuedAt, l.Order).CompareTo((live.Session.QueuedAt, live.Order)) < 0);
        }
    }

    // Only what is true: nobody online is said so, with a message offered; a wait is given only from waits measured lately.
    private (string Status, IReadOnlyList<string> Actions) Waiting(Live live, DateTimeOffset now)
    {
        var ahead = Ahead(live);
        var place = ahead.ToString(CultureInfo.InvariantCulture);
        var online = Online(live.Routing.AgentGroup, now).ToList();
        if (online.Count == 0)
        {
            return (ConversationMessages.Fill(M.WaitingStatusNobodyOnline, ("Ahead", place), ("Department", live.Routing.DepartmentName)), [M.LeaveMessageButton, M.CancelWord]);
        }

        var wait = ExpectedWait(live.Routing.DepartmentId, ahead, online.Count(p => p.Available));
        return (ConversationMessages.Fill(M.WaitingStatus, ("Ahead", place), ("Wait", WaitText(wait))), [M.CancelWord]);
    }

    // People ahead, served by the group's available agents at the pace measured lately; null when there is nothing to go by.
    private TimeSpan? ExpectedWait(string departmentId, int ahead, int serving) =>
        serving > 0 && _waits.TryGetValue(departmentId, out var waits) && waits.Count > 0
            ? TimeSpan.FromSeconds(waits.Average() * (1 + (ahead / serving)))
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

    private void Save(Live live)
    {
        conversations.Save(live.Conversation);
        writer.Upsert(live.Session, s => s.Id == live.Session.Id);
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

        public HandoffSession Session { get; } = session;

        public Routing Routing { get; } = routing;
    }

    /// <summary>A human agent known to this node: availability, conversations, and whether they were online at the last look.</summary>
    private sealed class AgentState(HumanAgent agent)
    {
        public HumanAgent Agent { get; set; } = agent;

        public bool Available { get; set; } = true;

        /// <summary>Online at the last heartbeat or tick; the truth is <see cref="IHumanAgentPresence"/> (this notices changes).</summary>
        public bool Online { get; set; }

        public DateTimeOffset? LastAssignedAt { get; set; }

        public HashSet<Guid> Active { get; } = [];
    }
}
