using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Reads the person's message after a human service ended as its rating, on whichever node the message arrives: the
/// ended <see cref="HandoffSession"/> row says whether a rating is awaited (<see cref="HandoffSession.RatingOpenUntil"/>),
/// and a conditional UPDATE closes that window, so of two nodes reading a rating at once only one stores it. Singleton
/// and thread-safe.
/// </summary>
public sealed class HandoffRatingReader(
    IServiceScopeFactory scopes,
    StorageWriter writer,
    ServiceRatings ratings,
    IOptionsMonitor<HandoffMessages> messages,
    TimeProvider time)
{
    /// <summary>
    /// Whether <paramref name="text"/> is a rating (one of the five levels, optionally followed by a comment), and
    /// whether it was stored as the rating of the conversation's ended service (a bad one opens a 整改 work order, see
    /// <see cref="ServiceRatings"/>). Anything else closes the window: the person talked of something else.
    /// </summary>
    public async Task<(bool IsRating, bool Stored)> ReadAsync(Guid conversationId, string text, CancellationToken cancellationToken)
    {
        var (rating, comment) = RatingParser.Parse(text, messages.CurrentValue.Ratings);

        // Stored times are UTC (StoredText), and SQLite compares them as numbers: compare in UTC too.
        var now = time.GetUtcNow().ToUniversalTime();
        await writer.FlushAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var asking = await db.HandoffSessions.AsNoTracking()
            .Where(s => s.ConversationId == conversationId && s.EndedAt != null && s.Rating == null && s.RatingOpenUntil > now)
            .OrderByDescending(s => s.QueuedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (asking is null)
        {
            return (rating is not null, false);
        }

        // Whoever closes the window decides: the rating is stored by that node only.
        var closed = await db.HandoffSessions
            .Where(s => s.Id == asking.Id && s.Rating == null && s.RatingOpenUntil > now)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RatingOpenUntil, (DateTimeOffset?)null).SetProperty(s => s.Version, s => s.Version + 1), cancellationToken) == 1;
        return (rating is not null, closed && rating is not null && await ratings.RateSessionAsync(asking, rating.Value, comment, cancellationToken));
    }
}
