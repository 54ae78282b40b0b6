using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// Marks stored days for a rebuild when a row they were projected from is written later (a rating or a ticket closed
/// afterwards, a handoff that ended late): every save of a turn, handoff session, call-back ticket or feedback deletes
/// the <see cref="ReportDay"/> rows of the closed days whose projection window holds it (its own day and the day either
/// side). The deletion runs after the rows are saved, in the same transaction when the save has one, so a filler that
/// read the old rows loses its claim (<see cref="StoredDays"/>). Thread-safe; one for all contexts.
/// </summary>
public sealed class ReportDaysInvalidation(TimeProvider time) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<DateOnly>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context!);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context!) is { } days)
        {
            eventData.Context!.Set<ReportDay>().Where(d => days.Contains(d.Day)).ExecuteDelete();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context!) is { } days)
        {
            await eventData.Context!.Set<ReportDay>().Where(d => days.Contains(d.Day)).ExecuteDeleteAsync(cancellationToken);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context!);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context!);
        return Task.CompletedTask;
    }

    private void Collect(DbContext context)
    {
        var last = StoredDays.LastClosed(time.GetUtcNow());
        var days = new HashSet<DateOnly>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            DateTimeOffset? at = entry.Entity switch
            {
                Turn turn => turn.At,
                HandoffSession session => session.QueuedAt,
                CallbackTicket ticket => ticket.CreatedAt,
                Feedback feedback => feedback.At,
                _ => null,
            };
            if (at is { } moment && ReportSummary.Day(moment) is var day && day.AddDays(-1) <= last)
            {
                days.UnionWith(new[] { day.AddDays(-1), day, day.AddDays(1) }.Where(d => d <= last));
            }
        }

        if (days.Count > 0)
        {
            _pending.AddOrUpdate(context, days);
        }
    }

    private HashSet<DateOnly>? Take(DbContext context) =>
        _pending.TryGetValue(context, out var days) && _pending.Remove(context) ? days : null;
}
