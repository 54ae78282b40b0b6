namespace Xiaoshen.Knowledge.Content;

/// <summary>
/// Which days are working days on the holiday calendar of the content (<c>calendar/</c>): Monday to Friday unless a
/// statutory holiday, and the 调休 weekend days worked instead. The one rule used by content validation (leader
/// sessions on days off) and by the bot's working calendar (hours, booking window, timers). Immutable; thread-safe.
/// </summary>
/// <param name="days">The calendar's special days (holidays and 调休 working days).</param>
public sealed class WorkingDays(IReadOnlyList<CalendarDay> days)
{
    private readonly Dictionary<DateOnly, CalendarDay> _days = days.ToDictionary(d => d.Date);

    /// <summary>True when <paramref name="day"/> is a working day (a weekday that is no holiday, or a 调休 working day).</summary>
    public bool IsWorkingDay(DateOnly day) =>
        _days.TryGetValue(day, out var special) ? special.IsWorkingDay : !IsWeekend(day);

    /// <summary>The statutory holiday on <paramref name="day"/>, or null (a weekend day is no holiday).</summary>
    public CalendarDay? Holiday(DateOnly day) => _days.TryGetValue(day, out var d) && !d.IsWorkingDay ? d : null;

    /// <summary>True on Saturday and Sunday, whatever the calendar says.</summary>
    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
