using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.AgentConsole;
using Xiaoshen.Bot.Booking;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.PreReview;

/// <summary>
/// Booking's view of pre-review: the person's latest pre-review of the matter they booked help for, so the booking
/// confirmation names it and the staff member at the centre sees it with the booking. The person is matched as booking
/// keys them (<see cref="BookingService.PersonKey"/>: channel and the channel's user id, or the channel conversation).
/// </summary>
internal sealed class PreReviewBookingLookup(IServiceScopeFactory scopes, ConsoleText text) : IPreReviewLookup
{
    public async Task<PreReviewSummary?> LatestAsync(string personKey, string matterId, CancellationToken cancellationToken)
    {
        var split = personKey.IndexOf(':', StringComparison.Ordinal);
        if (split <= 0)
        {
            return null;
        }

        var channel = personKey[..split];
        var person = personKey[(split + 1)..];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var latest = await db.PreReviewCases
            .Where(c => c.MatterId == matterId && c.Status != PreReviewStatus.Cancelled)
            .Join(db.Conversations, c => c.ConversationId, v => v.Id, (c, v) => new { Case = c, Conversation = v })
            .Where(x => x.Conversation.Channel == channel && (x.Conversation.UserId ?? x.Conversation.ChannelConversationId) == person)
            .Select(x => x.Case)
            .ToListAsync(cancellationToken);
        return latest.MaxBy(c => c.CreatedAt) is { } found
            ? new PreReviewSummary(found.Number, text["prereview.status." + found.Status], $"/console/prereview?case={found.Id}")
            : null;
    }
}
