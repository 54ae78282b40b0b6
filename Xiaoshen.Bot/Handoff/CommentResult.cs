namespace Xiaoshen.Bot.Handoff;

/// <summary>What became of a message sent after a rating.</summary>
public enum CommentResult
{
    /// <summary>No rating was waiting for a comment: the message is an ordinary one.</summary>
    None,

    /// <summary>Kept as the rating's comment.</summary>
    Commented,

    /// <summary>The person declined to comment.</summary>
    Skipped,
}
