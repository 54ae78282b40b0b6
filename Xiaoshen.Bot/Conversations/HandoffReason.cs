namespace Xiaoshen.Bot.Conversations;

/// <summary>Why a conversation should go to a person.</summary>
public enum HandoffReason
{
    /// <summary>The person asked for one.</summary>
    Requested,

    /// <summary>Two questions in a row could not be answered confidently.</summary>
    LowConfidence,

    /// <summary>The person said an answer did not help.</summary>
    NotHelpful,

    /// <summary>The person sounds frustrated.</summary>
    Frustration,

    /// <summary>The matter is marked human-only.</summary>
    HumanOnlyMatter,
}

/// <summary>Raised when a conversation newly asks for a person.</summary>
public sealed record HandoffRequested(Guid ConversationId, HandoffReason Reason, DateTimeOffset At);
