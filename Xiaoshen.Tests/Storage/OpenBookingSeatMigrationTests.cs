using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Xiaoshen.Bot.Booking;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Tests.Storage;

/// <summary>
/// issue 16: the migration Book2OpenBookingSeat on a database that already holds bookings. Bookings open before it (two
/// for one person and matter, as the race it closed could leave) get seats 1..n per person and matter, closed ones none,
/// so the unique index is made and the rule holds from then on.
/// </summary>
public sealed class OpenBookingSeatMigrationTests
{
    private const string Before = "PreReviewFlowCases";
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    // As the SQLite model stores them: Guids as upper-case text, dates as text, times as sortable numbers.
    [Fact]
    public Task SqliteGivesOpenBookingsSeatsOneToNPerPersonAndMatter() => MigrationDatabase.OnSqliteAsync(open => MigratesAsync(
        open,
        g => g.ToString().ToUpperInvariant(),
        d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        new DateTimeOffsetToBinaryConverter().ConvertToProvider(Created)!));

    [PostgresFact]
    public Task PostgresGivesOpenBookingsSeatsOneToNPerPersonAndMatter() => MigrationDatabase.OnPostgresAsync(open => MigratesAsync(open, g => g, d => d, Created));

    private static async Task MigratesAsync(Func<XiaoshenDbContext> open, Func<Guid, object> guid, Func<DateOnly, object> date, object created)
    {
        var rows = new (string Person, string Matter, string Status)[]
        {
            ("directline:alice", "fg-rental-filing", "Booked"),
            ("directline:alice", "fg-rental-filing", "Cancelled"),
            ("directline:alice", "fg-rental-filing", "Booked"),
            ("directline:alice", "fg-rental-filing", "CheckedIn"),
            ("directline:alice", "fg-rental-filing", "Done"),
            ("directline:alice", "gjj-rent-withdraw", "Booked"),
            ("directline:bob", "fg-rental-filing", "Booked"),
            ("directline:bob", "fg-rental-filing", "NoShow"),
        };
        var ids = rows.Select(_ => Guid.NewGuid()).ToList();
        await using (var db = open())
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
            for (var i = 0; i < rows.Length; i++)
            {
                var (person, matter, status) = rows[i];
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "CentreBookings" ("Id", "Code", "CentreId", "MatterId", "Date", "Half", "Leader", "ConversationId", "Channel", "PersonKey", "Status", "CreatedAt")
                    VALUES ({guid(ids[i])}, {"B00000" + i}, 'songjiang', {matter}, {date(new DateOnly(2026, 12, 2 + i))}, 'Morning', '', {guid(Guid.NewGuid())}, 'directline', {person}, {status}, {created})
                    """);
            }

            await db.Database.MigrateAsync();
        }

        await using (var db = open())
        {
            var seats = (await db.CentreBookings.AsNoTracking().ToListAsync()).ToDictionary(b => b.Id, b => b.OpenSeat);
            var seatsOf = (string person, string matter) => rows.Index()
                .Where(r => r.Item.Person == person && r.Item.Matter == matter)
                .Select(r => seats[ids[r.Index]])
                .ToList();

            // Alice's three open bookings of one matter share no seat; the cancelled and done ones hold none.
            var alice = seatsOf("directline:alice", "fg-rental-filing");
            Assert.Equal([1, 2, 3], alice.OfType<int>().Order());
            Assert.Null(alice[1]);
            Assert.Null(alice[4]);
            Assert.Equal(new int?[] { 1 }, seatsOf("directline:alice", "gjj-rent-withdraw"));
            Assert.Equal(new int?[] { 1, null }, seatsOf("directline:bob", "fg-rental-filing"));
        }

        // The index the backfill made possible now refuses a second booking in a seat already held.
        await using (var db = open())
        {
            db.CentreBookings.Add(CentreBooking.Create("pudong", "gjj-rent-withdraw", new DateOnly(2026, 12, 7), HalfDay.Morning, null, Guid.NewGuid(), "directline", "directline:alice", 1, Created));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }
}
