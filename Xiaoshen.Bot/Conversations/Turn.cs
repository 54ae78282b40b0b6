namespace Xiaoshen.Bot.Conversations;

/// <summary>Who spoke in a turn.</summary>
public enum TurnRole
{
    User,
    Bot,
}

/// <summary>
/// One message of the transcript. User text is stored masked of personal data; a bot turn records the decision, matter,
/// content and index build, so any answer can be traced to the content that produced it.
/// </summary>
public sealed class Turn
{
    private Turn()
    {
    }

    public Guid Id { get; private set; }

    public Guid ConversationId { get; private set; }

    public int Sequence { get; private set; }

    public TurnRole Role { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The text, with ID, phone and bank card numbers masked.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>answer, clarify, fallback, human, chitchat, feedback, welcome…</summary>
    public string? Decision { get; private set; }

    public string? MatterId { get; private set; }

    /// <summary>The FAQ (<c>matter#N</c>) or section answered.</summary>
    public string? Content { get; private set; }

    public double? Confidence { get; private set; }

    public string? BuildId { get; private set; }

    public string? Reason { get; private set; }

    public static Turn FromUser(string maskedText, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        Role = TurnRole.User,
        At = at,
        Text = maskedText,
    };

    public static Turn FromBot(string text, DateTimeOffset at, string decision, string? matterId = null, string? content = null, double? confidence = null, string? buildId = null, string? reason = null) => new()
    {
        Id = Guid.NewGuid(),
        Role = TurnRole.Bot,
        At = at,
        Text = text,
        Decision = decision,
        MatterId = matterId,
        Content = content,
        Confidence = confidence,
        BuildId = buildId,
        Reason = reason,
    };

    internal void AttachTo(Conversation conversation, int sequence)
    {
        ConversationId = conversation.Id;
        Sequence = sequence;
    }
}
