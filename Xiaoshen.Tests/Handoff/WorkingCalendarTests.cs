using Xiaoshen.Bot.Handoff;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Tests.Handoff;

public sealed class WorkingCalendarTests
{
    private static readonly Department Gjj = new()
    {
        Id = "gjj",
        Name = "上海市公积金管理中心",
        AgentGroup = "gjj",
        Hours = new WorkingHours(
            [new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(12, 0)), new WorkingPeriod(new TimeOnly(13, 30), new TimeOnly(17, 0))],
            []),
    };

    private static readonly WorkingCalendar Calendar = new(
        ContentLoader.Load(TestKnowledgeBase.Source, new DateOnly(2026, 1, 1)).Knowledge!.Calendar);

    [Theory]
    [InlineData("2026-03-02T10:00:00+08:00", true)]   // Monday morning
    [InlineData("2026-03-02T12:30:00+08:00", false)]  // lunch break
    [InlineData("2026-03-02T13:30:00+08:00", true)]   // afternoon shift starts
    [InlineData("2026-03-02T17:00:00+08:00", false)]  // closed at five
    [InlineData("2026-03-07T10:00:00+08:00", false)]  // ordinary Saturday
    [InlineData("2026-02-14T10:00:00+08:00", true)]   // 春节调休 working Saturday
    [InlineData("2026-02-17T10:00:00+08:00", false)]  // 春节 holiday on a Tuesday
    [InlineData("2025-12-31T16:59:00+08:00", true)]   // New Year's Eve, one minute before closing
    [InlineData("2026-03-02T02:00:00+00:00", true)]   // 10:00 Beijing time given in UTC
    [InlineData("2027-01-01T10:00:00+08:00", false)]  // no 2027 calendar in the content yet: 元旦 is still a day off
    [InlineData("2027-02-05T10:00:00+08:00", false)]  // and 除夕, a Friday, by the lunar calendar
    [InlineData("2027-02-09T10:00:00+08:00", true)]   // the Tuesday after 初三: open (the 调休 are unknown)
    public void KnowsWhenAgentsAreOnline(string at, bool open) =>
        Assert.Equal(open, Calendar.IsOpen(Gjj, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-03-02T12:10:00+08:00", "2026-03-02T13:30:00+08:00")]  // after lunch
    [InlineData("2026-03-06T17:30:00+08:00", "2026-03-09T09:00:00+08:00")]  // Friday evening → Monday
    [InlineData("2025-12-31T17:00:00+08:00", "2026-01-04T09:00:00+08:00")]  // over 元旦 to the 调休 Sunday
    [InlineData("2026-02-13T17:00:00+08:00", "2026-02-14T09:00:00+08:00")]  // Friday → 调休 Saturday
    [InlineData("2026-09-30T17:00:00+08:00", "2026-10-08T09:00:00+08:00")]  // 国庆 week
    [InlineData("2026-12-31T17:00:00+08:00", "2027-01-04T09:00:00+08:00")]  // over 元旦 of a year without a calendar file
    [InlineData("2026-03-02T10:00:00+08:00", "2026-03-02T10:00:00+08:00")]  // open now
    public void FindsTheNextOpening(string at, string expected)
    {
        var next = Calendar.NextOpening(Gjj, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }
}
