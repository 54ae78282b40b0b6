namespace Xiaoshen.Bot.Conversations;

/// <summary>A transition the conversation's rules do not allow (e.g. closing a conversation nobody took).</summary>
public sealed class ConversationStateException(Guid conversationId, ConversationStatus from, ConversationStatus to)
    : InvalidOperationException($"Conversation {conversationId} cannot go from {from} to {to}.")
{
    public ConversationStatus From { get; } = from;

    public ConversationStatus To { get; } = to;
}
