namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// One conversation of one person on one channel, with its transcript. The rules about it live here; services only load,
/// call and save.
/// </summary>
public sealed class Conversation
{
    private readonly List<Turn> _turns = [];

    private Conversation()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Channel id as the channel names itself (webchat, emulator, wechat…).</summary>
    public string Channel { get; private set; } = string.Empty;

    /// <summary>The channel's own conversation id.</summary>
    public string ChannelConversationId { get; private set; } = string.Empty;

    /// <summary>The channel's user id (not personal data: a channel-scoped opaque id).</summary>
    public string? UserId { get; private set; }

    public ConversationStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Why a human was asked for, the last time one was; null when never.</summary>
    public HandoffReason? HandoffReason { get; private set; }

    public DateTimeOffset? HandoffRequestedAt { get; private set; }

    /// <summary>The department whose agents the conversation is routed to while with humans; null before the first handoff.</summary>
    public string? DepartmentId { get; private set; }

    /// <summary>The human agent answering, while <see cref="ConversationStatus.WithHuman"/>.</summary>
    public string? HumanAgentId { get; private set; }

    /// <summary>How many turns the conversation has (the transcript itself is loaded only when needed).</summary>
    public int TurnCount { get; private set; }

    /// <summary>Turns in order, when loaded.</summary>
    public IReadOnlyList<Turn> Turns => _turns;

    public static Conversation Start(string channel, string channelConversationId, string? userId, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        Channel = channel,
        ChannelConversationId = channelConversationId,
        UserId = userId,
        Status = ConversationStatus.Bot,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// Makes a new turn this conversation's. The database numbers it when it is stored (<see cref="Counted"/>), so nodes
    /// that append to one conversation never give two turns one number. The turn is saved on its own; <see cref="Turns"/>
    /// is only filled when the transcript is loaded.
    /// </summary>
    public Turn Record(Turn turn)
    {
        turn.AttachTo(this);
        UpdatedAt = turn.At;
        return turn;
    }

    /// <summary>
    /// Records and numbers a turn of a conversation that is written whole in one transaction and by nobody else (an
    /// import or synthetic data); live turns go through <see cref="Record"/> and are numbered by the database.
    /// </summary>
    public Turn RecordNumbered(Turn turn)
    {
        Record(turn).Number(TurnCount + 1);
        Counted(TurnCount + 1);
        return turn;
    }

    /// <summary>Takes the number the database gave one of its turns: the count only grows.</summary>
    public void Counted(int sequence) => TurnCount = Math.Max(TurnCount, sequence);

    /// <summary>
    /// Records that a human agent is wanted and why; the returned event says whether this is a new request (not repeated
    /// within the same minute for the same reason). Whether the conversation is queued is decided by the handoff.
    /// </summary>
    public HandoffRequested? RequestHandoff(HandoffReason reason, DateTimeOffset now)
    {
        var repeated = HandoffReason == reason && HandoffRequestedAt is { } at && now - at < TimeSpan.FromMinutes(1);
        HandoffReason = reason;
        HandoffRequestedAt = now;
        UpdatedAt = now;
        return repeated ? null : new HandoffRequested(Id, reason, now);
    }

    /// <summary>Queues the conversation for <paramref name="departmentId"/>'s agents: a new handoff, a transfer, or an agent lost.</summary>
    public ConversationTransition Queue(string departmentId, string reason, string actor, DateTimeOffset now)
    {
        var transition = Move(ConversationStatus.AwaitingHuman, reason, actor, now);
        DepartmentId = departmentId;
        HumanAgentId = null;
        return transition;
    }

    /// <summary>A human agent takes the waiting conversation.</summary>
    public ConversationTransition AssignTo(string humanAgentId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(humanAgentId);
        var transition = Move(ConversationStatus.WithHuman, "assigned", humanAgentId, now);
        HumanAgentId = humanAgentId;
        return transition;
    }

    /// <summary>The human service ends (closed by the agent, or the person went silent); the person may rate it.</summary>
    public ConversationTransition Resolve(string reason, string actor, DateTimeOffset now)
    {
        var transition = Move(ConversationStatus.Resolved, reason, actor, now);
        HumanAgentId = null;
        return transition;
    }

    /// <summary>Xiaoshen answers again: the person cancelled the wait, rated the service, or simply asked something new.</summary>
    public ConversationTransition ReturnToBot(string reason, string actor, DateTimeOffset now)
    {
        var transition = Move(ConversationStatus.Bot, reason, actor, now);
        HumanAgentId = null;
        return transition;
    }

    /// <summary>
    /// Takes the state another node gave the conversation (its handoff row, or the stored conversation): who has it and
    /// in which department. No transition is returned: the node that made the change recorded it.
    /// </summary>
    public void Follow(ConversationStatus status, string? departmentId, string? humanAgentId, DateTimeOffset now)
    {
        if (Status == status && DepartmentId == departmentId && HumanAgentId == humanAgentId)
        {
            return;
        }

        Status = status;
        DepartmentId = departmentId;
        HumanAgentId = humanAgentId;
        UpdatedAt = now;
    }

    /// <summary>True when a person, not Xiaoshen, is answering or about to.</summary>
    public bool IsWithHumans => Status is ConversationStatus.AwaitingHuman or ConversationStatus.WithHuman;

    private static readonly Dictionary<ConversationStatus, ConversationStatus[]> Allowed = new()
    {
        [ConversationStatus.Bot] = [ConversationStatus.AwaitingHuman],
        [ConversationStatus.AwaitingHuman] = [ConversationStatus.WithHuman, ConversationStatus.AwaitingHuman, ConversationStatus.Bot, ConversationStatus.Resolved],
        [ConversationStatus.WithHuman] = [ConversationStatus.Resolved, ConversationStatus.AwaitingHuman, ConversationStatus.Bot],
        [ConversationStatus.Resolved] = [ConversationStatus.Bot, ConversationStatus.AwaitingHuman],
    };

    private ConversationTransition Move(ConversationStatus to, string reason, string actor, DateTimeOffset now)
    {
        if (!Allowed[Status].Contains(to))
        {
            throw new ConversationStateException(Id, Status, to);
        }

        var transition = new ConversationTransition(Guid.NewGuid(), Id, Status, to, now, reason, actor);
        Status = to;
        UpdatedAt = now;
        return transition;
    }
}
