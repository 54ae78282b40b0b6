using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Stores 好差评 ratings, of a human service (on its <see cref="HandoffSession"/>) or of 小申 (<see cref="BotRating"/>), and
/// the comment the person may send next. A bad rating opens a 整改 work order for the department that served: the
/// session's department, or for 小申 the department of the matter talked about. That a comment is wanted is kept in
/// the rating's row and stored before the rating is answered (issue 13), so the next message is read as the comment on
/// whichever node it reaches; the dialog state says that one was asked for, so other turns do not read the rows. Singleton.
/// </summary>
public sealed class ServiceRatings(IServiceScopeFactory scopes, StorageWriter writer, RectificationOrders orders, HandoffAvailability availability, TimeProvider time)
{
    /// <summary>How long after rating a message is still taken as its comment.</summary>
    public static readonly TimeSpan CommentWindow = TimeSpan.FromMinutes(30);

    /// <summary>Rates a human session once, stored when it returns; false when it was rated already.</summary>
    public async Task<bool> RateSessionAsync(HandoffSession session, ServiceRating rating, string? comment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!session.Rate(rating, comment, now))
        {
            return false;
        }

        await StopWaitingAsync(session.ConversationId, cancellationToken);
        if (WantsComment(rating, comment))
        {
            session.AskComment(now + CommentWindow);
        }

        writer.Upsert(session, session.Id);
        if (rating.IsBad())
        {
            orders.Open(session.ConversationId, session.Channel, session.Id, session.DepartmentId, session.MatterId, session.HumanAgentId, rating, comment);
        }

        await writer.FlushAsync(cancellationToken);
        return true;
    }

    /// <summary>Rates 小申 for this conversation (the caller keeps it to once per conversation), stored when it returns.</summary>
    public async Task RateBotAsync(Conversation conversation, string? matterId, ServiceRating rating, string? comment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await StopWaitingAsync(conversation.Id, cancellationToken);
        var record = BotRating.Of(conversation.Id, conversation.Channel, matterId, rating, comment, now);
        if (WantsComment(rating, comment))
        {
            record.AskComment(now + CommentWindow);
        }

        writer.Enqueue(db => db.BotRatings.Add(record));
        if (rating.IsBad())
        {
            orders.Open(conversation.Id, conversation.Channel, null, availability.DepartmentFor(matterId).Id, matterId, null, rating, comment);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// The message after a bad rating given without a comment: kept as its comment (masked, on the rating and its work
    /// order), or declined with one of <paramref name="skipWords"/>. Anything later, or with no rating waiting, is
    /// <see cref="CommentResult.None"/>.
    /// </summary>
    public async Task<CommentResult> CommentAsync(Guid conversationId, string text, IReadOnlyCollection<string> skipWords, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var session = await db.HandoffSessions.FirstOrDefaultAsync(s => s.ConversationId == conversationId && s.CommentWantedUntil != null, cancellationToken);
        var bot = session is null ? await db.BotRatings.FirstOrDefaultAsync(r => r.ConversationId == conversationId && r.CommentWantedUntil != null, cancellationToken) : null;
        var until = session?.CommentWantedUntil ?? bot?.CommentWantedUntil;

        // Only the next message is the comment: whoever stops the waiting takes it (of two nodes at once, one).
        if (until is null || await StopWaitingAsync(db, conversationId, cancellationToken) == 0 || time.GetUtcNow() > until)
        {
            return CommentResult.None;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0 || skipWords.Contains(trimmed))
        {
            return CommentResult.Skipped;
        }

        var comment = PersonalData.Mask(trimmed.Length > 1000 ? trimmed[..999] + "…" : trimmed);
        if (session is not null)
        {
            // Its version moved on when the waiting stopped.
            await db.Entry(session).ReloadAsync(cancellationToken);
            session.Commented(comment);
        }

        bot?.Commented(comment);
        var sessionId = session?.Id;
        var order = await db.RectificationOrders
            .Where(o => o.ConversationId == conversationId && o.SessionId == sessionId)
            .OrderByDescending(o => o.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        order?.Commented(comment);
        await db.SaveChangesAsync(cancellationToken);
        return CommentResult.Commented;
    }

    // Only a bad rating given without a comment is asked what went wrong; after any other, the next message is a question.
    private static bool WantsComment(ServiceRating rating, string? comment) => comment is null && rating.IsBad();

    // A new rating: a comment still wanted for an earlier one is not any more (the next message is about this one).
    private async Task StopWaitingAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await StopWaitingAsync(scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>(), conversationId, cancellationToken);
    }

    private static async Task<int> StopWaitingAsync(XiaoshenDbContext db, Guid conversationId, CancellationToken cancellationToken) =>
        await db.HandoffSessions
            .Where(s => s.ConversationId == conversationId && s.CommentWantedUntil != null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.CommentWantedUntil, (DateTimeOffset?)null).SetProperty(s => s.Version, s => s.Version + 1), cancellationToken)
        + await db.BotRatings
            .Where(r => r.ConversationId == conversationId && r.CommentWantedUntil != null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CommentWantedUntil, (DateTimeOffset?)null), cancellationToken);
}
