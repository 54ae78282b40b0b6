using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// Conversations, turns and feedback. Active conversations are kept in memory; every change is written behind by the
/// <see cref="StorageWriter"/>, so a turn never waits for the database. Singleton and thread-safe.
/// </summary>
public sealed class ConversationStore(IServiceScopeFactory scopes, StorageWriter writer, IMemoryCache cache)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    /// <summary>The conversation for a channel conversation id, started if new.</summary>
    public async Task<Conversation> GetOrStartAsync(string channel, string channelConversationId, string? userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = (nameof(Conversation), channel, channelConversationId);
        if (cache.TryGetValue(key, out Conversation? cached) && cached is not null)
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var conversation = await db.Conversations.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Channel == channel && c.ChannelConversationId == channelConversationId, cancellationToken);
        var isNew = conversation is null;
        conversation ??= Conversation.Start(channel, channelConversationId, userId, now);

        // Two first messages of one conversation may race here; the first one cached wins.
        var current = cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = Idle;
            return conversation;
        })!;

        // A new conversation is queued before any of its turns, which refer to it.
        if (isNew && ReferenceEquals(current, conversation))
        {
            Save(conversation);
        }

        return current;
    }

    /// <summary>Numbers a turn of the conversation and queues it for saving.</summary>
    public Turn Append(Conversation conversation, Turn turn)
    {
        conversation.Record(turn);
        writer.Enqueue(db => db.Turns.Add(turn));
        return turn;
    }

    public void Add(Feedback feedback) => writer.Enqueue(db => db.Feedback.Add(feedback));

    /// <summary>Queues the conversation's own fields (status, turn count, handoff request) for saving.</summary>
    public void Save(Conversation conversation) => writer.Enqueue(db =>
    {
        if (db.Entry(conversation).State != EntityState.Detached)
        {
            return;
        }

        // Asked of the database, not remembered: a batch that failed and is retried one change at a time stays right.
        if (db.Conversations.AsNoTracking().Any(c => c.Id == conversation.Id))
        {
            db.Conversations.Update(conversation);
        }
        else
        {
            db.Conversations.Add(conversation);
        }
    });

    /// <summary>The whole transcript, oldest first, including turns not yet written.</summary>
    public async Task<List<Turn>> TranscriptAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await writer.FlushAsync();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.Turns.AsNoTracking().Where(t => t.ConversationId == conversationId).OrderBy(t => t.Sequence).ToListAsync(cancellationToken);
    }
}
