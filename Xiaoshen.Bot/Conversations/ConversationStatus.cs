namespace Xiaoshen.Bot.Conversations;

/// <summary>Who is answering a conversation (after Chatwoot: pending = bot, open = humans).</summary>
public enum ConversationStatus
{
    /// <summary>Xiaoshen answers.</summary>
    Bot,

    /// <summary>Queued for a human agent.</summary>
    AwaitingHuman,

    /// <summary>A human agent answers.</summary>
    WithHuman,

    /// <summary>Closed.</summary>
    Resolved,
}
