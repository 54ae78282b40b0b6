using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>One 整改 work order with its 回访 record, as the console lists them.</summary>
public sealed record RectificationView(RectificationOrder Order, RatingFollowUp? FollowUp);

/// <summary>
/// 整改 work orders: opened by bad ratings (with their 回访 records), listed per department, moved on by the
/// department's supervisors. Timers run on the working calendar of the content being served. Singleton.
/// </summary>
public sealed partial class RectificationOrders(
    IServiceScopeFactory scopes,
    StorageWriter writer,
    HandoffAvailability availability,
    TimeProvider time,
    ILogger<RectificationOrders> logger)
{
    /// <summary>Raised when an order is opened or moves, so consoles refresh.</summary>
    public event Action? Changed;

    /// <summary>Opens the order and its follow-up record for a bad rating; written with the rating.</summary>
    public RectificationOrder Open(Guid conversationId, string channel, Guid? sessionId, string departmentId, string? matterId, string? humanAgentId, ServiceRating rating, string? comment)
    {
        var order = RectificationOrder.Open(conversationId, sessionId, departmentId, matterId, humanAgentId, rating, comment, time.GetUtcNow(), availability.EndOfWorkingDays);
        var followUp = RatingFollowUp.For(order, channel);
        writer.Enqueue(db =>
        {
            db.RectificationOrders.Add(order);
            db.RatingFollowUps.Add(followUp);
        });
        LogOpened(order.Number, departmentId, rating);
        Changed?.Invoke();
        return order;
    }

    /// <summary>Orders of the given departments (all when null): open ones first, the earliest due first.</summary>
    public async Task<List<RectificationView>> ListAsync(IReadOnlyCollection<string>? departmentIds, bool includeClosed, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var query = db.RectificationOrders.AsNoTracking();
        if (departmentIds is not null)
        {
            query = query.Where(o => departmentIds.Contains(o.DepartmentId));
        }

        if (!includeClosed)
        {
            query = query.Where(o => o.Status != RectificationStatus.Closed);
        }

        var orders = await query.ToListAsync(cancellationToken);
        var ids = orders.Select(o => o.Id).ToList();
        var followUps = await db.RatingFollowUps.AsNoTracking().Where(f => ids.Contains(f.OrderId)).ToDictionaryAsync(f => f.OrderId, cancellationToken);
        return orders.OrderBy(o => o.Status == RectificationStatus.Closed).ThenBy(o => o.Status == RectificationStatus.AwaitingContact ? o.ContactDueAt : o.FixDueAt)
            .Select(o => new RectificationView(o, followUps.GetValueOrDefault(o.Id))).ToList();
    }

    /// <summary>
    /// Moves an order on (see <see cref="RectificationOrder.MoveTo"/>); contacting the person fills the follow-up record
    /// with <paramref name="note"/>. False when the order is unknown, of another department, or the move is not allowed.
    /// </summary>
    public async Task<bool> MoveAsync(Guid orderId, IReadOnlyCollection<string>? departmentIds, RectificationStatus to, string humanAgentId, string? note, bool complex, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var order = await db.RectificationOrders.FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        var now = time.GetUtcNow();
        if (order is null || (departmentIds is not null && !departmentIds.Contains(order.DepartmentId))
            || !order.MoveTo(to, humanAgentId, Conversations.PersonalData.Mask(note), complex, now, availability.EndOfWorkingDays))
        {
            return false;
        }

        if (to == RectificationStatus.Contacted && await db.RatingFollowUps.FirstOrDefaultAsync(f => f.OrderId == orderId, cancellationToken) is { } followUp)
        {
            followUp.Done(humanAgentId, order.Note!, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        LogMoved(order.Number, to, humanAgentId);
        Changed?.Invoke();
        return true;
    }

    /// <summary>How many open orders of the given departments (all when null) are past a timer now, for the board.</summary>
    public async Task<List<RectificationOrder>> OverdueAsync(IReadOnlyCollection<string>? departmentIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return (await ListAsync(departmentIds, includeClosed: false, cancellationToken)).Select(v => v.Order).Where(o => o.IsOverdue(now)).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work order {Number} opened for {DepartmentId} by a {Rating} rating")]
    private partial void LogOpened(string number, string departmentId, ServiceRating rating);

    [LoggerMessage(Level = LogLevel.Information, Message = "Work order {Number} moved to {Status} by {HumanAgentId}")]
    private partial void LogMoved(string number, RectificationStatus status, string humanAgentId);
}
