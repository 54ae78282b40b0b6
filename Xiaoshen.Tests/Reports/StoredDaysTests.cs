using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Reports;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Reports;

/// <summary>
/// The stored projection of closed days (issue 14, "Scale"): a report over stored days and the live remainder gives
/// exactly what the live projection of the raw rows gives, a late change to a stored day's rows (a rating) shows, stored
/// days of other rules are rebuilt, two fillers store each day once, and retention deletes the stored episodes with the
/// transcripts. The synthetic September lies well in the past, so all its days are closed.
/// </summary>
public sealed class StoredDaysTests
{
    private static readonly DateOnly First = new(2026, 9, 1);
    private static readonly DateOnly Last = new(2026, 9, 30);

    [Fact]
    public async Task StoredDaysWithTheLiveRemainderGiveExactlyTheLiveProjection()
    {
        using var host = await HostAsync();
        var projection = host.Services.GetRequiredService<EpisodeProjection>();
        var live = host.Services.GetRequiredService<LiveEpisodes>();

        // Three days are held by another filler's fresh claim: they are projected live, the rest read from the store.
        await using (var db = Db(host))
        {
            var now = DateTimeOffset.UtcNow;
            db.ReportDays.AddRange(new[] { 10, 11, 20 }.Select(d => new ReportDay { Day = new DateOnly(2026, 9, d), RulesVersion = EpisodeRules.Version, GapMinutes = 30, Token = Guid.NewGuid(), ClaimedAt = now }));
            await db.SaveChangesAsync();
        }

        var gjj = new HashSet<string>(StringComparer.Ordinal) { "gjj" };
        ReportFilter[] filters =
        [
            new(First, Last, null),
            new(First, Last, null, Department: "gjj"),
            new(First, Last, null, Department: "gjj", WorkingHoursOnly: true),
            new(First, Last, gjj),
            new(First, Last, gjj, WorkingHoursOnly: true),
            new(First, Last, null, Channel: ReportChannel.WeChat, MatterId: "gjj-rent-withdraw"),
            new(First, Last, null, HumanAgentId: "gjj01"),
            new(new DateOnly(2026, 9, 9), new DateOnly(2026, 9, 12), null),
        ];
        foreach (var filter in filters)
        {
            var expected = await live.EpisodesAsync(filter, CancellationToken.None);
            var first = await projection.EpisodesAsync(filter, CancellationToken.None);
            var again = await projection.EpisodesAsync(filter, CancellationToken.None);

            Assert.NotEmpty(expected);
            Assert.Equal(expected, first);
            Assert.Equal(expected, again);
        }

        await using var check = Db(host);
        Assert.Equal(27, await check.ReportDays.CountAsync(d => d.Complete));
        Assert.Equal(
            (await live.EpisodesAsync(new ReportFilter(First, Last, null), CancellationToken.None)).Count(e => ReportSummary.Day(e.StartedAt).Day is not (10 or 11 or 20)),
            await check.ReportEpisodes.CountAsync());
    }

    [Fact]
    public async Task ARatingGivenAfterTheDayWasStoredShowsInTheReport()
    {
        using var host = await HostAsync();
        await AssertLateRatingShowsAsync(host);
    }

    [PostgresFact]
    public async Task ARatingGivenAfterTheDayWasStoredShowsInTheReportOnPostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var content = new TestKnowledgeBase();
        using var host = await HostAsync(database.Host(content));
        await AssertLateRatingShowsAsync(host);
    }

    [Fact]
    public async Task StoredDaysOfOtherRulesAreIgnoredAndRebuilt()
    {
        using var host = await HostAsync();
        var projection = host.Services.GetRequiredService<EpisodeProjection>();
        var month = new ReportFilter(First, Last, null);
        var expected = await host.Services.GetRequiredService<LiveEpisodes>().EpisodesAsync(month, CancellationToken.None);
        Assert.Equal(expected, await projection.EpisodesAsync(month, CancellationToken.None));

        // The stored days as an earlier version of the rules left them: every episode with another outcome.
        await using (var db = Db(host))
        {
            await db.ReportDays.ExecuteUpdateAsync(d => d.SetProperty(x => x.RulesVersion, EpisodeRules.Version - 1));
            await db.ReportEpisodes.ExecuteUpdateAsync(e => e.SetProperty(x => x.Outcome, EpisodeOutcome.Abandoned));
        }

        Assert.Equal(expected, await projection.EpisodesAsync(month, CancellationToken.None));
        await using var check = Db(host);
        Assert.Equal(30, await check.ReportDays.CountAsync(d => d.Complete && d.RulesVersion == EpisodeRules.Version));
        Assert.Equal(expected.Count(e => e.Outcome == EpisodeOutcome.Abandoned), await check.ReportEpisodes.CountAsync(e => e.Outcome == EpisodeOutcome.Abandoned));
    }

    [Fact]
    public async Task TwoFillersOnOneDatabaseStoreEachDayOnce()
    {
        using var first = await HostAsync();
        using var second = BotApiFactory.On(first.Content).WithSetting("Reports:FillDelaySeconds", "3600");
        await AssertFilledOnceAsync(first, second);
    }

    [PostgresFact]
    public async Task TwoFillersOnOnePostgresDatabaseStoreEachDayOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var content = new TestKnowledgeBase();
        using var first = await HostAsync(database.Host(content));
        using var second = database.Host(content).WithSetting("Reports:FillDelaySeconds", "3600");
        await AssertFilledOnceAsync(first, second);
    }

    [Fact]
    public async Task RetentionDeletesStoredEpisodesWithTheTranscripts()
    {
        using var host = await HostAsync();
        var month = new ReportFilter(First, Last, null);
        await host.Services.GetRequiredService<EpisodeProjection>().EpisodesAsync(month, CancellationToken.None);
        var cutoff = new DateTimeOffset(2026, 9, 16, 0, 0, 0, WorkingCalendar.Offset);

        foreach (var target in host.Services.GetServices<IRetentionTarget>())
        {
            await target.DeleteOlderThanAsync(cutoff.ToUniversalTime(), CancellationToken.None);
        }

        await using var db = Db(host);
        Assert.False(await db.ReportEpisodes.AnyAsync(e => e.Day <= new DateOnly(2026, 9, 17)));
        Assert.True(await db.ReportEpisodes.AnyAsync(e => e.Day > new DateOnly(2026, 9, 17)));
        var after = await host.Services.GetRequiredService<EpisodeProjection>().EpisodesAsync(month, CancellationToken.None);
        Assert.Equal(await host.Services.GetRequiredService<LiveEpisodes>().EpisodesAsync(month, CancellationToken.None), after);
        Assert.DoesNotContain(after, e => e.StartedAt < cutoff);
    }

    private static async Task AssertLateRatingShowsAsync(BotApiFactory host)
    {
        using var admin = await TestAccounts.SignedInAsync(host, "admin");
        var before = await admin.GetFromJsonAsync<ReportSummary>("/api/reports/summary?from=2026-09-01&to=2026-09-30");
        HandoffSession unrated;
        await using (var db = Db(host))
        {
            Assert.Equal(30, await db.ReportDays.CountAsync(d => d.Complete));
            unrated = (await db.HandoffSessions.AsNoTracking().Where(s => s.Rating == null && s.Outcome == HandoffOutcome.Resolved).ToListAsync()).First();
        }

        // The person rates the service weeks later; the service saves the session as it saves every change.
        Assert.True(unrated.Rate(ServiceRating.VeryDissatisfied, null, DateTimeOffset.UtcNow));
        var writer = host.Services.GetRequiredService<StorageWriter>();
        writer.Upsert(unrated, unrated.Id);
        await writer.FlushAsync();
        var after = await admin.GetFromJsonAsync<ReportSummary>("/api/reports/summary?from=2026-09-01&to=2026-09-30");

        Assert.Equal(before!.Rated + 1, after!.Rated);
        Assert.Equal(before.BadRatings + 1, after.BadRatings);
    }

    private static async Task AssertFilledOnceAsync(BotApiFactory first, BotApiFactory second)
    {
        var days = StoredDays.Days(First, Last).ToList();
        var clock = first.Services.GetRequiredService<TimeProvider>();
        var before = clock.GetUtcNow();
        var filled = await Task.WhenAll(
            first.Services.GetRequiredService<StoredDays>().FillAsync(days, CancellationToken.None),
            second.Services.GetRequiredService<StoredDays>().FillAsync(days, CancellationToken.None));
        var month = new ReportFilter(First, Last, null);
        var live = await first.Services.GetRequiredService<LiveEpisodes>().EpisodesAsync(month, CancellationToken.None);

        Assert.Empty(filled[0].Intersect(filled[1]));
        Assert.Equal(days, filled[0].Union(filled[1]).Order());
        await using var db = Db(first);
        Assert.Equal(live.Count, await db.ReportEpisodes.CountAsync());

        // The claims read back as written (a stale-claim takeover depends on their time).
        var claims = await db.ReportDays.AsNoTracking().ToListAsync();
        Assert.Equal(days, claims.Select(c => c.Day).Order());
        Assert.All(claims, c => Assert.InRange(c.ClaimedAt, before.AddSeconds(-1), clock.GetUtcNow().AddSeconds(1)));
        Assert.Equal(claims.Count, claims.Select(c => c.Token).Distinct().Count());
        Assert.Equal(live, await second.Services.GetRequiredService<EpisodeProjection>().EpisodesAsync(month, CancellationToken.None));
    }

    // A host whose background filler waits (the tests fill when they choose), on a synthetic September.
    private static async Task<BotApiFactory> HostAsync(BotApiFactory? host = null)
    {
        host = (host ?? new BotApiFactory()).WithSetting("Reports:FillDelaySeconds", "3600");
        await using var db = Db(host);
        await new SyntheticMonth(2026, 9, perDay: 8).SaveAsync(db);
        return host;
    }

    private static XiaoshenDbContext Db(BotApiFactory host) =>
        host.Services.CreateScope().ServiceProvider.GetRequiredService<XiaoshenDbContext>();
}
