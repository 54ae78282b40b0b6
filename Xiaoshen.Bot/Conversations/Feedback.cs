namespace Xiaoshen.Bot.Conversations;

/// <summary>有帮助 / 没帮助 on one bot answer.</summary>
public sealed class Feedback
{
    private Feedback()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The bot turn the feedback is about.</summary>
    public Guid TurnId { get; private set; }

    public Guid ConversationId { get; private set; }

    public bool Helpful { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static Feedback On(Guid conversationId, Guid answerTurnId, bool helpful, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        TurnId = answerTurnId,
        ConversationId = conversationId,
        Helpful = helpful,
        At = at,
    };
}
