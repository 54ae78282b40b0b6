using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.KnowledgeAdmin;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// Deletes from the database what is older than the retention period: turns, feedback, transitions, Direct Line logs,
/// dialog state, call-back tickets, dead letters, the Direct Line counters of logs left empty, and the conversations left
/// with none of them. Handoff sessions, ratings of 小申 and 整改 work orders with their 回访 records stay for the reports,
/// without their free text (transfer note, comments, notes, the follow-up's result); the editors' audit trail of content
/// edits stays without the people's questions it covered (and without the wording of an edit that wrote nothing: a
/// written wording is in the content). Singleton.
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

        // A log with no activity left has no watermark to continue: its counter row goes too (the counter and the
        // activities it numbers are committed together, so a live log always has a row behind its counter).
        deleted += await db.DirectLineWatermarks
            .Where(w => !db.DirectLineActivities.Any(a => a.ConversationId == w.ConversationId))
            .ExecuteDeleteAsync(cancellationToken);
        deleted += await db.BotStates.Where(s => s.UpdatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.CallbackTickets.Where(t => t.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.DeadLetters.Where(l => l.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Conversations
            .Where(c => c.UpdatedAt < cutoff && c.Status != ConversationStatus.AwaitingHuman && c.Status != ConversationStatus.WithHuman)
            .ExecuteDeleteAsync(cancellationToken);
        await db.HandoffSessions
            .Where(s => s.QueuedAt < cutoff && (s.TransferNote != null || s.RatingComment != null))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.TransferNote, (string?)null).SetProperty(x => x.RatingComment, (string?)null), cancellationToken);
        await db.BotRatings.Where(r => r.RatedAt < cutoff && r.Comment != null)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Comment, (string?)null), cancellationToken);
        await db.RectificationOrders.Where(o => o.CreatedAt < cutoff && (o.Comment != null || o.Note != null))
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.Comment, (string?)null).SetProperty(x => x.Note, (string?)null), cancellationToken);
        await db.ContentEdits.Where(e => e.At < cutoff && e.Covers != string.Empty)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Covers, string.Empty), cancellationToken);
        await db.ContentEdits.Where(e => e.At < cutoff && e.Outcome != ContentEdit.WrittenOutcome && e.Wording != string.Empty)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Wording, string.Empty), cancellationToken);
        await db.RatingFollowUps.Where(f => f.DueAt < cutoff && f.Result != null)
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.Result, (string?)null), cancellationToken);
        return deleted;
    }
}
