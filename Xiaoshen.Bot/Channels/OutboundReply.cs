namespace Xiaoshen.Bot.Channels;

/// <summary>How a button acts.</summary>
public enum ReplyActionKind
{
    /// <summary>Opens a link.</summary>
    OpenUrl,

    /// <summary>Sends its value as the person's next message (works on every channel, including text-only ones).</summary>
    SendText,
}

/// <summary>A button or suggestion.</summary>
/// <param name="Title">What the person sees.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Value">The link, or the text sent.</param>
public sealed record ReplyAction(string Title, ReplyActionKind Kind, string Value);

/// <summary>One message from Xiaoshen, converted to the channel's own format by its adapter.</summary>
/// <param name="Text">Markdown when the inbound message said the channel supports it, plain text otherwise.</param>
public sealed record OutboundReply(string Text)
{
    /// <summary>Whether <see cref="Text"/> is Markdown.</summary>
    public bool IsMarkdown { get; init; }

    /// <summary>Buttons shown with the message (online entry, clarify choices).</summary>
    public IReadOnlyList<ReplyAction> Buttons { get; init; } = [];

    /// <summary>Quick replies shown under the message (follow-ups, 有帮助 / 没帮助).</summary>
    public IReadOnlyList<ReplyAction> SuggestedActions { get; init; } = [];

    /// <summary>Files sent with the message (a human agent's screenshots, documents, voice and video messages).</summary>
    public IReadOnlyList<ReplyAttachment> Attachments { get; init; } = [];

    /// <summary>Who speaks when it is not Xiaoshen (a human agent's display name); channels that show names show it.</summary>
    public string? SenderName { get; init; }

    /// <summary>The department of the human agent named by <see cref="SenderName"/>, for channels that show who is serving.</summary>
    public string? SenderDepartment { get; init; }

    /// <summary>Set on the message that announces a handoff: channels speaking the Bot Framework handoff protocol also emit <c>handoff.initiate</c> with it.</summary>
    public Handoff.HandoffContext? Handoff { get; init; }
}
