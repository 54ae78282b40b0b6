using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Reports;

/// <summary>The reports for supervisors: the figures of a period's episodes, with the call-back tickets open now.</summary>
public sealed class SupervisorReports(EpisodeProjection projection, IServiceScopeFactory scopes, IOptions<HandoffOptions> handoff, TimeProvider time)
{
    public Task<IReadOnlyList<Episode>> EpisodesAsync(ReportFilter filter, CancellationToken cancellationToken) =>
        projection.EpisodesAsync(filter, cancellationToken);

    public async Task<ReportSummary> SummaryAsync(ReportFilter filter, CancellationToken cancellationToken) =>
        await SummaryAsync(filter, await EpisodesAsync(filter, cancellationToken), cancellationToken);

    /// <summary>The figures of <paramref name="episodes"/> (already read for <paramref name="filter"/>, e.g. by the page).</summary>
    public async Task<ReportSummary> SummaryAsync(ReportFilter filter, IReadOnlyList<Episode> episodes, CancellationToken cancellationToken)
    {
        var (open, overdue) = await TicketsAsync(filter, cancellationToken);
        return ReportSummary.Compute(filter, episodes, TimeSpan.FromSeconds(handoff.Value.FirstResponseSeconds), open, overdue);
    }

    // Tickets are a state, not a period: those open now, in the departments the report covers.
    private async Task<(int Open, int Overdue)> TicketsAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var open = await db.CallbackTickets.AsNoTracking()
            .Where(t => t.Status == TicketStatus.Open)
            .Select(t => new { t.DepartmentId, t.MatterId, t.DueAt })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var mine = open.Where(t => ReportScope.Allows(filter.Departments, t.DepartmentId)
            && (filter.Department is null || t.DepartmentId == filter.Department)
            && (filter.MatterId is null || t.MatterId == filter.MatterId)).ToList();
        return (mine.Count, mine.Count(t => now > t.DueAt));
    }
}
