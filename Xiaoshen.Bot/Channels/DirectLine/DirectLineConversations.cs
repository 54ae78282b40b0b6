using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// The Direct Line conversations this node holds in memory, over the log in the database (issue 13). The database
/// numbers every activity (<see cref="DatabaseNumbers.NextActivities"/>) and stores it before any stream sees it, so
/// several nodes can append to one conversation, and a conversation can be dropped from memory when idle (or to make
/// room) and read back when it is used again, on any node, after a restart too. Each append is announced on the
/// <see cref="IChangeFeed"/> ("conversation X has activities up to W"); a node holding X reads what it lacks from the
/// database (<see cref="DirectLineCatchUp"/>), so a notice is a wake-up, never the data. With several nodes, a poll
/// that finds nothing new also looks in the database. What is stored is masked of personal numbers (the column is
/// marked so); the person's own stream and the appending node's memory keep what they typed. Holds at most
/// <see cref="DirectLineOptions.MaxConversationsInMemory"/>, and counts open streams per conversation and per client
/// address through the <see cref="ILimitCounter"/>, so with Redis the limits hold across nodes. Singleton; thread-safe.
/// </summary>
public sealed partial class DirectLineConversations(
    IOptions<DirectLineOptions> options,
    IOptions<RedisOptions> redis,
    StorageWriter writer,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IChangeFeed feed,
    ILimitCounter counter,
    ILogger<DirectLineConversations> logger)
{
    // The stream limits' keys in the limit counter (hashed there, with the conversation id or the address).
    private const string ConversationStreams = "streams-conversation:";
    private const string AddressStreams = "streams-address:";

    // A conversation used within this time is never dropped to make room: a request may still be working with it.
    private static readonly TimeSpan InUse = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);

    // Conversations dropped from memory whose last activities may still be queued for the database.
    private readonly ConcurrentDictionary<string, byte> _dropped = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

    /// <summary>True when other nodes may append to the conversations held here (Redis is configured).</summary>
    public bool SeveralNodes => redis.Value.IsConfigured;

    /// <summary>Conversations in memory now.</summary>
    public int Count => _conversations.Count;

    /// <summary>A new conversation's id. Nothing is held until the conversation is used.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// The conversation, from memory or read back from the database; null when memory is full of conversations in use
    /// (the caller answers 503). <paramref name="evenIfFull"/> is for messages that must be delivered (a human agent's reply).
    /// </summary>
    public async Task<DirectLineConversation?> GetOrResumeAsync(string id, CancellationToken cancellationToken, bool evenIfFull = false)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        if (_conversations.TryGetValue(id, out var known))
        {
            known.Touch(now);
            return known;
        }

        if (!MakeRoom(now) && !evenIfFull)
        {
            LogFull(_conversations.Count);
            return null;
        }

        // A conversation dropped a moment ago may have activities still queued for the database: they must be stored
        // before the log is read back, or the copy read back would lack them.
        if (_dropped.TryRemove(id, out _))
        {
            await writer.CommittedAsync(cancellationToken);
        }

        var stored = await LoadAsync(id, cancellationToken);
        var conversation = _conversations.GetOrAdd(id, Create);
        conversation.Restore(stored);
        conversation.Touch(now);
        return conversation;
    }

    /// <summary>
    /// A page of the log from watermark <paramref name="from"/>: from the database while it is older than what memory
    /// holds, from memory after that. Returns the activities' JSON and the watermark to ask from next.
    /// </summary>
    public async Task<(IReadOnlyList<string> Activities, int Next)> PageAsync(DirectLineConversation conversation, int from, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (SeveralNodes && from >= conversation.Watermark)
        {
            await CatchUpAsync(conversation, int.MaxValue, cancellationToken);
        }

        var firstKept = conversation.FirstKept;
        if (from < firstKept)
        {
            await writer.CommittedAsync(cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            var stored = await db.DirectLineActivities.AsNoTracking()
                .Where(a => a.ConversationId == conversation.Id && a.Sequence >= from && a.Sequence < firstKept)
                .OrderBy(a => a.Sequence)
                .Take(o.PageSize)
                .Select(a => new { a.Sequence, a.Json })
                .ToListAsync(cancellationToken);
            if (stored.Count > 0)
            {
                var count = DirectLineConversation.Fit(stored.Select(s => s.Json).ToList(), 0, o.PageSize, o.CharactersKept);
                return (stored.Take(count).Select(s => s.Json).ToList(), stored[count - 1].Sequence + 1);
            }

            // Nothing older is stored any more (deleted by retention): go on with what memory holds.
        }

        return conversation.Page(from, o.PageSize, o.CharactersKept);
    }

    /// <summary>
    /// Counts a stream on <paramref name="conversation"/> from <paramref name="address"/> through the
    /// <see cref="ILimitCounter"/> (across nodes with Redis); null when either limit is reached. Dispose the stream when it closes.
    /// </summary>
    public async Task<DirectLineStream?> TryOpenStreamAsync(DirectLineConversation conversation, string address, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var holder = Guid.NewGuid().ToString("N");
        var lease = TimeSpan.FromSeconds(o.StreamLeaseSeconds);
        HeldPlace[] places = [new(ConversationStreams + conversation.Id, o.MaxStreamsPerConversation), new(AddressStreams + address, o.MaxStreamsPerAddress)];
        if (!await counter.TryHoldAsync(holder, places, lease, cancellationToken))
        {
            return null;
        }

        return new DirectLineStream(conversation, counter, holder, places.Select(p => p.Key).ToList(), lease, logger);
    }

    /// <summary>
    /// Reads from the database what this node's copy of <paramref name="conversation"/> lacks, when it holds less than
    /// <paramref name="upTo"/>, and tells its streams. One read at a time per conversation.
    /// </summary>
    public async Task CatchUpAsync(DirectLineConversation conversation, int upTo, CancellationToken cancellationToken)
    {
        if (conversation.Watermark >= upTo)
        {
            return;
        }

        await conversation.CatchingUp.WaitAsync(cancellationToken);
        try
        {
            var pageSize = options.Value.PageSize;
            while (conversation.Watermark < upTo)
            {
                var from = conversation.Watermark;
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
                var stored = await db.DirectLineActivities.AsNoTracking()
                    .Where(a => a.ConversationId == conversation.Id && a.Sequence >= from)
                    .OrderBy(a => a.Sequence)
                    .Take(pageSize)
                    .Select(a => new { a.Sequence, a.Json })
                    .ToListAsync(cancellationToken);
                if (stored.Count == 0)
                {
                    return;
                }

                // Rows are numbered without gaps, except where retention deleted old ones: take each contiguous run.
                var runStart = 0;
                for (var i = 1; i <= stored.Count; i++)
                {
                    if (i == stored.Count || stored[i].Sequence != stored[i - 1].Sequence + 1)
                    {
                        await conversation.AcceptAsync(stored[runStart].Sequence, stored.Skip(runStart).Take(i - runStart).Select(s => s.Json).ToList(), skipMissing: true);
                        runStart = i;
                    }
                }

                if (stored.Count < pageSize)
                {
                    return;
                }
            }
        }
        finally
        {
            conversation.CatchingUp.Release();
        }
    }

    /// <summary>A notice that a conversation has activities up to a watermark: a copy held here that lacks some catches up.</summary>
    internal void Heard(ChangeNotice notice)
    {
        if (_conversations.TryGetValue(notice.Key, out var conversation) && conversation.Watermark < notice.Position)
        {
            _ = CatchUpQuietlyAsync(conversation, (int)Math.Min(notice.Position, int.MaxValue));
        }
    }

    /// <summary>
    /// The periodic check of <see cref="DirectLineCatchUp"/>: the conversations with a stream open here that the database
    /// has activities for beyond this node's copy catch up. Their counters are read in one query per thousand
    /// conversations (not one read of the log per open stream, every few seconds); a conversation without a counter row
    /// reads its log as before.
    /// </summary>
    internal async Task CatchUpStreamingAsync(CancellationToken cancellationToken)
    {
        foreach (var chunk in _conversations.Values.Where(c => c.HasStreams).Chunk(1000))
        {
            var ids = chunk.Select(c => c.Id).ToList();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            var next = await db.DirectLineWatermarks.AsNoTracking().Where(w => ids.Contains(w.ConversationId))
                .ToDictionaryAsync(w => w.ConversationId, w => w.Next, StringComparer.Ordinal, cancellationToken);
            var behind = chunk.Select(c => (Conversation: c, UpTo: next.TryGetValue(c.Id, out var n) ? n : int.MaxValue)).Where(c => c.Conversation.Watermark < c.UpTo);
            await Task.WhenAll(behind.Select(c => CatchUpQuietlyAsync(c.Conversation, c.UpTo)));
        }
    }

    /// <summary>Catches up without throwing (for wake-ups nobody awaits): a failed read is retried by the next wake-up or check.</summary>
    internal Task CatchUpQuietlyAsync(DirectLineConversation conversation, int upTo) =>
        BackgroundPass.RunAsync(c => CatchUpAsync(conversation, upTo, c), ex => LogCatchUpFailed(conversation.Id, ex), CancellationToken.None);

    private DirectLineConversation Create(string id) => new(id, options.Value.ActivitiesKept, options.Value.CharactersKept, AppendAsync);

    // Once a minute, conversations idle for IdleMinutes leave memory.
    private void Sweep(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < SweepInterval.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        ForgetStoredDrops();
        var idle = TimeSpan.FromMinutes(options.Value.IdleMinutes);
        var dropped = _conversations.Where(c => !c.Value.IsBusy && now - c.Value.LastActive >= idle).Count(Drop);
        if (dropped > 0)
        {
            LogDropped(dropped, _conversations.Count);
        }
    }

    private bool Drop(KeyValuePair<string, DirectLineConversation> conversation)
    {
        if (!_conversations.TryRemove(conversation))
        {
            return false;
        }

        _dropped[conversation.Key] = 0;
        return true;
    }

    // Once the writer has stored everything queued so far, conversations dropped before need no flush when they come back.
    private void ForgetStoredDrops()
    {
        var dropped = _dropped.Keys.ToList();
        if (dropped.Count > 0)
        {
            _ = writer.CommittedAsync().ContinueWith(_ => dropped.ForEach(id => _dropped.TryRemove(id, out var _)), TaskScheduler.Default);
        }
    }

    // At the limit, the least recently used conversations that are not in use leave memory (down to 99 % of the limit,
    // so a stream of new conversations does not pay for this every time). False when nothing could be dropped.
    private bool MakeRoom(DateTimeOffset now)
    {
        var max = options.Value.MaxConversationsInMemory;
        if (_conversations.Count < max)
        {
            return true;
        }

        var excess = _conversations.Count - (max - Math.Max(1, max / 100));
        var dropped = _conversations
            .Where(c => !c.Value.IsBusy && now - c.Value.LastActive >= InUse)
            .OrderBy(c => c.Value.LastActive)
            .Take(excess)
            .Count(Drop);
        if (dropped > 0)
        {
            LogDropped(dropped, _conversations.Count);
        }

        return _conversations.Count < max;
    }

    // The database numbers the activities inside the writer's commit (their ids hold the numbers, so their text is
    // written there); once committed, this node's copy takes them, its streams are told and the other nodes are woken;
    // whoever sent them hears back once they are on disk (durable), or at once when a later durable append answers.
    private async Task<IReadOnlyList<string>> AppendAsync(DirectLineConversation conversation, IReadOnlyList<JObject> activities, bool durable)
    {
        // A turn with nothing to say (a message relayed to an agent) numbers, stores and announces nothing: that cost a
        // locking upsert of the log's counter, a wait for the writer and a notice to every node per relayed message.
        // Durable, it still waits for what was committed before it (the person's own activity) to be on disk.
        if (activities.Count == 0)
        {
            if (durable)
            {
                await writer.FlushAsync();
            }

            return [];
        }

        var first = 0;
        IReadOnlyList<string> texts = [];
        writer.Enqueue(db =>
        {
            first = DatabaseNumbers.NextActivities(db, conversation.Id, activities.Count);
            texts = activities.Select((activity, i) =>
            {
                activity["id"] = DirectLineConversation.ActivityId(conversation.Id, first + i);
                return activity.ToString(Formatting.None);
            }).ToList();
            var at = time.GetUtcNow();
            db.DirectLineActivities.AddRange(texts.Select((text, i) => new DirectLineActivityRecord
            {
                ConversationId = conversation.Id,
                Sequence = first + i,
                Json = text,
                At = at,
            }));
        });
        await writer.CommittedAsync();

        // Activities this copy lacks before these (another node's) are read first, so streams get every one in order.
        if (!await conversation.AcceptAsync(first, texts))
        {
            await CatchUpAsync(conversation, first + texts.Count, CancellationToken.None);
        }

        await feed.PublishAsync(new ChangeNotice(ChangeTopics.DirectLine, conversation.Id, first + texts.Count));
        if (durable)
        {
            await writer.FlushAsync();
        }

        return texts.Select((_, i) => DirectLineConversation.ActivityId(conversation.Id, first + i)).ToList();
    }

    private async Task<List<(int Sequence, string Json)>> LoadAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var stored = await db.DirectLineActivities.AsNoTracking()
            .Where(a => a.ConversationId == id)
            .OrderByDescending(a => a.Sequence)
            .Take(options.Value.ActivitiesKept)
            .Select(a => new { a.Sequence, a.Json })
            .ToListAsync(cancellationToken);
        return stored.Select(s => (s.Sequence, s.Json)).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped {Count} idle Direct Line conversations from memory; {Held} held")]
    private partial void LogDropped(int count, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line conversation {ConversationId} could not catch up from the database; the next notice or check retries")]
    private partial void LogCatchUpFailed(string conversationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line holds {Held} conversations, all in use: a new one was refused")]
    private partial void LogFull(int held);
}
