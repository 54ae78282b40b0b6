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

    public void Commented(string comment) => Comment ??= comment;
}
