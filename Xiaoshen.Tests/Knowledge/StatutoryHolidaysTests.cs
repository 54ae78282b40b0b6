using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>
/// The days off the law fixes, which the working calendar falls back on for a year the content has no calendar for
/// (the State Council's arrangement for next year is not in the content yet on 1 January).
/// </summary>
public sealed class StatutoryHolidaysTests
{
    [Fact]
    public void EveryStatutoryDayOf2026IsOffInThePublishedArrangement()
    {
        // The repository's calendar/2026.yaml is the State Council's notice of 2025-11-04: each day the law fixes lies
        // inside one of its holidays of the same name, the lunar ones (春节, 端午节, 中秋节) and 清明节 included.
        var published = ContentLoader.Load(TestKnowledgeBase.RepositorySource, new DateOnly(2026, 6, 1)).Knowledge!.Calendar;

        var statutory = StatutoryHolidays.Of(2026);

        Assert.Equal(13, statutory.Count);
        Assert.All(statutory, day => Assert.Contains(published, p => p.Date == day.Date && !p.IsWorkingDay && p.Name == day.Name));
    }

    [Fact]
    public void The2027DaysFollowTheLunarCalendarAndTheSolarTerm()
    {
        var days = StatutoryHolidays.Of(2027).ToDictionary(d => d.Date, d => d.Name);

        Assert.Equal("元旦", days[new DateOnly(2027, 1, 1)]);
        Assert.Equal(["春节"], new[] { 5, 6, 7, 8 }.Select(d => days[new DateOnly(2027, 2, d)]).Distinct());
        Assert.DoesNotContain(new DateOnly(2027, 2, 9), days.Keys);
        Assert.Equal("清明节", days[new DateOnly(2027, 4, 5)]);
        Assert.Equal("劳动节", days[new DateOnly(2027, 5, 2)]);
        Assert.Equal("端午节", days[new DateOnly(2027, 6, 9)]);
        Assert.Equal("中秋节", days[new DateOnly(2027, 9, 15)]);
        Assert.Equal("国庆节", days[new DateOnly(2027, 10, 3)]);
        Assert.DoesNotContain(new DateOnly(2027, 10, 4), days.Keys);
    }

    [Fact]
    public void AYearWithALeapMonthStillFindsTheFifthAndEighthMonthsAndACoincidenceIsOneDay()
    {
        // 2025 had a leap sixth month, 2028 has a leap fifth month: 端午 and 中秋 must not shift by a month. In 2028 中秋
        // falls on 3 October, a 国庆 day.
        var days2025 = StatutoryHolidays.Of(2025);
        var days2028 = StatutoryHolidays.Of(2028);

        Assert.Contains(days2025, d => d.Date == new DateOnly(2025, 5, 31) && d.Name == "端午节");
        Assert.Contains(days2025, d => d.Date == new DateOnly(2025, 10, 6) && d.Name == "中秋节");
        Assert.Contains(days2028, d => d.Date == new DateOnly(2028, 5, 28) && d.Name == "端午节");
        Assert.Contains(days2028, d => d.Date == new DateOnly(2028, 10, 3) && d.Name == "中秋节、国庆节");
        Assert.Equal(days2028.Count, days2028.Select(d => d.Date).Distinct().Count());
    }
}
