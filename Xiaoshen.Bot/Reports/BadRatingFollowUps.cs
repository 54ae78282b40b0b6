using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// Where the follow-up of a period's bad ratings stands: the 整改 work orders opened in the period (of human services
/// and of 小申), counted by status (<c>awaitingContact</c>…<c>closed</c>) and how many are overdue now.
/// </summary>
public sealed record BadRatingFollowUp(int Total, IReadOnlyDictionary<string, int> ByStatus, int Overdue)
{
    /// <summary>The JSON name of a status (<c>awaitingContact</c>), used by the summary and the page alike.</summary>
    public static string Key(RectificationStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}

/// <summary>One work order of a bad rating, as the reports page lists them.</summary>
public sealed record BadRatingOrder(string Number, DateTimeOffset CreatedAt, string DepartmentId, string? HumanAgentId, ServiceRating Rating, string? Comment, RectificationStatus Status, bool Overdue);

/// <summary>
/// The work orders of bad ratings under a report's filter: the period by when the rating was given (the order opened),
/// the departments the reader may see, department, matter, agent, channel and the working-hours switch on the
/// department's calendar. Overdue depends on the clock, so it is decided here, not stored. Singleton.
/// </summary>
public sealed class BadRatingFollowUps(IServiceScopeFactory scopes, StorageWriter writer, HandoffAvailability availability, TimeProvider time)
{
    /// <summary>The orders of the filter's period, the latest first.</summary>
    public async Task<IReadOnlyList<BadRatingOrder>> OrdersAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        // UTC bounds, as EpisodeProjection explains: SQLite compares stored moments in UTC only.
        var start = filter.Start.ToUniversalTime();
        var end = filter.End.ToUniversalTime();
        var query = db.RectificationOrders.AsNoTracking().Where(o => o.CreatedAt >= start && o.CreatedAt < end);
        if (filter.Department is { } department)
        {
            query = query.Where(o => o.DepartmentId == department);
        }

        if (filter.MatterId is { } matter)
        {
            query = query.Where(o => o.MatterId == matter);
        }

        if (filter.HumanAgentId is { } agent)
        {
            query = query.Where(o => o.HumanAgentId == agent);
        }

        var rows = await (
                from o in query
                join c in db.Conversations on o.ConversationId equals c.Id
                select new { o.Number, o.CreatedAt, o.DepartmentId, o.HumanAgentId, o.Rating, o.Comment, o.Status, o.ContactDueAt, o.FixDueAt, c.Channel })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return rows
            .Where(r => ReportScope.Allows(filter.Departments, r.DepartmentId)
                && (filter.Channel is null || ReportChannel.Of(r.Channel) == filter.Channel)
                && (!filter.WorkingHoursOnly || (availability.FindDepartment(r.DepartmentId) is { } d && availability.WasOpen(d, r.CreatedAt))))
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new BadRatingOrder(r.Number, r.CreatedAt, r.DepartmentId, r.HumanAgentId, r.Rating, r.Comment, r.Status, RectificationOrder.IsPastDue(r.Status, r.ContactDueAt, r.FixDueAt, now)))
            .ToList();
    }

    /// <summary>The counts of <paramref name="orders"/>.</summary>
    public static BadRatingFollowUp Count(IReadOnlyCollection<BadRatingOrder> orders) => new(
        orders.Count,
        Enum.GetValues<RectificationStatus>().ToDictionary(BadRatingFollowUp.Key, s => orders.Count(o => o.Status == s)),
        orders.Count(o => o.Overdue));
}
