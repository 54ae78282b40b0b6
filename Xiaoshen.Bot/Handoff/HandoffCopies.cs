using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// What this node holds of the handoff, shared by intake, queue commands, presence, the clock and the board: its copies of
/// the open <see cref="HandoffSession"/> rows it acts on (with their conversation and routing) and the one lock over
/// them (<see cref="Gate"/>). The human agents are not kept here: every node reads them alike
/// (<see cref="HumanAgentRoster"/>, and their chats from the rows). The rows are the truth: <see cref="CurrentAsync"/> brings a copy up to
/// its row before it is acted on, and <see cref="ChangeAsync"/> stores a change only while the row is as this node knew
/// it. Raises <see cref="Changed"/> after every change. Singleton, thread-safe.
/// </summary>
public sealed partial class HandoffCopies(
    ConversationStore conversations,
    StorageWriter writer,
    HandoffAvailability availability,
    HandoffClaims claims,
    TimeProvider time,
    ILogger<HandoffCopies> logger)
{
    internal const string System = "system";
    internal const string Person = "person";

    /// <summary>How long the person's next message is read as a rating once the service ended.</summary>
    internal static readonly TimeSpan RatingWindow = TimeSpan.FromHours(1);

    private readonly Dictionary<Guid, HandoffCopy> _live = [];

    // Rows this node ended, newest last: a read of one taken before its end (a concurrent tick's) must not take the
    // conversation back into human hands. A row never opens again once ended (a new handoff is a new row), so only the
    // newest few are kept: a read is stale for moments, not for thousands of handoffs.
    private readonly HashSet<Guid> _ended = [];
    private readonly Queue<Guid> _endedOrder = new();
    private const int EndedKept = 4096;

    // Breaks ties between conversations queued at the same instant, so each has its own place.
    private long _queued;

    /// <summary>Raised after every change, outside the lock; handlers must not block.</summary>
    public event Action<HandoffChange>? Changed;

    /// <summary>The lock over the copies; the members below marked "under the gate" need it held.</summary>
    internal object Gate { get; } = new();

    /// <summary>Completes at the next change of <paramref name="conversationId"/>; dispose to stop listening. Subscribe before reading, so nothing falls in between.</summary>
    public HandoffChangeWaiter WaitForChange(Guid conversationId, IChangeFeed? otherNodes = null) => new(this, conversationId, otherNodes);

    // ---- Under the gate ----

    internal HandoffCopy? Find(Guid conversationId) => _live.GetValueOrDefault(conversationId);

    internal IEnumerable<HandoffCopy> All => _live.Values;

    /// <summary>A new copy, this node's copy of its conversation from now on, placed after those queued before.</summary>
    internal HandoffCopy Open(Conversation conversation, HandoffSession session, Routing routing) => _live[conversation.Id] = new(conversation, session, routing, ++_queued);

    internal void Put(HandoffCopy copy) => _live[copy.Conversation.Id] = copy;

    internal void Drop(Guid conversationId) => _live.Remove(conversationId);

    internal long NextOrder() => ++_queued;

    // The row is the agent's: the conversation follows. Their chats and when they last got one are read from the rows.
    internal void Took(HandoffCopy live, string humanAgentId, DateTimeOffset now)
    {
        Persist(live.Conversation.AssignTo(humanAgentId, now));
        LogAssigned(live.Conversation.Id, humanAgentId);
    }

    /// <summary>The row is ended and asks for a rating (its RatingOpenUntil, read by any node): the conversation is resolved.</summary>
    internal void Ended(HandoffCopy live, HandoffOutcome outcome, string actor, DateTimeOffset now)
    {
        Persist(live.Conversation.Resolve(outcome.ToString(), actor, now));
        _live.Remove(live.Conversation.Id);
    }

    internal HandoffView View(HandoffCopy live) => new(
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

    // ---- Who may do what ----

    internal static bool MaySee(HumanAgent agent, HandoffCopy live) => MaySee(agent, live.Routing, live.Session.EscalatedAt);

    /// <summary>Whether the agent may see (and take) a conversation waiting for <paramref name="routing"/>: its group, the backup group once escalated, supervisors.</summary>
    public static bool MaySee(HumanAgent agent, Routing routing, DateTimeOffset? escalatedAt)
    {
        var groups = agent.GroupList;
        return agent.RoleList.Contains(HumanAgent.SupervisorRole) || groups.Contains(routing.AgentGroup)
            || (escalatedAt is not null && routing.BackupGroup is { } backup && groups.Contains(backup));
    }

    internal static bool MayAct(HumanAgent agent, HandoffCopy live) =>
        live.Conversation.HumanAgentId == agent.Id || agent.RoleList.Contains(HumanAgent.SupervisorRole)
        || (live.Conversation.Status == ConversationStatus.AwaitingHuman && MaySee(agent, live));

    // ---- Following the rows ----

    /// <summary>
    /// This node's copy of the conversation's open row, brought up to the row as stored (after this node's pending
    /// writes): taken up from the rows when another node queued it or changed it since this node last knew it. Null
    /// when no row is open; a copy this node still holds then is dropped and the conversation follows its stored state
    /// (another node closed it, or it was cancelled there). <paramref name="known"/> is the conversation a turn holds.
    /// </summary>
    internal async Task<HandoffCopy?> CurrentAsync(Guid conversationId, Conversation? known, CancellationToken cancellationToken) =>
        await FollowAsync(conversationId, await claims.OpenAsync(conversationId, cancellationToken), known, cancellationToken);

    /// <summary>This node's copy brought up to <paramref name="row"/>, the conversation's open row as just read (null: none is open).</summary>
    internal async Task<HandoffCopy?> FollowAsync(Guid conversationId, HandoffSession? row, Conversation? known, CancellationToken cancellationToken)
    {
        HandoffCopy? held;
        lock (Gate)
        {
            // A row this node has ended since it was read: the conversation has already left human hands here.
            if (row is not null && _ended.Contains(row.Id))
            {
                return null;
            }

            _live.TryGetValue(conversationId, out held);

            // The same version, or a row read before a change this node has stored since (versions only grow): the copy
            // is current. Replacing it with the older row would also leave whoever holds the copy (a concurrent tick)
            // acting on a copy no longer held, so nobody would act.
            if (held is not null && row is not null && held.Session.Id == row.Id && (held.Session.Version == row.Version || held.Stored > row.Version))
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

        HandoffCopy live;
        bool moved;
        lock (Gate)
        {
            if (_ended.Contains(row.Id))
            {
                return null;
            }

            if (_live.TryGetValue(conversationId, out var now) && now != held && now.Session.Id == row.Id && (now.Session.Version == row.Version || now.Stored > row.Version))
            {
                return now;
            }

            moved = conversation.HumanAgentId != row.HumanAgentId || !conversation.IsWithHumans;
            conversation.Follow(row.HumanAgentId is null ? ConversationStatus.AwaitingHuman : ConversationStatus.WithHuman, row.DepartmentId, row.HumanAgentId, time.GetUtcNow());
            live = new HandoffCopy(conversation, row, HandoffAvailability.Route(department, row.MatterId, row.Reason), held?.Order ?? ++_queued);
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
    private async Task EndedElsewhereAsync(Conversation conversation, HandoffCopy? held, CancellationToken cancellationToken)
    {
        conversations.Unpin(conversation);
        if (await conversations.ReadAsync(conversation.Id, cancellationToken) is not { } stored)
        {
            return;
        }

        // The row is ended but the conversation is not stored as the bot's yet: whoever ended the row saves it next. On
        // this node that is a tick or command holding this very conversation, so it stays the cached one; the copy just
        // read would otherwise stay cached in human hands after the close, and be what the next turn finds and saves.
        if (stored.IsWithHumans)
        {
            conversations.Keep(conversation);
            return;
        }

        lock (Gate)
        {
            if (held is not null && _live.TryGetValue(conversation.Id, out var now) && now == held)
            {
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
    internal async Task<(HandoffProblem Problem, HandoffCopy? Live)> ChangeAsync(Guid conversationId, Conversation? known, Func<HandoffCopy, HandoffSession, HandoffProblem> decide, CancellationToken cancellationToken)
    {
        // First on the copy this node holds, without reading the row (a relayed message's turn has just brought it up
        // to the row): a change that the copy allows is stored only if the row is still at the copy's version, so a
        // copy that is no longer current costs one refused UPDATE, and the change is decided again on the row as read.
        // A refusal or no change at all is never taken from the held copy alone.
        HandoffCopy? held;
        lock (Gate)
        {
            held = _live.GetValueOrDefault(conversationId);
        }

        if (held is not null && Decide(held, decide) is (HandoffProblem.None, { } changed, var from) && changed.Version != from
            && await StoreAsync(held, changed, from, cancellationToken))
        {
            return (HandoffProblem.None, held);
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await CurrentAsync(conversationId, known, cancellationToken) is not { } live)
            {
                return (HandoffProblem.NotFound, null);
            }

            var (problem, row, seen) = Decide(live, decide);
            if (problem != HandoffProblem.None || row.Version == seen)
            {
                return (problem, live);
            }

            if (await StoreAsync(live, row, seen, cancellationToken))
            {
                return (HandoffProblem.None, live);
            }
        }

        LogConflict(conversationId);
        return (HandoffProblem.Conflict, null);
    }

    // The request decided on a copy of the copy's row: the problem, the changed row, the version it was changed from.
    private (HandoffProblem Problem, HandoffSession Row, long Seen) Decide(HandoffCopy live, Func<HandoffCopy, HandoffSession, HandoffProblem> decide)
    {
        lock (Gate)
        {
            var row = live.Session.Copy();
            return (decide(live, row), row, live.Session.Version);
        }
    }

    /// <summary>A changed copy of the row, stored if the row is still at version <paramref name="seen"/>; the node's copy then takes it.</summary>
    internal async Task<bool> StoreAsync(HandoffCopy live, HandoffSession row, long seen, CancellationToken cancellationToken)
    {
        if (!await claims.StoreAsync(row, seen, cancellationToken))
        {
            return false;
        }

        lock (Gate)
        {
            if (live.Session.Version == seen)
            {
                live.Took(row);
            }

            if (row.EndedAt is not null && _ended.Add(row.Id))
            {
                _endedOrder.Enqueue(row.Id);
                if (_endedOrder.Count > EndedKept)
                {
                    _ended.Remove(_endedOrder.Dequeue());
                }
            }
        }

        return true;
    }

    // ---- Writing ----

    internal void Persist(ConversationTransition transition) => writer.Enqueue(db => db.Transitions.Add(transition));

    /// <summary>
    /// The conversation and this node's changes of the row, written behind; a change of the row is stored only if no
    /// other node changed it since this node last knew it (else the stored row wins, see HandoffClaims.StoreBehind).
    /// </summary>
    internal void Save(HandoffCopy live)
    {
        conversations.Save(live.Conversation);
        if (live.Session.Version != live.Stored)
        {
            claims.StoreBehind(live.Session, live.Stored);
            live.Stored = live.Session.Version;
        }
    }

    /// <summary>A row new to the database (queued, transferred), written behind.</summary>
    internal void Insert(HandoffCopy live)
    {
        conversations.Save(live.Conversation);
        claims.InsertBehind(live.Session);
        live.Stored = live.Session.Version;
    }

    internal void Notify(Guid? conversationId, HandoffChangeKind kind) => Notify(new HandoffChange(conversationId, kind));

    internal void Notify(HandoffChange change) => Changed?.Invoke(change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} assigned to {HumanAgentId}")]
    private partial void LogAssigned(Guid conversationId, string humanAgentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: its handoff row changed on another node twice while a change was decided; refused")]
    private partial void LogConflict(Guid conversationId);
}
