using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// The one place the reports read a service rating: which levels count as satisfied and which as bad. When the scale
/// changes, this mapping is the only part of the reports to change.
/// </summary>
public static class ReportRatings
{
    public static bool IsSatisfied(ServiceRating rating) => !rating.IsBad();

    public static bool IsBad(ServiceRating rating) => rating.IsBad();

    /// <summary>The export's and the page's name of a level (also the key of its label, <c>reports.rating.{name}</c>).</summary>
    public static string Name(ServiceRating rating) => rating switch
    {
        ServiceRating.VerySatisfied => "very-satisfied",
        ServiceRating.Satisfied => "satisfied",
        ServiceRating.BasicallySatisfied => "basically-satisfied",
        ServiceRating.Dissatisfied => "dissatisfied",
        ServiceRating.VeryDissatisfied => "very-dissatisfied",
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, null),
    };
}
