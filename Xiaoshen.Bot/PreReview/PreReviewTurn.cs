using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.PreReview;

/// <summary>What the pre-review dialog sees of the turn it may take.</summary>
/// <param name="Message">The person's message.</param>
/// <param name="State">The conversation's remembered state.</param>
/// <param name="Conversation">The stored conversation (its turns are appended through the store).</param>
/// <param name="Now">The turn's moment.</param>
public sealed record PreReviewTurn(InboundMessage Message, DialogState State, Conversation Conversation, DateTimeOffset Now)
{
    /// <summary>The text, trimmed; empty when the message has none (a photo alone).</summary>
    public string Text => Message.Text?.Trim() ?? string.Empty;
}
