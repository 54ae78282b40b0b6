using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Booking;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Booking;

/// <summary>
/// issue 16: the booking rules from the options on the fake clock and the content's working calendar: at least 1 and at
/// most 5 working days ahead, weekends and holidays refused, a 调休 Saturday bookable; one open booking per person and
/// matter; repeated no-shows restrict booking; the centre's marks follow the desk (签到 and 未到场 not before the day, 签到
/// not after it, 办结 only after 签到, nothing on a cancelled booking), and a refused 未到场 is not counted.
/// </summary>
public sealed class BookingRulesTests : IDisposable
{
    // Wednesday 30 September 2026, 10:00 Beijing time; 国庆节 is 1–7 October, Saturday 10 October is worked (调休).
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly BotApiFactory _factory;
    private readonly BookingService _bookings;
    private readonly ServiceCentre _songjiang;

    public BookingRulesTests()
    {
        _factory = new BotApiFactory().WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        _bookings = _factory.Services.GetRequiredService<BookingService>();
        _songjiang = _factory.Services.GetRequiredService<ServiceCentres>().Find("songjiang")!;
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void DaysAreCheckedOnTheWorkingCalendar()
    {
        (string Day, DayCheck Expected)[] days =
        [
            ("2026-09-30", DayCheck.TooSoon), // today
            ("2026-10-03", DayCheck.Holiday), // 国庆节, a Saturday
            ("2026-10-05", DayCheck.Holiday), // 国庆节, a Monday
            ("2026-10-08", DayCheck.Bookable), // the first working day after today
            ("2026-10-10", DayCheck.Bookable), // 调休: a Saturday worked, the third working day
            ("2026-10-11", DayCheck.Weekend), // an ordinary Sunday
            ("2026-10-13", DayCheck.Bookable), // the fifth working day (8, 9, 10, 12, 13)
            ("2026-10-14", DayCheck.TooLate), // the sixth
        ];

        foreach (var (day, expected) in days)
        {
            Assert.True(expected == _bookings.Window.Check(_bookings.Today, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)), day);
        }

        Assert.Equal(
            [new DateOnly(2026, 10, 8), new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 13)],
            _bookings.Window.Days(_bookings.Today));
    }

    [Fact]
    public async Task AHolidayIsRefusedAndTheTiaoxiuSaturdayIsBooked()
    {
        var person = Person("a");

        Assert.Equal(BookOutcome.DayNotBookable, (await BookAsync(person, "fg-rental-filing", new DateOnly(2026, 10, 5))).Outcome);
        Assert.Equal(BookOutcome.DayNotBookable, (await BookAsync(person, "fg-rental-filing", new DateOnly(2026, 10, 11))).Outcome);
        var booked = await BookAsync(person, "fg-rental-filing", new DateOnly(2026, 10, 10));

        Assert.Equal(BookOutcome.Booked, booked.Outcome);
        Assert.Equal(new DateOnly(2026, 10, 10), booked.Booking!.Date);
        Assert.Matches("^B[2-9A-HJKMNP-Z]{6}$", booked.Booking.Code);
    }

    [Fact]
    public async Task OneOpenBookingPerPersonAndMatter()
    {
        var person = Person("b");

        Assert.Equal(BookOutcome.Booked, (await BookAsync(person, "fg-rental-filing", new DateOnly(2026, 10, 8))).Outcome);
        Assert.Equal(BookOutcome.AlreadyBooked, (await BookAsync(person, "fg-rental-filing", new DateOnly(2026, 10, 9))).Outcome);
        Assert.Equal(BookOutcome.Booked, (await BookAsync(person, "gjj-retire-withdraw", new DateOnly(2026, 10, 9))).Outcome);
        Assert.Equal(BookOutcome.Booked, (await BookAsync(Person("c"), "fg-rental-filing", new DateOnly(2026, 10, 8))).Outcome);
    }

    [Fact]
    public async Task RepeatedNoShowsRestrictBooking()
    {
        var person = Person("d");
        var first = await BookAsync(person, "fg-rental-filing", new DateOnly(2026, 10, 8));
        var second = await BookAsync(person, "gjj-retire-withdraw", new DateOnly(2026, 10, 9));
        Assert.Equal(BookOutcome.Booked, second.Outcome);

        // The evening of the second day: the person came to neither.
        _clock.SetUtcNow(new DateTimeOffset(2026, 10, 9, 18, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(MarkOutcome.Marked, await _bookings.MarkAsync(first.Booking!.Id, BookingStatus.NoShow, "staff01", CancellationToken.None));
        Assert.Equal(MarkOutcome.Marked, await _bookings.MarkAsync(second.Booking!.Id, BookingStatus.NoShow, "staff01", CancellationToken.None));

        Assert.Equal(BookOutcome.Restricted, (await BookAsync(person, "fg-rental-filing", new DateOnly(2026, 10, 12))).Outcome);
        var restriction = await _bookings.RestrictionAsync(BookingService.PersonKey(person), CancellationToken.None);
        Assert.Equal(new DateOnly(2026, 11, 8), restriction!.Until); // 30 days after the last missed day

        // Once the restriction has run out, the person books again.
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 10, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(BookOutcome.Booked, (await BookAsync(person, "gjj-retire-withdraw", new DateOnly(2026, 11, 10))).Outcome);
    }

    [Fact]
    public async Task NeitherCheckInNorNoShowBeforeTheBookingsDay()
    {
        var booking = (await BookAsync(Person("g"), "fg-rental-filing", new DateOnly(2026, 10, 8))).Booking!;

        Assert.Equal(MarkOutcome.NotItsDayYet, await MarkAsync(booking, BookingStatus.CheckedIn));
        Assert.Equal(MarkOutcome.NotItsDayYet, await MarkAsync(booking, BookingStatus.NoShow));

        Assert.Equal(BookingStatus.Booked, await StatusAsync(booking));
    }

    [Fact]
    public async Task DoneOnlyAfterCheckIn()
    {
        var booking = (await BookAsync(Person("h"), "fg-rental-filing", new DateOnly(2026, 10, 8))).Booking!;
        _clock.SetUtcNow(new DateTimeOffset(2026, 10, 8, 9, 30, 0, TimeSpan.FromHours(8)));

        Assert.Equal(MarkOutcome.NotCheckedIn, await MarkAsync(booking, BookingStatus.Done));
        Assert.Equal(BookingStatus.Booked, await StatusAsync(booking));

        Assert.Equal(MarkOutcome.Marked, await MarkAsync(booking, BookingStatus.CheckedIn));
        Assert.Equal(MarkOutcome.AlreadyMarked, await MarkAsync(booking, BookingStatus.NoShow));
        Assert.Equal(MarkOutcome.Marked, await MarkAsync(booking, BookingStatus.Done));
        Assert.Equal(BookingStatus.Done, await StatusAsync(booking));
    }

    [Fact]
    public async Task AfterTheDayOnlyANoShowIsMarked()
    {
        var booking = (await BookAsync(Person("i"), "fg-rental-filing", new DateOnly(2026, 10, 8))).Booking!;
        _clock.SetUtcNow(new DateTimeOffset(2026, 10, 9, 9, 0, 0, TimeSpan.FromHours(8)));

        Assert.Equal(MarkOutcome.DayPassed, await MarkAsync(booking, BookingStatus.CheckedIn));
        Assert.Equal(MarkOutcome.Marked, await MarkAsync(booking, BookingStatus.NoShow));
        Assert.Equal(BookingStatus.NoShow, await StatusAsync(booking));
    }

    [Fact]
    public async Task ACancelledBookingTakesNoMark()
    {
        var person = Person("j");
        var booking = (await BookAsync(person, "fg-rental-filing", new DateOnly(2026, 10, 8))).Booking!;
        Assert.NotNull(await _bookings.CancelAsync(booking.Id, BookingService.PersonKey(person), CancellationToken.None));
        _clock.SetUtcNow(new DateTimeOffset(2026, 10, 8, 9, 30, 0, TimeSpan.FromHours(8)));

        Assert.Equal(MarkOutcome.Cancelled, await MarkAsync(booking, BookingStatus.CheckedIn));
        Assert.Equal(MarkOutcome.Cancelled, await MarkAsync(booking, BookingStatus.NoShow));
        Assert.Equal(MarkOutcome.Cancelled, await MarkAsync(booking, BookingStatus.Done));
        Assert.Null(await _bookings.RestrictionAsync(BookingService.PersonKey(person), CancellationToken.None));
    }

    [Fact]
    public async Task RefusedNoShowsAreNotCounted()
    {
        var person = Person("k");
        var first = (await BookAsync(person, "fg-rental-filing", new DateOnly(2026, 10, 8))).Booking!;
        var second = (await BookAsync(person, "gjj-retire-withdraw", new DateOnly(2026, 10, 9))).Booking!;

        // Marked by mistake on the days before: refused, so the person is not kept from booking.
        Assert.NotEqual(MarkOutcome.Marked, await MarkAsync(first, BookingStatus.NoShow));
        Assert.NotEqual(MarkOutcome.Marked, await MarkAsync(second, BookingStatus.NoShow));

        Assert.Null(await _bookings.RestrictionAsync(BookingService.PersonKey(person), CancellationToken.None));
        Assert.NotEqual(BookOutcome.Restricted, (await BookAsync(person, "fg-rental-filing", new DateOnly(2026, 10, 12))).Outcome);
    }

    [Fact]
    public async Task ACancelledBookingFreesItsPlace()
    {
        var day = new DateOnly(2026, 10, 8);
        var first = await BookAsync(Person("e"), "fg-rental-filing", day, "pudong");
        Assert.Equal(BookOutcome.Full, (await BookAsync(Person("f"), "fg-rental-filing", day, "pudong")).Outcome);

        Assert.NotNull(await _bookings.CancelAsync(first.Booking!.Id, BookingService.PersonKey(Person("e")), CancellationToken.None));

        Assert.Equal(BookOutcome.Booked, (await BookAsync(Person("f"), "fg-rental-filing", day, "pudong")).Outcome);
    }

    private Task<MarkOutcome> MarkAsync(CentreBooking booking, BookingStatus to) =>
        _bookings.MarkAsync(booking.Id, to, "staff01", CancellationToken.None);

    private async Task<BookingStatus?> StatusAsync(CentreBooking booking) =>
        (await _bookings.DayAsync(booking.CentreId, booking.Date, CancellationToken.None)).SingleOrDefault(b => b.Id == booking.Id)?.Status;

    private Conversation Person(string user) => Conversation.Start("emulator", "conv-" + user, "user-" + user, _clock.GetUtcNow());

    private Task<BookResult> BookAsync(Conversation person, string matterId, DateOnly day, string centreId = "songjiang")
    {
        var centre = centreId == _songjiang.Id ? _songjiang : _factory.Services.GetRequiredService<ServiceCentres>().Find(centreId)!;
        return _bookings.BookAsync(centre, matterId, new SlotOffer(day, HalfDay.Morning, string.Empty, string.Empty, 1), person, null, CancellationToken.None);
    }
}
