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

    /// <summary>Numbers a new turn of this conversation. The turn is saved on its own; <see cref="Turns"/> is only filled when the transcript is loaded.</summary>
    public Turn Record(Turn turn)
    {
        turn.AttachTo(this, ++TurnCount);
        UpdatedAt = turn.At;
        return turn;
    }

    /// <summary>
    /// Records that a human agent is wanted and why. Until the handoff queue exists the conversation stays with the bot;
    /// the returned event says whether this is a new request (not repeated within the same minute for the same reason).
    /// </summary>
    public HandoffRequested? RequestHandoff(HandoffReason reason, DateTimeOffset now)
    {
        var repeated = HandoffReason == reason && HandoffRequestedAt is { } at && now - at < TimeSpan.FromMinutes(1);
        HandoffReason = reason;
        HandoffRequestedAt = now;
        UpdatedAt = now;
        return repeated ? null : new HandoffRequested(Id, reason, now);
    }
}
