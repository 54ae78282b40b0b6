using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// One turn as <see cref="HandoffDialog"/> sees it: the person's message (already recorded by the turn processor), their
/// dialog state and conversation, the texts in the wording the person prefers (plain for elder mode), and the turn's
/// analysis budget.
/// </summary>
public sealed record HandoffTurn(
    InboundMessage Message,
    DialogState State,
    Conversation Conversation,
    DateTimeOffset Now,
    HandoffMessages Texts,
    IReadOnlyList<string> Weekdays,
    CancellationToken Analysis)
{
    /// <summary>What the person wrote, trimmed.</summary>
    public string Text => Message.Text?.Trim() ?? string.Empty;
}
