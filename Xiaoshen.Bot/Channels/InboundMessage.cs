namespace Xiaoshen.Bot.Channels;

/// <summary>What arrived from a person, whatever the channel.</summary>
public enum InboundKind
{
    /// <summary>A text message (possibly a button press that sends text).</summary>
    Message,

    /// <summary>The person joined the conversation: greet them.</summary>
    ConversationStarted,

    /// <summary>Something Xiaoshen cannot read yet (an attachment without text, a location…).</summary>
    Unsupported,
}

/// <summary>A message from a person, converted from the channel's own format by its adapter.</summary>
/// <param name="Channel">The channel id (webchat, emulator, directline, wechat…).</param>
/// <param name="ConversationId">The channel's conversation id.</param>
/// <param name="UserId">The channel's user id.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Text">The text, if any.</param>
/// <param name="SupportsMarkdown">Whether replies may use Markdown on this channel.</param>
public sealed record InboundMessage(
    string Channel,
    string ConversationId,
    string? UserId,
    InboundKind Kind,
    string? Text,
    bool SupportsMarkdown)
{
    /// <summary>Longest conversation or user id kept (the size of the stored columns).</summary>
    public const int MaxIdLength = 256;

    /// <summary>Longest channel id kept.</summary>
    public const int MaxChannelLength = 64;

    /// <summary>Files sent with the message (relayed to a human agent during a handoff).</summary>
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];

    /// <summary>The person chose the plain, larger elder mode (长辈版): fixed texts use their plain wording where one exists.</summary>
    public bool PrefersPlainWording { get; init; }

    /// <summary>False when an id is longer than it can be stored; such a message is not processed.</summary>
    public bool HasBoundedIds =>
        Channel.Length <= MaxChannelLength && ConversationId.Length <= MaxIdLength && (UserId?.Length ?? 0) <= MaxIdLength;

    /// <summary>
    /// The person's network address, on channels where they reach Xiaoshen directly (web chat); null where a platform's
    /// servers relay the message. Used for per-address limits only, never stored.
    /// </summary>
    public string? SenderAddress { get; init; }
}
