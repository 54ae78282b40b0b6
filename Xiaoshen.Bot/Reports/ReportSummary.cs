using System.Globalization;
using System.Text.Json;

namespace Xiaoshen.Bot.Reports;

/// <summary>One day's episodes by outcome (the daily-volumes chart).</summary>
public sealed record DailyOutcomes(string Day, IReadOnlyDictionary<string, int> Outcomes);

/// <summary>One department's consultations in one month, as departments report them ("served 3,931 people").</summary>
public sealed record MonthlyConsultations(string Month, string DepartmentId, int Consultations);

/// <summary>
/// The report's figures over a set of episodes. Rates are shares (0–1) and null when nothing was there to count; times
/// are in seconds. docs/reports.md says how each is computed.
/// </summary>
public sealed record ReportSummary(
    string From,
    string To,
    int Consultations,
    double? BotResolutionRate,
    double? HandoffRate,
    double? HumanResolutionRate,
    double? FirstResponseMedianSeconds,
    double? FirstResponseP90Seconds,
    double? FirstResponseWithin60sShare,
    double? WaitMedianSeconds,
    double? WaitP90Seconds,
    double? AbandonmentRate,
    double? SatisfactionRate,
    int Rated,
    int BadRatings,
    int OpenTickets,
    int OverdueTickets,
    BadRatingFollowUp BadRatingFollowUp,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyList<string> FirstResponseBuckets,
    IReadOnlyList<int> FirstResponseHistogram,
    IReadOnlyList<DailyOutcomes> Daily,
    IReadOnlyList<MonthlyConsultations> Monthly)
{
    /// <summary>Upper bounds (seconds, inclusive) of the first-response histogram's bars; the last bar is everything above.</summary>
    public static readonly IReadOnlyList<int> BucketBounds = [15, 30, 60, 120, 300];

    /// <summary>The JSON name of an outcome (<c>resolvedByBot</c>), used by the summary and the export alike.</summary>
    public static string Key(EpisodeOutcome outcome) => JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString());

    /// <summary>The figures of <paramref name="episodes"/>, all within <paramref name="filter"/>'s period.</summary>
    public static ReportSummary Compute(ReportFilter filter, IReadOnlyList<Episode> episodes, TimeSpan promise, int openTickets, int overdueTickets, BadRatingFollowUp followUp)
    {
        int Count(EpisodeOutcome outcome) => episodes.Count(e => e.Outcome == outcome);
        static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

        var handed = episodes.Where(e => e.HandedOver).ToList();
        var responses = handed.Where(e => e.FirstResponse is not null).Select(e => e.FirstResponse!.Value.TotalSeconds).Order().ToList();

        // Who left before any response after waiting past the promise was not answered in time either.
        var breachedUnanswered = handed.Count(e => e.FirstResponse is null && e.Wait >= promise);
        var waits = handed.Where(e => e.Wait is not null).Select(e => e.Wait!.Value.TotalSeconds).Order().ToList();
        var humanClosed = Count(EpisodeOutcome.HumanResolved) + Count(EpisodeOutcome.HumanNotResolved) + Count(EpisodeOutcome.Referred12345);
        var rated = episodes.Where(e => e.Rating is not null).ToList();
        var histogram = new int[BucketBounds.Count + 1];
        foreach (var seconds in responses)
        {
            var bucket = 0;
            while (bucket < BucketBounds.Count && seconds > BucketBounds[bucket])
            {
                bucket++;
            }

            histogram[bucket]++;
        }

        var days = new List<DailyOutcomes>();
        var byDay = episodes.ToLookup(e => Day(e.StartedAt));
        for (var day = filter.From; day <= filter.To; day = day.AddDays(1))
        {
            var of = byDay[day].ToList();
            days.Add(new DailyOutcomes(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Enum.GetValues<EpisodeOutcome>().ToDictionary(Key, o => of.Count(e => e.Outcome == o))));
        }

        var monthly = episodes
            .GroupBy(e => (Month: Day(e.StartedAt).ToString("yyyy-MM", CultureInfo.InvariantCulture), e.DepartmentId))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.DepartmentId, StringComparer.Ordinal)
            .Select(g => new MonthlyConsultations(g.Key.Month, g.Key.DepartmentId, g.Count()))
            .ToList();

        return new ReportSummary(
            filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            episodes.Count,
            Share(Count(EpisodeOutcome.ResolvedByBot), episodes.Count),
            Share(handed.Count, episodes.Count),
            Share(Count(EpisodeOutcome.HumanResolved), humanClosed),
            Percentile(responses, 0.5),
            Percentile(responses, 0.9),
            Share(responses.Count(s => s <= promise.TotalSeconds), responses.Count + breachedUnanswered),
            Percentile(waits, 0.5),
            Percentile(waits, 0.9),
            Share(Count(EpisodeOutcome.Abandoned), episodes.Count),
            Share(rated.Count(e => ReportRatings.IsSatisfied(e.Rating!.Value)), rated.Count),
            rated.Count,
            rated.Count(e => ReportRatings.IsBad(e.Rating!.Value)),
            openTickets,
            overdueTickets,
            followUp,
            Enum.GetValues<EpisodeOutcome>().ToDictionary(Key, Count),
            BucketLabels(),
            histogram,
            days,
            monthly);
    }

    /// <summary>The Beijing date of a moment.</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Handoff.WorkingCalendar.Offset).DateTime);

    // Nearest rank: the smallest value with at least p of the values at or below it.
    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static List<string> BucketLabels()
    {
        var labels = new List<string>();
        var lower = 0;
        foreach (var upper in BucketBounds)
        {
            labels.Add(string.Create(CultureInfo.InvariantCulture, $"{lower}-{upper}"));
            lower = upper;
        }

        labels.Add(string.Create(CultureInfo.InvariantCulture, $">{lower}"));
        return labels;
    }
}
