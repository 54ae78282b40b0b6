namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The 回访 of one bad rating: whom to call back (the conversation the rating was given in, on its channel), by when, and
/// once done, who called, when and what the person said. Every bad rating is given inside a conversation, so every one is
/// named and gets one.
/// </summary>
public sealed class RatingFollowUp
{
    private RatingFollowUp()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid ConversationId { get; private set; }

    public string Channel { get; private set; } = string.Empty;

    /// <summary>The promise: within one working day of the rating.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset? ContactedAt { get; private set; }

    public string? ContactedBy { get; private set; }

    /// <summary>What the person said when called back (masked).</summary>
    public string? Result { get; private set; }

    public static RatingFollowUp For(RectificationOrder order, string channel) => new()
    {
        Id = Guid.NewGuid(),
        OrderId = order.Id,
        ConversationId = order.ConversationId,
        Channel = channel,
        DueAt = order.ContactDueAt,
    };

    public void Done(string humanAgentId, string result, DateTimeOffset now)
    {
        ContactedAt = now;
        ContactedBy = humanAgentId;
        Result = result;
    }
}
