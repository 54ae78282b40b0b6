using System.Globalization;

namespace Xiaoshen.Knowledge.Content;

/// <summary>
/// The days off that the law fixes for every year (《全国年节及纪念日放假办法》, as revised in 2024): what the working
/// calendar falls back on for a year whose <c>calendar/&lt;year&gt;.yaml</c> is not in the content yet. The State
/// Council publishes each year's arrangement around November of the year before; until an editor adds it, New Year's
/// Day, the Spring Festival and the other holidays are still days off, only the 调休 (bridging days and the weekends
/// worked instead) are unknown. Lunar dates come from .NET's <see cref="ChineseLunisolarCalendar"/>.
/// </summary>
public static class StatutoryHolidays
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    // The law's names, as the State Council's notices and the content's calendar files write them.
    private const string NewYear = "元旦";
    private const string SpringFestival = "春节";
    private const string QingMing = "清明节";
    private const string LabourDay = "劳动节";
    private const string DragonBoat = "端午节";
    private const string MidAutumn = "中秋节";
    private const string NationalDay = "国庆节";

    /// <summary>The statutory days off of <paramref name="year"/>, one per date in date order, without any 调休; none outside 2000–2099.</summary>
    public static IReadOnlyList<CalendarDay> Of(int year)
    {
        if (year is < 2000 or > 2099)
        {
            return [];
        }

        // The Spring Festival: New Year's Eve (the last day of the twelfth lunar month) and the first three days.
        var lunarNewYear = LunarDate(year, 1, 1);
        var days = new List<CalendarDay> { Off(new DateOnly(year, 1, 1), NewYear) };
        days.AddRange(Enumerable.Range(-1, 4).Select(i => Off(lunarNewYear.AddDays(i), SpringFestival)));
        days.Add(Off(new DateOnly(year, 4, QingMingDay(year)), QingMing));
        days.Add(Off(new DateOnly(year, 5, 1), LabourDay));
        days.Add(Off(new DateOnly(year, 5, 2), LabourDay));
        days.Add(Off(LunarDate(year, 5, 5), DragonBoat));
        days.Add(Off(LunarDate(year, 8, 15), MidAutumn));
        days.AddRange(Enumerable.Range(1, 3).Select(d => Off(new DateOnly(year, 10, d), NationalDay)));
        // 中秋 can fall within 国庆 (1 October 2020, 3 October 2028): one day off, both names.
        return days.GroupBy(d => d.Date).OrderBy(g => g.Key)
            .Select(g => g.Count() == 1 ? g.First() : Off(g.Key, string.Join('、', g.Select(d => d.Name))))
            .ToList();
    }

    private static CalendarDay Off(DateOnly date, string name) => new(date, false, name);

    // The Gregorian date of a lunar month and day in the lunar year that begins in Gregorian year <paramref name="year"/>.
    // In a year with a leap month, the months from the leap month on are numbered one higher.
    private static DateOnly LunarDate(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year);
        var index = leap > 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    // The Qingming solar term in April, by the usual formula for 2000–2099: [Y × 0.2422 + 4.81] − [Y / 4], Y the year's
    // last two digits.
    private static int QingMingDay(int year)
    {
        var y = year % 100;
        return (int)Math.Floor((y * 0.2422) + 4.81) - (y / 4);
    }
}
