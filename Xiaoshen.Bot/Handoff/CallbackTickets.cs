using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Messages left outside working hours: created from the conversation, listed and closed by agents. A ticket is stored
/// before its number is told, numbered from the day's counter in the same transaction (numbers never collide, on any
/// number of nodes), and limited per conversation and per address. Singleton.
/// </summary>
public sealed partial class CallbackTickets(
    IServiceScopeFactory scopes,
    HandoffAvailability availability,
    IDataProtectionProvider protection,
    IOptionsMonitor<CallbackTicketOptions> options,
    TimeProvider time,
    ILogger<CallbackTickets> logger)
{
    private readonly TicketQuota _quota = new(time);
    private readonly IDataProtector _phones = protection.CreateProtector("Xiaoshen.CallbackTickets.Phone");

    /// <summary>Raised when a ticket is created or changes, so consoles refresh.</summary>
    public event Action? Changed;

    /// <summary>The call-back number as kept in the dialog state until the ticket is stored: encrypted, never in clear.</summary>
    public string ProtectPhone(string phone) => _phones.Protect(phone);

    /// <summary>The number <see cref="ProtectPhone"/> kept; null when it cannot be read (e.g. the keys changed): ask again.</summary>
    public string? ReadPhone(string? protectedPhone)
    {
        if (string.IsNullOrEmpty(protectedPhone))
        {
            return null;
        }

        try
        {
            return _phones.Unprotect(protectedPhone);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>False when the conversation or the address has left as many messages as allowed in the last 24 hours.</summary>
    public bool MayLeaveMessage(Conversation conversation, string? senderAddress) => _quota.Allows(QuotaKeys(conversation, senderAddress));

    /// <summary>
    /// Stores the ticket due by the end of the department's next working day and returns it; or says why there is none:
    /// the limits are reached, or the database did not take it (the person may try again).
    /// </summary>
    public async Task<TicketCreation> CreateAsync(Conversation conversation, CallbackDraft draft, string phone, string? senderAddress, CancellationToken cancellationToken)
    {
        var keys = QuotaKeys(conversation, senderAddress);
        if (!_quota.TryTake(keys))
        {
            LogRefused(conversation.Id);
            return new TicketCreation(null, TicketRefusal.TooMany);
        }

        var now = time.GetUtcNow();
        var department = availability.FindDepartment(draft.DepartmentId) ?? availability.DepartmentFor(null);
        var due = availability.CallbackDue(department) ?? now.AddDays(1);
        try
        {
            // Once begun, the ticket is stored whether or not the person is still waiting for the answer.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var counter = await NextNumberAsync(db, CallbackTicket.Day(now));
            var ticket = CallbackTicket.Create(counter, conversation.Id, department.Id, draft.MatterId, draft.Question ?? string.Empty, phone, draft.PreferredTime ?? string.Empty, now, due);
            db.CallbackTickets.Add(ticket);
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            LogCreated(ticket.Number, department.Id, conversation.Id);
            Changed?.Invoke();
            return new TicketCreation(ticket, TicketRefusal.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or StorageLimitException or InvalidOperationException)
        {
            _quota.GiveBack(keys);
            LogNotStored(conversation.Id, ex);
            return new TicketCreation(null, TicketRefusal.NotStored);
        }
    }

    /// <summary>Tickets of the given departments (all when null), open ones first, oldest due first.</summary>
    public async Task<List<CallbackTicket>> ListAsync(IReadOnlyCollection<string>? departmentIds, bool includeClosed, CancellationToken cancellationToken)
    {
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

    // The day's next number, in the caller's transaction: one atomic statement, the same on SQLite and PostgreSQL.
    private static async Task<int> NextNumberAsync(XiaoshenDbContext db, string day) =>
        (await db.Database.SqlQuery<int>($"""
            INSERT INTO "TicketCounters" ("Day", "Last") VALUES ({day}, 1)
            ON CONFLICT ("Day") DO UPDATE SET "Last" = "TicketCounters"."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(CancellationToken.None)).Single();

    private List<(string Key, int Limit)> QuotaKeys(Conversation conversation, string? senderAddress)
    {
        var o = options.CurrentValue;
        var keys = new List<(string, int)> { ("conversation:" + conversation.Id, o.MaxPerConversationPerDay) };
        if (!string.IsNullOrEmpty(senderAddress))
        {
            keys.Add(("address:" + senderAddress, o.MaxPerAddressPerDay));
        }

        return keys;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call-back ticket {Number} created for {DepartmentId} from conversation {ConversationId}")]
    private partial void LogCreated(string number, string departmentId, Guid conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} reached the limit of call-back messages")]
    private partial void LogRefused(Guid conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The call-back ticket of conversation {ConversationId} could not be stored; the person is asked to try again")]
    private partial void LogNotStored(Guid conversationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call-back ticket {Number} marked {Status} by {HumanAgentId}")]
    private partial void LogMarked(string number, TicketStatus status, string humanAgentId);
}
