namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The person's 好差评 of a conversation with 小申 itself (asked with 评价小申), once per conversation; 有帮助 / 没帮助 stays
/// the signal on each answer (<see cref="Conversations.Feedback"/>).
/// </summary>
public sealed class BotRating
{
    private BotRating()
    {
    }

    public Guid Id { get; private set; }

    public Guid ConversationId { get; private set; }

    public string Channel { get; private set; } = string.Empty;

    /// <summary>The matter talked about last, whose department answers for the content.</summary>
    public string? MatterId { get; private set; }

    public ServiceRating Rating { get; private set; }

    /// <summary>The person's comment (masked).</summary>
    public string? Comment { get; private set; }

    public DateTimeOffset RatedAt { get; private set; }

    public static BotRating Of(Guid conversationId, string channel, string? matterId, ServiceRating rating, string? comment, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ConversationId = conversationId,
        Channel = channel,
        MatterId = matterId,
        Rating = rating,
        Comment = comment,
        RatedAt = now,
    };

    /// <summary>
    /// Until when the person's next message is asked for as the comment of a bad rating given without one; null when
    /// none is wanted. Kept in the row, so the message is read as the comment on whichever node it reaches.
    /// </summary>
    public DateTimeOffset? CommentWantedUntil { get; private set; }

    /// <summary>The person's next message until <paramref name="until"/> is asked for as this rating's comment.</summary>
    public void AskComment(DateTimeOffset until) => CommentWantedUntil = until;

    public void Commented(string comment)
    {
        Comment ??= comment;
        CommentWantedUntil = null;
    }
}
