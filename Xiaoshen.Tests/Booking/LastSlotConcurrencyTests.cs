using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Booking;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Booking;

/// <summary>
/// issue 16: two people never get the last slot. Many people book the last places of one half day at the same moment,
/// on PostgreSQL and on SQLite: exactly as many get one as there were places, the rest are told it is full, and the
/// database holds no more bookings than places. And one person tapping book on several devices at once for one matter
/// (each a different half day) gets one booking: the rest are told the rule, and no place is held for them.
/// </summary>
public sealed class LastSlotConcurrencyTests
{
    private const int People = 12;

    // Tuesday 1 December 2026, 10:00 Beijing time; Thursday 3 December is bookable.
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Day = new(2026, 12, 3);

    [PostgresFact]
    public async Task OnPostgresOnlyOnePersonGetsTheLastPlace()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = database.Host().WithServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
        await RaceAsync(factory);
    }

    [Fact]
    public async Task OnSqliteOnlyOnePersonGetsTheLastPlace()
    {
        using var factory = new BotApiFactory().WithServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
        await RaceAsync(factory);
    }

    [PostgresFact]
    public async Task OnPostgresOnePersonBookingTwiceAtOnceGetsOneBooking()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = database.Host().WithServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
        await SamePersonRaceAsync(factory);
    }

    [Fact]
    public async Task OnSqliteOnePersonBookingTwiceAtOnceGetsOneBooking()
    {
        using var factory = new BotApiFactory().WithServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
        await SamePersonRaceAsync(factory);
    }

    // The same person (one user id, a conversation per device) books every free half day of the window at the same moment.
    private static async Task SamePersonRaceAsync(BotApiFactory factory)
    {
        var bookings = factory.Services.GetRequiredService<BookingService>();
        var pudong = factory.Services.GetRequiredService<ServiceCentres>().Find("pudong")!;
        var slots = await bookings.FreeAsync(pudong, bookings.Window.Days(bookings.Today), leader: false, CancellationToken.None);
        Assert.True(slots.Count >= 2);

        using var start = new ManualResetEventSlim();
        var racers = slots.Select((slot, i) => Task.Run(async () =>
        {
            var device = Conversation.Start("emulator", $"device-{i}", "same-person", Now);
            start.Wait();
            return await bookings.BookAsync(pudong, "fg-rental-filing", slot, device, null, CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(racers);

        Assert.Single(results, r => r.Outcome == BookOutcome.Booked);
        Assert.Equal(slots.Count - 1, results.Count(r => r.Outcome == BookOutcome.AlreadyBooked));

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        Assert.Equal(1, await db.CentreBookings.CountAsync(b => b.PersonKey == "emulator:same-person"));
        Assert.Equal(1, await db.SlotCounts.Where(s => s.CentreId == "pudong").SumAsync(s => s.Booked));
    }

    private static async Task RaceAsync(BotApiFactory factory)
    {
        var bookings = factory.Services.GetRequiredService<BookingService>();
        var centres = factory.Services.GetRequiredService<ServiceCentres>();
        var pudong = centres.Find("pudong")!; // one place each half day
        var songjiang = centres.Find("songjiang")!; // a leader half day with one place on 3 December afternoon
        var regular = new SlotOffer(Day, HalfDay.Morning, string.Empty, string.Empty, 1);
        var leader = new SlotOffer(Day, HalfDay.Afternoon, "周立新", string.Empty, 1);

        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, People).Select(i => Task.Run(async () =>
        {
            var person = Conversation.Start("emulator", $"race-{i}", $"racer-{i}", Now);
            start.Wait();
            return (await bookings.BookAsync(pudong, "fg-rental-filing", regular, person, null, CancellationToken.None),
                await bookings.BookAsync(songjiang, "gjj-rent-withdraw", leader, person, null, CancellationToken.None));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(racers);

        Assert.Single(results, r => r.Item1.Outcome == BookOutcome.Booked);
        Assert.Equal(People - 1, results.Count(r => r.Item1.Outcome == BookOutcome.Full));
        Assert.Single(results, r => r.Item2.Outcome == BookOutcome.Booked);
        Assert.Equal(People - 1, results.Count(r => r.Item2.Outcome == BookOutcome.Full));

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        Assert.Equal(1, await db.CentreBookings.CountAsync(b => b.CentreId == "pudong" && b.Date == Day && b.Half == HalfDay.Morning));
        Assert.Equal(1, await db.CentreBookings.CountAsync(b => b.CentreId == "songjiang" && b.Leader == "周立新"));
        Assert.Equal(1, (await db.SlotCounts.SingleAsync(s => s.CentreId == "pudong" && s.Date == Day && s.Half == HalfDay.Morning)).Booked);
        Assert.DoesNotContain(await bookings.FreeAsync(pudong, [Day], leader: false, CancellationToken.None), f => f.Half == HalfDay.Morning);
    }
}
