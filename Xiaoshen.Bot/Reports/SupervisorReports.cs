using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// The reports for supervisors: the figures of a period's episodes, with the call-back tickets open now and the
/// follow-up of the period's bad ratings.
/// </summary>
public sealed class SupervisorReports(EpisodeProjection projection, BadRatingFollowUps followUps, IServiceScopeFactory scopes, IOptions<HandoffOptions> handoff, TimeProvider time)
{
    public Task<IReadOnlyList<Episode>> EpisodesAsync(ReportFilter filter, CancellationToken cancellationToken) =>
        projection.EpisodesAsync(filter, cancellationToken);

    /// <summary>The work orders of the period's bad ratings, the latest first.</summary>
    public Task<IReadOnlyList<BadRatingOrder>> BadRatingOrdersAsync(ReportFilter filter, CancellationToken cancellationToken) =>
        followUps.OrdersAsync(filter, cancellationToken);

    public async Task<ReportSummary> SummaryAsync(ReportFilter filter, CancellationToken cancellationToken) =>
        await SummaryAsync(filter, await EpisodesAsync(filter, cancellationToken), await BadRatingOrdersAsync(filter, cancellationToken), cancellationToken);

    /// <summary>The figures of <paramref name="episodes"/> and <paramref name="orders"/> (already read for <paramref name="filter"/>, e.g. by the page).</summary>
    public async Task<ReportSummary> SummaryAsync(ReportFilter filter, IReadOnlyList<Episode> episodes, IReadOnlyCollection<BadRatingOrder> orders, CancellationToken cancellationToken)
    {
        var (open, overdue) = await TicketsAsync(filter, cancellationToken);
        return ReportSummary.Compute(filter, episodes, TimeSpan.FromSeconds(handoff.Value.FirstResponseSeconds), open, overdue, BadRatingFollowUps.Count(orders));
    }

    // Tickets are a state, not a period: those open now, in the departments the report covers. Counted in the database:
    // a year's unanswered tickets must not be read into memory for two numbers.
    private async Task<(int Open, int Overdue)> TicketsAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var now = time.GetUtcNow();
        var open = db.CallbackTickets.AsNoTracking().Where(t => t.Status == TicketStatus.Open);
        if (filter.Department is { } department)
        {
            open = open.Where(t => t.DepartmentId == department);
        }

        if (filter.MatterId is { } matter)
        {
            open = open.Where(t => t.MatterId == matter);
        }

        var counts = await open.GroupBy(t => t.DepartmentId)
            .Select(g => new { DepartmentId = g.Key, Open = g.Count(), Overdue = g.Count(t => t.DueAt < now) })
            .ToListAsync(cancellationToken);
        var mine = counts.Where(c => ReportScope.Allows(filter.Departments, c.DepartmentId)).ToList();
        return (mine.Sum(c => c.Open), mine.Sum(c => c.Overdue));
    }
}
