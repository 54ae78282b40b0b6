using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// Conversations, turns and feedback. Active conversations are kept in memory; every change is queued on the
/// <see cref="StorageWriter"/>, which commits it with whatever else is waiting; the turn's channel waits for that
/// commit before it answers (see <c>EfBotStorage</c>). With several nodes, a stored turn of a conversation in human hands
/// is announced on the change feed, so an agent's long-poll on another node wakes and reads it. Singleton and thread-safe.
/// </summary>
public sealed class ConversationStore(IServiceScopeFactory scopes, StorageWriter writer, IMemoryCache cache, IChangeFeed feed, IOptions<RedisOptions> redis)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    // Conversations whose turns this node has queued and not yet stored: a transcript read waits for those only.
    private readonly PendingWrites _queued = new(writer);

    // Conversations in human hands are held here, not in the evicting cache: the handoff and the turns must share one instance.
    private readonly ConcurrentDictionary<(string Channel, string Id), Conversation> _pinned = new();

    /// <summary>Keeps the conversation in memory until <see cref="Unpin"/> (while people, not the bot, are answering).</summary>
    public void Pin(Conversation conversation) => _pinned[(conversation.Channel, conversation.ChannelConversationId)] = conversation;

    public void Unpin(Conversation conversation) => _pinned.TryRemove((conversation.Channel, conversation.ChannelConversationId), out _);

    /// <summary>The conversation for a channel conversation id, started if new.</summary>
    public async Task<Conversation> GetOrStartAsync(string channel, string channelConversationId, string? userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_pinned.TryGetValue((channel, channelConversationId), out var pinned))
        {
            return pinned;
        }

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

    /// <summary>Queues a turn of the conversation for saving; the database numbers it in the commit (any node may append).</summary>
    public Turn Append(Conversation conversation, Turn turn)
    {
        // The person's turn and an agent's message may be appended at the same moment.
        lock (conversation)
        {
            conversation.Record(turn);
        }

        var stored = _queued.Track(conversation.Id, () => writer.Enqueue(db =>
        {
            var sequence = DatabaseNumbers.NextTurn(db, conversation.Id);
            turn.Number(sequence);
            lock (conversation)
            {
                conversation.Counted(sequence);
            }

            db.Turns.Add(turn);
        }));
        if (redis.Value.IsConfigured && conversation.Status != ConversationStatus.Bot)
        {
            _ = AnnounceAsync(conversation.Id, stored);
        }

        return turn;
    }

    public void Add(Feedback feedback) => writer.Enqueue(db => db.Feedback.Add(feedback));

    /// <summary>Queues the conversation's own fields (status, turn count, handoff request) for saving.</summary>
    public void Save(Conversation conversation) => writer.Upsert(conversation, conversation.Id);

    /// <summary>A conversation by its id, from memory when it is with humans, else from the database; null when unknown.</summary>
    public async Task<Conversation?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (_pinned.Values.FirstOrDefault(c => c.Id == id) is { } pinned)
        {
            return pinned;
        }

        await writer.CommittedAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var stored = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return stored is null ? null : await GetOrStartAsync(stored.Channel, stored.ChannelConversationId, stored.UserId, stored.CreatedAt, cancellationToken);
    }

    /// <summary>
    /// A conversation as stored now (another node may have changed it), replacing this node's cached copy; the pinned
    /// one when this node holds it in human hands. Null when unknown.
    /// </summary>
    public async Task<Conversation?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (_pinned.Values.FirstOrDefault(c => c.Id == id) is { } pinned)
        {
            return pinned;
        }

        await writer.CommittedAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        if (await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } stored)
        {
            return null;
        }

        Keep(stored);
        return stored;
    }

    /// <summary>Makes <paramref name="conversation"/> this node's cached copy of it, replacing the one cached.</summary>
    public void Keep(Conversation conversation) =>
        cache.Set((nameof(Conversation), conversation.Channel, conversation.ChannelConversationId), conversation, new MemoryCacheEntryOptions { SlidingExpiration = Idle });

    /// <summary>The whole transcript, oldest first, including turns this node has queued and not yet written.</summary>
    public Task<List<Turn>> TranscriptAsync(Guid conversationId, CancellationToken cancellationToken) => TurnsAfterAsync(conversationId, 0, cancellationToken);

    /// <summary>The turns numbered after <paramref name="after"/>, oldest first, including turns this node has queued and not yet written.</summary>
    public async Task<List<Turn>> TurnsAfterAsync(Guid conversationId, int after, CancellationToken cancellationToken)
    {
        await _queued.AfterAsync(conversationId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.Turns.AsNoTracking().Where(t => t.ConversationId == conversationId && t.Sequence > after).OrderBy(t => t.Sequence).ToListAsync(cancellationToken);
    }

    // Once the turn is committed; a lost notice is made good by the waiter's own periodic reading.
    private async Task AnnounceAsync(Guid conversationId, Task<bool> stored)
    {
        if (await stored)
        {
            await feed.PublishAsync(new ChangeNotice(ChangeTopics.Handoff, conversationId.ToString("D"), Detail: "turn"));
        }
    }
}
