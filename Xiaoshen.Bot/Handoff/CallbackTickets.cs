using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>Messages left outside working hours: created from the conversation, listed and closed by agents. Singleton.</summary>
public sealed partial class CallbackTickets(StorageWriter writer, IServiceScopeFactory scopes, HandoffAvailability availability, TimeProvider time, ILogger<CallbackTickets> logger)
{
    /// <summary>Raised when a ticket is created or changes, so consoles refresh.</summary>
    public event Action? Changed;

    /// <summary>Creates the ticket due by the end of the department's next working day.</summary>
    public CallbackTicket Create(Conversation conversation, CallbackDraft draft)
    {
        var now = time.GetUtcNow();
        var department = availability.FindDepartment(draft.DepartmentId) ?? availability.DepartmentFor(null);
        var due = availability.CallbackDue(department) ?? now.AddDays(1);
        var ticket = CallbackTicket.Create(conversation.Id, department.Id, draft.MatterId, PersonalData.Mask(draft.Question), draft.Phone!, draft.PreferredTime ?? string.Empty, now, due);
        writer.Enqueue(db => db.CallbackTickets.Add(ticket));
        LogCreated(ticket.Number, department.Id, conversation.Id);
        Changed?.Invoke();
        return ticket;
    }

    /// <summary>Tickets of the given departments (all when null), open ones first, oldest due first.</summary>
    public async Task<List<CallbackTicket>> ListAsync(IReadOnlyCollection<string>? departmentIds, bool includeClosed, CancellationToken cancellationToken)
    {
        await writer.FlushAsync();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var query = db.CallbackTickets.AsNoTracking();
        if (departmentIds is not null)
        {
            query = query.Where(t => departmentIds.Contains(t.DepartmentId));
        }

        if (!includeClosed)
        {
            query = query.Where(t => t.Status == TicketStatus.Open);
        }

        var tickets = await query.ToListAsync(cancellationToken);
        return tickets.OrderBy(t => t.Status).ThenBy(t => t.DueAt).ToList();
    }

    /// <summary>Records the call or the solution; false when the ticket is unknown or already resolved.</summary>
    public async Task<bool> MarkAsync(Guid ticketId, TicketStatus status, string humanAgentId, string? note, CancellationToken cancellationToken)
    {
        await writer.FlushAsync();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var ticket = await db.CallbackTickets.FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        if (ticket is null || ticket.Status == TicketStatus.Resolved || status == TicketStatus.Open)
        {
            return false;
        }

        ticket.Mark(status, humanAgentId, note, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        LogMarked(ticket.Number, status, humanAgentId);
        Changed?.Invoke();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call-back ticket {Number} created for {DepartmentId} from conversation {ConversationId}")]
    private partial void LogCreated(string number, string departmentId, Guid conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call-back ticket {Number} marked {Status} by {HumanAgentId}")]
    private partial void LogMarked(string number, TicketStatus status, string humanAgentId);
}
