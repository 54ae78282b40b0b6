using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// The Direct Line conversations this node holds in memory. Every activity is also stored in the database before streams
/// see it, so a conversation can be dropped from memory when idle (or to make room) and read back when it is used again,
/// after a restart too. What is stored is masked of personal numbers (the column is marked so); the person's own stream and
/// this node's memory keep what they typed. Holds at most <see cref="DirectLineOptions.MaxConversationsInMemory"/>, and
/// counts open streams per conversation and per client address. Singleton; thread-safe.
/// </summary>
public sealed partial class DirectLineConversations(
    IOptions<DirectLineOptions> options,
    StorageWriter writer,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<DirectLineConversations> logger)
{
    // A conversation used within this time is never dropped to make room: a request may still be working with it.
    private static readonly TimeSpan InUse = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);

    // Conversations dropped from memory whose last activities may still be queued for the database.
    private readonly ConcurrentDictionary<string, byte> _dropped = new(StringComparer.Ordinal);
    private readonly Lock _streamGate = new();
    private readonly Dictionary<string, int> _streamsByAddress = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

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
        // before the log is read back, or their sequences would be reused.
        if (_dropped.TryRemove(id, out _))
        {
            await writer.FlushAsync().WaitAsync(cancellationToken);
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
        var firstKept = conversation.FirstKept;
        if (from < firstKept)
        {
            await writer.FlushAsync().WaitAsync(cancellationToken);
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

    /// <summary>Counts a stream on <paramref name="conversation"/> from <paramref name="address"/>; false when either limit is reached.</summary>
    public bool TryOpenStream(DirectLineConversation conversation, string address)
    {
        var o = options.Value;
        lock (_streamGate)
        {
            var open = _streamsByAddress.GetValueOrDefault(address);
            if (open >= o.MaxStreamsPerAddress || !conversation.TryOpenStream(o.MaxStreamsPerConversation))
            {
                return false;
            }

            _streamsByAddress[address] = open + 1;
            return true;
        }
    }

    public void CloseStream(DirectLineConversation conversation, string address)
    {
        conversation.CloseStream();
        lock (_streamGate)
        {
            if (_streamsByAddress.TryGetValue(address, out var open) && open > 1)
            {
                _streamsByAddress[address] = open - 1;
            }
            else
            {
                _streamsByAddress.Remove(address);
            }
        }
    }

    private DirectLineConversation Create(string id) => new(id, options.Value.ActivitiesKept, options.Value.CharactersKept, Persist);

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
            _ = writer.FlushAsync().ContinueWith(_ => dropped.ForEach(id => _dropped.TryRemove(id, out var _)), TaskScheduler.Default);
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

    private Task Persist(DirectLineConversation conversation, int firstSequence, IReadOnlyList<string> activities)
    {
        var at = time.GetUtcNow();
        var records = activities.Select((a, i) => new DirectLineActivityRecord
        {
            ConversationId = conversation.Id,
            Sequence = firstSequence + i,
            Json = a,
            At = at,
        }).ToList();
        writer.Enqueue(db => db.DirectLineActivities.AddRange(records));
        return writer.FlushAsync();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line holds {Held} conversations, all in use: a new one was refused")]
    private partial void LogFull(int held);
}
