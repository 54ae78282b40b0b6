using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// When a department's human agents are online: split shifts on working days, statutory holidays off, 调休 weekend days
/// on. All times are Beijing time (UTC+8, no daylight saving). Pure: the calendar and hours come from content.
/// </summary>
public sealed class WorkingCalendar(IReadOnlyList<CalendarDay> days)
{
    /// <summary>China Standard Time.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    private const int SearchDays = 60;

    private readonly WorkingDays _days = new(days);

    /// <summary>True when <paramref name="department"/> has agents online at <paramref name="now"/>.</summary>
    public bool IsOpen(Department department, DateTimeOffset now)
    {
        var local = now.ToOffset(Offset);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return PeriodsOn(department, DateOnly.FromDateTime(local.DateTime)).Any(p => p.Start <= time && time < p.End);
    }

    /// <summary>The next moment agents come online (now, if open now); null if not within 60 days.</summary>
    public DateTimeOffset? NextOpening(Department department, DateTimeOffset now)
    {
        var local = now.ToOffset(Offset);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < SearchDays; i++, day = day.AddDays(1))
        {
            foreach (var period in PeriodsOn(department, day))
            {
                if (i > 0 || time < period.End)
                {
                    var start = i == 0 && time >= period.Start ? time : period.Start;
                    return new DateTimeOffset(day.ToDateTime(start), Offset);
                }
            }
        }

        return null;
    }

    /// <summary>The online periods on <paramref name="day"/>: none on holidays, working-day hours on 调休 days.</summary>
    public IReadOnlyList<WorkingPeriod> PeriodsOn(Department department, DateOnly day)
    {
        // Weekend hours apply to ordinary weekends only; a holiday on a weekend is closed like any other.
        return _days.IsWorkingDay(day) ? department.Hours.Periods
            : _days.Holiday(day) is not null ? []
            : department.Hours.Weekend;
    }

    /// <summary>A working day: Monday to Friday unless a statutory holiday, and the 调休 weekend days worked instead.</summary>
    public bool IsWorkingDay(DateOnly day) => _days.IsWorkingDay(day);

    /// <summary>
    /// The end (midnight, Beijing time) of the <paramref name="workingDays"/>-th working day after the day of
    /// <paramref name="from"/>: 1 from a Friday is the end of Monday, or of a 调休 Saturday; holidays do not count.
    /// The 1·5·15 timers of 整改 work orders.
    /// </summary>
    public DateTimeOffset EndOfWorkingDays(DateTimeOffset from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        var day = DateOnly.FromDateTime(from.ToOffset(Offset).DateTime);
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Offset);
    }

    /// <summary>The holiday on <paramref name="day"/>, if any.</summary>
    public CalendarDay? Holiday(DateOnly day) => _days.Holiday(day);
}
