using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// The stored projection of closed days: the episodes of a Beijing day that can no longer change (over by more than
/// the projection's margin, with no handoff of its window still open), projected once by <see cref="LiveEpisodes"/>
/// and kept in <see cref="ReportEpisode"/> rows under the rules version and episode gap they were projected with
/// (<see cref="ReportDay"/>). A day is claimed before it is filled, so fillers on several nodes never fill the same
/// day twice, and it is stored only if its claim is still there when its episodes are written: a late change to its
/// rows deletes the claim (<see cref="ReportDaysInvalidation"/>), and the day is projected live until filled again.
/// </summary>
public sealed class StoredDays(IServiceScopeFactory scopes, LiveEpisodes live, IOptionsMonitor<ReportsOptions> options, IOptions<RetentionOptions> retention, TimeProvider time)
{
    /// <summary>The most days projected in one read of the raw rows while filling.</summary>
    public const int RunDays = 7;

    // A claim older than this was left by a filler that stopped; another may take the day over.
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The last day that is closed at <paramref name="now"/>: its projection window (the day and the margin after it) is over.</summary>
    public static DateOnly LastClosed(DateTimeOffset now) => ReportSummary.Day(now - LiveEpisodes.Margin).AddDays(-1);

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/> stored under the current rules and gap.</summary>
    public async Task<HashSet<DateOnly>> CurrentAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var gap = options.CurrentValue.EpisodeGapMinutes;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var days = await db.ReportDays.AsNoTracking()
            .Where(d => d.Day >= from && d.Day <= to && d.Complete && d.RulesVersion == EpisodeRules.Version && d.GapMinutes == gap)
            .Select(d => d.Day)
            .ToListAsync(cancellationToken);
        return [.. days];
    }

    /// <summary>The stored episodes of <paramref name="days"/> that may pass <paramref name="filter"/> (the rest of it is applied by the caller).</summary>
    public async Task<List<Episode>> ReadAsync(ReportFilter filter, IReadOnlySet<DateOnly> days, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return [];
        }

        var (from, to) = (days.Min(), days.Max());
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var query = db.ReportEpisodes.AsNoTracking().Where(e => e.Day >= from && e.Day <= to);
        if (filter.Department is { } department)
        {
            query = query.Where(e => e.DepartmentId == department);
        }

        if (filter.Departments is { } readable)
        {
            var ids = readable.ToList();
            query = query.Where(e => ids.Contains(e.DepartmentId));
        }

        if (filter.MatterId is { } matter)
        {
            query = query.Where(e => e.MatterId == matter);
        }

        if (filter.HumanAgentId is { } agent)
        {
            query = query.Where(e => e.HumanAgentId == agent);
        }

        var rows = await query.ToListAsync(cancellationToken);
        return [.. rows.Where(r => days.Contains(r.Day)).Select(r => r.ToEpisode())];
    }

    /// <summary>Fills the closed days of the reports' longest period that are not stored under the current rules; returns how many were stored.</summary>
    public async Task<int> FillRecentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var last = LastClosed(now);

        // Days whose raw rows retention has begun to delete are not worth storing: their rows are going.
        var first = new[] { last.AddDays(1 - options.CurrentValue.MaxPeriodDays), ReportSummary.Day(now.AddDays(-retention.Value.Days)).AddDays(2) }.Max();
        if (first > last)
        {
            return 0;
        }

        var stored = await CurrentAsync(first, last, cancellationToken);
        var missing = Days(first, last).Where(d => !stored.Contains(d)).ToList();
        return (await FillAsync(missing, cancellationToken)).Count;
    }

    /// <summary>
    /// Projects and stores those of <paramref name="days"/> that are closed, have no open handoff in their window and
    /// are not claimed by another filler; returns the days stored now.
    /// </summary>
    public async Task<HashSet<DateOnly>> FillAsync(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var last = LastClosed(now);
        var wanted = days.Where(d => d <= last).Order().ToList();
        var filled = new HashSet<DateOnly>();
        if (wanted.Count == 0)
        {
            return filled;
        }

        var gap = options.CurrentValue.EpisodeGapMinutes;
        var claims = new Dictionary<DateOnly, Guid>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();

            // A handoff still open changes the episodes of its day and of the day either side when it ends.
            var start = (Start(wanted[0]) - LiveEpisodes.Margin).ToUniversalTime();
            var end = (Start(wanted[^1].AddDays(1)) + LiveEpisodes.Margin).ToUniversalTime();
            var open = await db.HandoffSessions.AsNoTracking().Where(s => s.EndedAt == null && s.QueuedAt >= start && s.QueuedAt < end).Select(s => s.QueuedAt).ToListAsync(cancellationToken);
            var busy = open.Select(ReportSummary.Day).SelectMany(d => new[] { d.AddDays(-1), d, d.AddDays(1) }).ToHashSet();
            foreach (var day in wanted.Where(d => !busy.Contains(d)))
            {
                if (await ClaimAsync(db, day, now, gap, cancellationToken) is { } token)
                {
                    claims[day] = token;
                }
            }
        }

        foreach (var (from, to) in Runs(claims.Keys, RunDays))
        {
            var episodes = await live.ProjectAsync(from, to, cancellationToken);
            filled.UnionWith(await StoreAsync(from, to, claims, episodes, cancellationToken));
        }

        return filled;
    }

    /// <summary>The runs of consecutive days in <paramref name="days"/>, each at most <paramref name="longest"/> days.</summary>
    public static IEnumerable<(DateOnly From, DateOnly To)> Runs(IEnumerable<DateOnly> days, int longest)
    {
        DateOnly? from = null;
        var to = default(DateOnly);
        foreach (var day in days.Order())
        {
            if (from is { } f && day == to.AddDays(1) && day.DayNumber - f.DayNumber < longest)
            {
                to = day;
                continue;
            }

            if (from is { } done)
            {
                yield return (done, to);
            }

            (from, to) = (day, day);
        }

        if (from is { } rest)
        {
            yield return (rest, to);
        }
    }

    /// <summary>The days <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static DateTimeOffset Start(DateOnly day) => new ReportFilter(day, day, null).Start;

    // Claims a day for this filler: a new row, or a row of other rules or of a filler that stopped, taken over by its
    // token. Null when the day is stored already or another filler holds it.
    private static async Task<Guid?> ClaimAsync(XiaoshenDbContext db, DateOnly day, DateTimeOffset now, int gap, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var row = await db.ReportDays.AsNoTracking().FirstOrDefaultAsync(d => d.Day == day, cancellationToken);
        if (row is null)
        {
            // INSERT … ON CONFLICT DO NOTHING (SQLite and PostgreSQL): losing the race to another filler is no error.
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ReportDays" ("Day", "RulesVersion", "GapMinutes", "Token", "Complete", "ClaimedAt", "Episodes")
                VALUES ({RowInserts.Column<ReportDay>(db, nameof(ReportDay.Day), day)}, {EpisodeRules.Version}, {gap}, {RowInserts.Column<ReportDay>(db, nameof(ReportDay.Token), token)},
                    {RowInserts.Column<ReportDay>(db, nameof(ReportDay.Complete), false)}, {RowInserts.Column<ReportDay>(db, nameof(ReportDay.ClaimedAt), now)}, 0)
                ON CONFLICT ("Day") DO NOTHING
                """, cancellationToken);
            return inserted == 1 ? token : null;
        }

        if (row.IsCurrent(gap) || (!row.Complete && now - row.ClaimedAt < ClaimTimeout))
        {
            return null;
        }

        var taken = await db.ReportDays.Where(d => d.Day == day && d.Token == row.Token).ExecuteUpdateAsync(
            d => d.SetProperty(x => x.Token, token).SetProperty(x => x.Complete, false).SetProperty(x => x.ClaimedAt, now)
                .SetProperty(x => x.RulesVersion, EpisodeRules.Version).SetProperty(x => x.GapMinutes, gap).SetProperty(x => x.Episodes, 0),
            cancellationToken);
        return taken == 1 ? token : null;
    }

    // Replaces the stored episodes of the run's days in one transaction, and completes each day whose claim is still
    // this filler's; a day whose claim went (a late change, retention) keeps no episodes and stays live.
    private async Task<List<DateOnly>> StoreAsync(DateOnly from, DateOnly to, Dictionary<DateOnly, Guid> claims, List<Episode> episodes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ReportEpisodes.Where(e => e.Day >= from && e.Day <= to).ExecuteDeleteAsync(cancellationToken);
        var rows = episodes.Select(ReportEpisode.From).ToList();
        db.ReportEpisodes.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var counts = rows.CountBy(r => r.Day).ToDictionary();
        var stored = new List<DateOnly>();
        foreach (var day in Days(from, to))
        {
            var token = claims[day];
            var count = counts.GetValueOrDefault(day);
            var completed = await db.ReportDays.Where(d => d.Day == day && d.Token == token)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.Complete, true).SetProperty(x => x.Episodes, count), cancellationToken);
            if (completed == 1)
            {
                stored.Add(day);
            }
        }

        var lost = Days(from, to).Except(stored).ToList();
        if (lost.Count > 0)
        {
            await db.ReportEpisodes.Where(e => lost.Contains(e.Day)).ExecuteDeleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }
}
