using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.Booking;

/// <summary>
/// Which days can be booked: working days on the working calendar (Monday to Friday and 调休 working weekends, not
/// holidays) from the configured minimum to the maximum number of working days after today. Pure; thread-safe.
/// </summary>
public sealed class BookingWindow(WorkingCalendar calendar, int minWorkingDaysAhead, int maxWorkingDaysAhead)
{
    /// <summary>The days that can be booked today, in order.</summary>
    public List<DateOnly> Days(DateOnly today)
    {
        var days = new List<DateOnly>();
        if (minWorkingDaysAhead == 0 && calendar.IsWorkingDay(today))
        {
            days.Add(today);
        }

        var day = today;
        for (var counted = 0; counted < maxWorkingDaysAhead && day < today.AddDays(366);)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day) && ++counted >= minWorkingDaysAhead)
            {
                days.Add(day);
            }
        }

        return days;
    }

    /// <summary>Whether <paramref name="day"/> can be booked <paramref name="today"/>, and why not.</summary>
    public DayCheck Check(DateOnly today, DateOnly day)
    {
        if (!calendar.IsWorkingDay(day))
        {
            return calendar.Holiday(day) is null ? DayCheck.Weekend : DayCheck.Holiday;
        }

        var days = Days(today);
        return days.Contains(day) ? DayCheck.Bookable
            : days.Count == 0 || day < days[0] ? DayCheck.TooSoon
            : DayCheck.TooLate;
    }

    /// <summary>The holiday's name on <paramref name="day"/>, if it is one.</summary>
    public string? HolidayName(DateOnly day) => calendar.Holiday(day)?.Name;
}
