using System.Collections.Concurrent;

namespace Xiaoshen.Knowledge.Content;

/// <summary>
/// Which days are working days on the holiday calendar of the content (<c>calendar/</c>): Monday to Friday unless a
/// statutory holiday, and the 调休 weekend days worked instead. The one rule used by content validation (leader
/// sessions on days off) and by the bot's working calendar (hours, booking window, timers). In a year the content has
/// no calendar for, the days the law fixes (<see cref="StatutoryHolidays"/>) are still days off, without 调休: on
/// 1 January of a year whose arrangement no editor has added yet, Xiaoshen does not promise agents or bookings.
/// Thread-safe.
/// </summary>
/// <param name="days">The calendar's special days (holidays and 调休 working days).</param>
public sealed class WorkingDays(IReadOnlyList<CalendarDay> days)
{
    private readonly Dictionary<DateOnly, CalendarDay> _days = days.ToDictionary(d => d.Date);
    private readonly HashSet<int> _years = days.Select(d => d.Date.Year).ToHashSet();
    private readonly ConcurrentDictionary<int, Dictionary<DateOnly, CalendarDay>> _statutory = new();

    /// <summary>True when the content's calendar has the State Council's arrangement for <paramref name="year"/>.</summary>
    public bool Covers(int year) => _years.Contains(year);

    /// <summary>True when <paramref name="day"/> is a working day (a weekday that is no holiday, or a 调休 working day).</summary>
    public bool IsWorkingDay(DateOnly day) =>
        Special(day) is { } special ? special.IsWorkingDay : !IsWeekend(day);

    /// <summary>The statutory holiday on <paramref name="day"/>, or null (a weekend day is no holiday).</summary>
    public CalendarDay? Holiday(DateOnly day) => Special(day) is { IsWorkingDay: false } d ? d : null;

    /// <summary>True on Saturday and Sunday, whatever the calendar says.</summary>
    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private CalendarDay? Special(DateOnly day)
    {
        var known = Covers(day.Year) ? _days : _statutory.GetOrAdd(day.Year, y => StatutoryHolidays.Of(y).ToDictionary(d => d.Date));
        return known.GetValueOrDefault(day);
    }
}
