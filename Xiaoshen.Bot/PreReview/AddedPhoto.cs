namespace Xiaoshen.Bot.PreReview;

/// <summary>What happened to one photo sent for pre-review.</summary>
public enum PhotoOutcome
{
    /// <summary>Read and matched to a document of the checklist.</summary>
    Recognised,

    /// <summary>Read, but not matched to any document (kept for staff).</summary>
    Unrecognised,

    /// <summary>Not a readable image.</summary>
    Unreadable,

    /// <summary>The pre-review has as many photos as it takes.</summary>
    TooMany,
}

/// <summary>The outcome for one photo: its number and the document it was taken for, when recognised.</summary>
public sealed record AddedPhoto(PhotoOutcome Outcome, int Number, string? Document);
