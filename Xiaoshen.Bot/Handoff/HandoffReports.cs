using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>One department's human service over a period: volume, first response, resolution and satisfaction.</summary>
public sealed record DepartmentReport(string DepartmentId, int Sessions, TimeSpan? MedianFirstResponse, double? WithinFirstResponse, double? ResolvedRate, double? SatisfiedRate);

/// <summary>The launch targets, measured from the stored handoff sessions: first response within 60 s, human resolution, ratings.</summary>
public sealed class HandoffReports(IServiceScopeFactory scopes, StorageWriter writer, IOptions<HandoffOptions> options, TimeProvider time)
{
    /// <summary>Sessions queued since midnight Beijing time, per department.</summary>
    public async Task<IReadOnlyList<DepartmentReport>> TodayAsync(CancellationToken cancellationToken)
    {
        var local = time.GetUtcNow().ToOffset(WorkingCalendar.Offset);
        return await SinceAsync(new DateTimeOffset(local.Date, WorkingCalendar.Offset), cancellationToken);
    }

    public async Task<IReadOnlyList<DepartmentReport>> SinceAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        await writer.FlushAsync();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var sessions = await db.HandoffSessions.AsNoTracking().Where(s => s.QueuedAt >= from).ToListAsync(cancellationToken);
        var promise = TimeSpan.FromSeconds(options.Value.FirstResponseSeconds);
        return sessions.GroupBy(s => s.DepartmentId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var responses = g.Where(s => s.FirstResponse is not null).Select(s => s.FirstResponse!.Value).Order().ToList();
            var answered = g.Where(s => s.AssignedAt is not null).ToList();
            var closed = g.Where(s => s.Outcome is HandoffOutcome.Resolved or HandoffOutcome.NotResolved or HandoffOutcome.Referred12345).ToList();
            var rated = g.Where(s => s.Rating is not null).ToList();
            return new DepartmentReport(
                g.Key,
                g.Count(),
                responses.Count == 0 ? null : responses[responses.Count / 2],
                answered.Count == 0 ? null : (double)answered.Count(s => s.FirstResponse is { } r && r <= promise) / answered.Count,
                closed.Count == 0 ? null : (double)closed.Count(s => s.Outcome == HandoffOutcome.Resolved) / closed.Count,
                rated.Count == 0 ? null : (double)rated.Count(s => !s.Rating!.Value.IsBad()) / rated.Count);
        }).ToList();
    }
}
