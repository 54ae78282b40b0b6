using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels.DirectLine;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Attachments;

/// <summary>
/// Upload quotas (issue 11: one citizen's uploads filled the disk), counted in SQL over the <see cref="UploadRecord"/>
/// rows so they hold across nodes and restarts (issue 13): files and bytes per conversation, files and bytes per client
/// address per Beijing day, and bytes per Beijing day for the whole deployment. An upload is reserved by inserting its
/// row in the transaction that counted, so two nodes cannot both take the last free place: on SQLite the transaction
/// takes the database's write lock at its start (BEGIN IMMEDIATE); on PostgreSQL it takes a transaction-level advisory
/// lock first, so reservations are counted and inserted one at a time (a short transaction; a row-level lock could not
/// cover a count that has no row yet). A reservation older than <see cref="AttachmentsOptions.UploadReservationMinutes"/>
/// is not counted. Singleton; thread-safe.
/// </summary>
public sealed class UploadQuota(IOptions<AttachmentsOptions> options, IServiceScopeFactory scopes, DirectLineTokens tokens, TimeProvider time)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>
    /// Reserves a file of <paramref name="bytes"/> a person sent from <paramref name="address"/>: the reserved row (its
    /// file not yet written), or the limit it would pass (nothing reserved).
    /// </summary>
    public async Task<(UploadLimit Limit, UploadRecord? Reserved)> TryReserveAsync(
        string conversationId, string contentType, long bytes, string address, string senderId, CancellationToken cancellationToken)
    {
        var o = options.Value;

        // UTC: queries compare stored moments as written (on SQLite as numbers that differ by offset), and PostgreSQL takes no other.
        var now = time.GetUtcNow().ToUniversalTime();
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.ToOffset(Beijing).DateTime).ToDateTime(TimeOnly.MinValue), Beijing);
        var addressKey = tokens.Sign(string.Create(CultureInfo.InvariantCulture, $"upload-address/{today:yyyy-MM-dd}/{address}"));
        var stale = now.AddMinutes(-o.UploadReservationMinutes);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('xiaoshen:uploads'))", cancellationToken);
        }

        var counted = db.Uploads.Where(u => u.State == UploadState.Kept || u.SavedAt >= stale);
        var conversation = await UsageAsync(counted.Where(u => u.ConversationId == conversationId), cancellationToken);
        if (conversation.Files + 1 > o.MaxUploadsPerConversation || conversation.Bytes + bytes > o.MaxUploadBytesPerConversation)
        {
            return (UploadLimit.Conversation, null);
        }

        var sinceMidnight = counted.Where(u => u.SavedAt >= today.ToUniversalTime());
        var fromAddress = await UsageAsync(sinceMidnight.Where(u => u.AddressKey == addressKey), cancellationToken);
        if (fromAddress.Files + 1 > o.MaxUploadsPerAddressPerDay || fromAddress.Bytes + bytes > o.MaxUploadBytesPerAddressPerDay
            || await sinceMidnight.SumAsync(u => u.Bytes, cancellationToken) + bytes > o.MaxUploadBytesPerDay)
        {
            return (UploadLimit.Daily, null);
        }

        var reserved = AttachmentStore.Reservation(conversationId, contentType, bytes, addressKey, UploadSender.Person, senderId, now);
        db.Uploads.Add(reserved);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (UploadLimit.None, reserved);
    }

    private static async Task<(int Files, long Bytes)> UsageAsync(IQueryable<UploadRecord> uploads, CancellationToken cancellationToken)
    {
        var usage = await uploads.GroupBy(_ => 1).Select(g => new { Files = g.Count(), Bytes = g.Sum(u => u.Bytes) }).SingleOrDefaultAsync(cancellationToken);
        return usage is null ? (0, 0) : (usage.Files, usage.Bytes);
    }
}
