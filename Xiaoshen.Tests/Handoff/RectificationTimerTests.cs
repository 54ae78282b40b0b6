using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Tests.Handoff;

/// <summary>
/// The 1·5·15 timers of 整改 work orders on the working calendar (the test content's 2026 calendar): contact within 1
/// working day, a simple fix within 5, a complex one within 15, each due at the end of that day, Beijing time.
/// </summary>
public sealed class RectificationTimerTests
{
    private static readonly WorkingCalendar Calendar = new(
        ContentLoader.Load(TestKnowledgeBase.Source, new DateOnly(2026, 1, 1)).Knowledge!.Calendar);

    [Theory]
    [InlineData("2026-03-04T10:00:00+08:00", 1, "2026-03-06T00:00:00+08:00")]   // Wednesday → end of Thursday
    [InlineData("2026-03-06T15:00:00+08:00", 1, "2026-03-10T00:00:00+08:00")]   // Friday → over the weekend, end of Monday
    [InlineData("2026-03-07T11:00:00+08:00", 1, "2026-03-10T00:00:00+08:00")]   // a Saturday rating → end of Monday
    [InlineData("2026-03-06T15:00:00+08:00", 5, "2026-03-14T00:00:00+08:00")]   // Friday → five working days, end of next Friday
    [InlineData("2026-09-30T10:00:00+08:00", 1, "2026-10-09T00:00:00+08:00")]   // before 国庆: holidays do not count
    [InlineData("2026-09-30T10:00:00+08:00", 5, "2026-10-14T00:00:00+08:00")]   // 10-08, 10-09, 10-10 (调休 Saturday), 10-12, 10-13
    [InlineData("2026-02-13T16:00:00+08:00", 1, "2026-02-15T00:00:00+08:00")]   // Friday → the 调休 working Saturday
    [InlineData("2026-02-13T16:00:00+08:00", 5, "2026-02-28T00:00:00+08:00")]   // 02-14 (调休), then 春节 off, 02-24 to 02-27
    [InlineData("2026-02-13T16:00:00+08:00", 15, "2026-03-13T00:00:00+08:00")]  // with the 调休 Saturday 02-28 counted
    [InlineData("2026-03-06T23:30:00+00:00", 1, "2026-03-10T00:00:00+08:00")]   // 07:30 Saturday Beijing time, given in UTC
    public void TimersCountWorkingDaysOnly(string from, int days, string due) =>
        Assert.Equal(Parse(due), Calendar.EndOfWorkingDays(Parse(from), days));

    [Fact]
    public void AnOrderRatedOnFridayIsOverdueOnlyAfterMondayAndAComplexFixGetsFifteenWorkingDays()
    {
        var clock = new FakeTimeProvider(Parse("2026-09-18T16:00:00+08:00")); // Friday before the 国庆 调休 Sunday (09-20)
        var order = RectificationOrder.Open(Guid.NewGuid(), Guid.NewGuid(), "gjj", null, "gjj01", ServiceRating.VeryDissatisfied, null, clock.GetUtcNow(), Calendar.EndOfWorkingDays);

        // The 调休 Sunday 09-20 is the one working day: contact is due at its end.
        Assert.Equal(Parse("2026-09-21T00:00:00+08:00"), order.ContactDueAt);
        clock.SetUtcNow(Parse("2026-09-20T23:59:00+08:00"));
        Assert.False(order.IsOverdue(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(order.IsOverdue(clock.GetUtcNow()));

        // Contacted: the contact timer is met; the fix timer (5 working days: 09-20, 21, 22, 23, 24) runs.
        Assert.False(order.MoveTo(RectificationStatus.Contacted, "banzhang", "  ", false, clock.GetUtcNow(), Calendar.EndOfWorkingDays));
        Assert.True(order.MoveTo(RectificationStatus.Contacted, "banzhang", "已电话回访，市民说等待太久", false, clock.GetUtcNow(), Calendar.EndOfWorkingDays));
        Assert.False(order.IsOverdue(clock.GetUtcNow()));
        Assert.Equal(Parse("2026-09-25T00:00:00+08:00"), order.FixDueAt);

        // A complex problem: 15 working days from the rating, across 中秋 (09-25 to 09-27) and 国庆 (10-01 to 10-07):
        // 09-20, 21, 22, 23, 24, 28, 29, 30, 10-08, 09, 10 (调休 Saturday), 12, 13, 14, 15.
        Assert.True(order.MoveTo(RectificationStatus.Rectifying, "banzhang", null, true, clock.GetUtcNow(), Calendar.EndOfWorkingDays));
        Assert.Equal(Parse("2026-10-16T00:00:00+08:00"), order.FixDueAt);
        clock.SetUtcNow(Parse("2026-10-15T23:00:00+08:00"));
        Assert.False(order.IsOverdue(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.True(order.IsOverdue(clock.GetUtcNow()));

        // An appeal needs its reason; once appealed or fixed the order is no longer overdue, and only closing follows.
        Assert.False(order.MoveTo(RectificationStatus.Appealed, "banzhang", null, false, clock.GetUtcNow(), Calendar.EndOfWorkingDays));
        Assert.False(order.MoveTo(RectificationStatus.Closed, "banzhang", null, false, clock.GetUtcNow(), Calendar.EndOfWorkingDays));
        Assert.True(order.MoveTo(RectificationStatus.Appealed, "banzhang", "市民所述情况与录音不符", false, clock.GetUtcNow(), Calendar.EndOfWorkingDays));
        Assert.False(order.IsOverdue(clock.GetUtcNow()));
        Assert.Equal([RectificationStatus.Closed], order.Next);
        Assert.True(order.MoveTo(RectificationStatus.Closed, "banzhang", null, false, clock.GetUtcNow(), Calendar.EndOfWorkingDays));
        Assert.Equal("市民所述情况与录音不符", order.Note);
    }

    [Fact]
    public void OnlyBadRatingsOpenOrders() =>
        Assert.Throws<ArgumentException>(() => RectificationOrder.Open(Guid.NewGuid(), null, "gjj", null, null, ServiceRating.BasicallySatisfied, null, DateTimeOffset.UnixEpoch, Calendar.EndOfWorkingDays));

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
