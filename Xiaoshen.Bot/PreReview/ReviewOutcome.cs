namespace Xiaoshen.Bot.PreReview;

/// <summary>What came of a staff member's confirm, correct or reject.</summary>
public enum ReviewOutcome
{
    /// <summary>Their review is the result; the person was told.</summary>
    Reviewed,

    /// <summary>A colleague reviewed it first (or it was no longer waiting): nothing changed, the case shows their result.</summary>
    AlreadyReviewed,

    /// <summary>Unknown case, an outcome that is not a review, or a correction or rejection without a note.</summary>
    Refused,
}
