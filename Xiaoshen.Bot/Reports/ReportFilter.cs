namespace Xiaoshen.Bot.Reports;

/// <summary>
/// What a report covers: the days <see cref="From"/> to <see cref="To"/> inclusive (Beijing time), the departments the
/// reader may see (null: all), and the optional filters.
/// </summary>
public sealed record ReportFilter(
    DateOnly From,
    DateOnly To,
    IReadOnlySet<string>? Departments,
    string? Department = null,
    string? MatterId = null,
    string? Channel = null,
    string? HumanAgentId = null,
    bool WorkingHoursOnly = false)
{
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), Handoff.WorkingCalendar.Offset);

    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), Handoff.WorkingCalendar.Offset);

    /// <summary>True when <paramref name="episode"/> passes every filter but the working-hours one (which needs the calendar).</summary>
    public bool Matches(Episode episode) =>
        episode.StartedAt >= Start && episode.StartedAt < End
        && (Departments is null || Departments.Contains(episode.DepartmentId))
        && (Department is null || episode.DepartmentId == Department)
        && (MatterId is null || episode.MatterId == MatterId)
        && (Channel is null || episode.ChannelFamily == Channel)
        && (HumanAgentId is null || episode.HumanAgentId == HumanAgentId);
}
