using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// Deletes from the database what is older than the retention period: turns, feedback, transitions, Direct Line logs,
/// dialog state, call-back tickets, dead letters, and the conversations left with none of them. Handoff sessions stay
/// for the reports, without their free text (transfer note, rating comment). Singleton.
/// </summary>
internal sealed class TranscriptRetention(IServiceScopeFactory scopes) : IRetentionTarget
{
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var deleted = await db.Turns.Where(t => t.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Feedback.Where(f => f.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Transitions.Where(t => t.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.DirectLineActivities.Where(a => a.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.BotStates.Where(s => s.UpdatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.CallbackTickets.Where(t => t.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.DeadLetters.Where(l => l.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Conversations
            .Where(c => c.UpdatedAt < cutoff && c.Status != ConversationStatus.AwaitingHuman && c.Status != ConversationStatus.WithHuman)
            .ExecuteDeleteAsync(cancellationToken);
        await db.HandoffSessions
            .Where(s => s.QueuedAt < cutoff && (s.TransferNote != null || s.RatingComment != null))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.TransferNote, (string?)null).SetProperty(x => x.RatingComment, (string?)null), cancellationToken);
        return deleted;
    }
}
