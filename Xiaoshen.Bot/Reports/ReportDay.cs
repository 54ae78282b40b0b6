namespace Xiaoshen.Bot.Reports;

/// <summary>
/// The state of one Beijing day in the stored projection: claimed by a filler (<see cref="Token"/>, <see cref="ClaimedAt"/>)
/// or complete, under the rules version and episode gap it was projected with. A day without a row, or with a row of
/// other rules, is projected live. Deleting the row marks the day for a rebuild (<see cref="ReportDaysInvalidation"/>).
/// </summary>
public sealed class ReportDay
{
    public DateOnly Day { get; set; }

    public int RulesVersion { get; set; }

    public int GapMinutes { get; set; }

    public Guid Token { get; set; }

    public bool Complete { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    public int Episodes { get; set; }

    /// <summary>True when this row's episodes are what the current rules and gap give.</summary>
    public bool IsCurrent(int gapMinutes) => Complete && RulesVersion == EpisodeRules.Version && GapMinutes == gapMinutes;
}
