using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>Bad ratings of a period and where their follow-up stands: per status, and how many are overdue now.</summary>
public sealed record BadRatingFigures(int Total, IReadOnlyDictionary<RectificationStatus, int> ByStatus, int Overdue);

/// <summary>
/// The counts of bad ratings (不满意, 非常不满意) by the status of their 整改 work order, and the overdue ones, for a
/// department (all when null) and a period of ratings [from, to). For the reports. Singleton.
/// </summary>
public sealed class BadRatingCounts(IServiceScopeFactory scopes, StorageWriter writer, TimeProvider time)
{
    public async Task<BadRatingFigures> CountAsync(string? departmentId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var query = db.RectificationOrders.AsNoTracking().Where(o => o.CreatedAt >= from && o.CreatedAt < to);
        if (departmentId is not null)
        {
            query = query.Where(o => o.DepartmentId == departmentId);
        }

        // Only what the timers need comes back; overdue depends on the clock, so it is decided here, not in SQL.
        var rows = await query.Select(o => new { o.Status, o.ContactDueAt, o.FixDueAt }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var byStatus = Enum.GetValues<RectificationStatus>().ToDictionary(s => s, s => rows.Count(r => r.Status == s));
        var overdue = rows.Count(r => RectificationOrder.IsPastDue(r.Status, r.ContactDueAt, r.FixDueAt, now));
        return new BadRatingFigures(rows.Count, byStatus, overdue);
    }
}
