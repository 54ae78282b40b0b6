namespace Xiaoshen.Bot.Conversations;

/// <summary>Who spoke in a turn.</summary>
public enum TurnRole
{
    User,
    Bot,

    /// <summary>A human agent of a department.</summary>
    Agent,

    /// <summary>A note of the handoff itself (queued, transferred with a note, closed), shown to agents.</summary>
    System,
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

    /// <summary>The turn's number in its conversation (1, 2, …), given by the database when the turn is stored; 0 until then.</summary>
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

    /// <summary>The human agent who wrote an agent turn.</summary>
    public string? HumanAgentId { get; private set; }

    /// <summary>Files sent with the turn, as JSON (<see cref="TurnAttachment"/> list); null when none.</summary>
    public string? AttachmentsJson { get; private set; }

    public IReadOnlyList<TurnAttachment> Attachments => TurnAttachment.Parse(AttachmentsJson);

    public static Turn FromUser(string maskedText, DateTimeOffset at, IReadOnlyList<TurnAttachment>? attachments = null) => new()
    {
        Id = Guid.NewGuid(),
        Role = TurnRole.User,
        At = at,
        Text = maskedText,
        AttachmentsJson = TurnAttachment.Serialize(attachments ?? []),
    };

    public static Turn FromAgent(string humanAgentId, string text, DateTimeOffset at, IReadOnlyList<TurnAttachment> attachments) => new()
    {
        Id = Guid.NewGuid(),
        Role = TurnRole.Agent,
        At = at,
        Text = text,
        HumanAgentId = humanAgentId,
        Decision = "agent",
        AttachmentsJson = TurnAttachment.Serialize(attachments),
    };

    public static Turn FromSystem(string text, DateTimeOffset at, string decision, string? humanAgentId = null) => new()
    {
        Id = Guid.NewGuid(),
        Role = TurnRole.System,
        At = at,
        Text = text,
        Decision = decision,
        HumanAgentId = humanAgentId,
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

    internal void AttachTo(Conversation conversation) => ConversationId = conversation.Id;

    /// <summary>Takes the number the database gave this turn when it was stored.</summary>
    internal void Number(int sequence) => Sequence = sequence;
}
