namespace Xiaoshen.Bot.PreReview;

/// <summary>What the conversation remembers of a pre-review under way (kept in <see cref="Conversations.DialogState"/>).</summary>
public sealed class PreReviewDialogState
{
    /// <summary>The pre-review collecting photos, once the matter is known.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>While the person is asked which matter's materials to check: the matters offered.</summary>
    public List<string> Offered { get; set; } = [];
}
