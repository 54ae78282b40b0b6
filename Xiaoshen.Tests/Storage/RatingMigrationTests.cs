using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Tests.Storage;

/// <summary>
/// Ratings given on the three-level scale survive the move to GB/T 39734-2020's five levels (issue 14, section 3): the
/// migration of each provider keeps their words (three of the five levels) and marks them as given on a scale of 3.
/// </summary>
public sealed class RatingMigrationTests
{
    private const string Before = "HardeningAuthAccounts";
    private static readonly DateTimeOffset Ended = new(2026, 11, 20, 2, 30, 0, TimeSpan.Zero);

    // As the SQLite model stores them: Guids as upper-case text, times as sortable numbers.
    [Fact]
    public Task SqliteKeepsThreeLevelRatingsAsScaleThree() => MigrationDatabase.OnSqliteAsync(open =>
        MigratesAsync(open, g => g.ToString().ToUpperInvariant(), new DateTimeOffsetToBinaryConverter().ConvertToProvider(Ended)!));

    [PostgresFact]
    public Task PostgresKeepsThreeLevelRatingsAsScaleThree() => MigrationDatabase.OnPostgresAsync(open => MigratesAsync(open, g => g, Ended));

    private static async Task MigratesAsync(Func<XiaoshenDbContext> open, Func<Guid, object> guid, object ended)
    {
        var rated = Guid.NewGuid();
        var unrated = Guid.NewGuid();
        await using (var db = open())
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
            // The rating as a literal: a null parameter has no type PostgreSQL could infer.
            foreach (var (id, rating) in new[] { (rated, "'Dissatisfied'"), (unrated, "NULL") })
            {
                await db.Database.ExecuteSqlAsync(FormattableStringFactory.Create(
                    $$"""
                    INSERT INTO "HandoffSessions" ("Id", "ConversationId", "Channel", "DepartmentId", "AgentGroup", "Reason", "QueuedAt", "EndedAt", "Outcome", "Rating")
                    VALUES ({0}, {1}, 'directline', 'gjj', 'gjj', 'Requested', {2}, {2}, 'Resolved', {{rating}})
                    """,
                    guid(id),
                    guid(Guid.NewGuid()),
                    ended));
            }

            await db.Database.MigrateAsync();
        }

        await using (var db = open())
        {
            var sessions = await db.HandoffSessions.AsNoTracking().ToDictionaryAsync(s => s.Id);
            Assert.Equal((ServiceRating.Dissatisfied, 3, Ended), (sessions[rated].Rating, sessions[rated].RatingScale, sessions[rated].RatedAt!.Value));
            Assert.Equal(((ServiceRating?)null, (int?)null), (sessions[unrated].Rating, sessions[unrated].RatingScale));
            Assert.Empty(db.RectificationOrders);
        }
    }
}
