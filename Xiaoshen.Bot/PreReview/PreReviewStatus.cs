namespace Xiaoshen.Bot.PreReview;

/// <summary>Where a pre-review is.</summary>
public enum PreReviewStatus
{
    /// <summary>The person is sending photos.</summary>
    Collecting,

    /// <summary>Checked automatically; waiting for the department's staff.</summary>
    Submitted,

    /// <summary>Staff agreed with the automatic result.</summary>
    Confirmed,

    /// <summary>Staff changed the result (their note says how).</summary>
    Corrected,

    /// <summary>Staff sent it back (wrong matter, unusable photos…).</summary>
    Rejected,

    /// <summary>The person cancelled it before it was checked.</summary>
    Cancelled,
}
