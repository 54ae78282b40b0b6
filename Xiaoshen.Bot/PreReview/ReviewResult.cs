namespace Xiaoshen.Bot.PreReview;

/// <summary>The outcome of a review and the case as it stands after it (the colleague's result when theirs came first).</summary>
public sealed record ReviewResult(ReviewOutcome Outcome, PreReviewCase? Case);
