namespace Xiaoshen.Bot.Booking;

/// <summary>A material pre-review (提前预审) of the person's matter, as a booking shows it: its number, where it is, a link for staff.</summary>
/// <param name="Number">The pre-review's number, as staff and the person know it.</param>
/// <param name="Status">Where it is, in the console's words (待确认, 已确认…).</param>
/// <param name="ConsoleLink">The console page of the case, relative to the site (e.g. <c>/console/prereview/…</c>); null when there is none.</param>
public sealed record PreReviewSummary(string Number, string Status, string? ConsoleLink);

/// <summary>
/// The seam between booking and pre-review: the latest pre-review of a person's matter, shown with the booking in the
/// chat confirmation and in the console. Pre-review registers its implementation (it replaces <see cref="NoPreReviews"/>);
/// booking does not depend on it.
/// </summary>
public interface IPreReviewLookup
{
    /// <summary>The latest pre-review by <paramref name="personKey"/> (see <see cref="BookingService.PersonKey"/>) for <paramref name="matterId"/>; null when none.</summary>
    Task<PreReviewSummary?> LatestAsync(string personKey, string matterId, CancellationToken cancellationToken);
}

/// <summary>No pre-reviews: used until pre-review registers its own <see cref="IPreReviewLookup"/>.</summary>
public sealed class NoPreReviews : IPreReviewLookup
{
    public Task<PreReviewSummary?> LatestAsync(string personKey, string matterId, CancellationToken cancellationToken) => Task.FromResult<PreReviewSummary?>(null);
}
