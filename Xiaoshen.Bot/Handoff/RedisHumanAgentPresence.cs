using StackExchange.Redis;
using Xiaoshen.Bot.Cluster;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Presence shared by several nodes: one Redis sorted set, member = agent id, score = when last heard (Unix ms), so an
/// agent whose console beats on node B is online on node A. A heartbeat is written at once (ZADD GT: an older time never
/// replaces a newer one); reads come from a copy of the set refreshed at most once per <see cref="Refresh"/>, because
/// the handoff asks under its lock (<see cref="HandoffCopies.Gate"/>), for every agent. While Redis is unreachable the last copy and this
/// node's own heartbeats serve. Singleton, thread-safe.
/// </summary>
public sealed partial class RedisHumanAgentPresence(RedisStore redis, ILogger<RedisHumanAgentPresence> logger) : IHumanAgentPresence
{
    /// <summary>How stale another node's heartbeat may be here: far below the presence timeout (30 s by default).</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    // Agents not heard for this long leave the set.
    private static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    private readonly RedisKey _key = redis.Key("presence");
    private readonly RedisKey _busyKey = redis.Key("busy");
    private HashSet<string> _busy = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private Dictionary<string, DateTimeOffset> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _own = new(StringComparer.Ordinal);
    private Dictionary<string, DateTimeOffset>? _merged;
    private long _readAt = long.MinValue;
    private int _refreshing;

    public void Heard(string humanAgentId, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_own.TryGetValue(humanAgentId, out var known) || at > known)
            {
                _own[humanAgentId] = at;

                // Copied, not changed: callers may be reading the one handed out.
                if (_merged is not null && (!_merged.TryGetValue(humanAgentId, out var merged) || at > merged))
                {
                    _merged = new Dictionary<string, DateTimeOffset>(_merged, StringComparer.Ordinal) { [humanAgentId] = at };
                }
            }
        }

        try
        {
            var database = redis.Database;
            database.SortedSetAdd(_key, humanAgentId, at.ToUnixTimeMilliseconds(), SortedSetWhen.GreaterThan, CommandFlags.FireAndForget);
            database.SortedSetRemoveRangeByScore(_key, double.NegativeInfinity, (at - Kept).ToUnixTimeMilliseconds(), flags: CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            LogUnreachable(ex);
        }
    }

    public DateTimeOffset? LastHeard(string humanAgentId) =>
        Snapshot().TryGetValue(humanAgentId, out var at) ? at : null;

    public async Task<DateTimeOffset?> LastHeardNowAsync(string humanAgentId)
    {
        DateTimeOffset? stored;
        try
        {
            stored = await redis.Database.SortedSetScoreAsync(_key, humanAgentId) is { } score ? DateTimeOffset.FromUnixTimeMilliseconds((long)score) : null;
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            LogUnreachable(ex);
            return LastHeard(humanAgentId);
        }

        lock (_gate)
        {
            // This node's own heartbeat may not have reached Redis yet (written without waiting).
            return _own.TryGetValue(humanAgentId, out var own) && (stored is null || own > stored) ? own : stored;
        }
    }

    public IReadOnlyDictionary<string, DateTimeOffset> HeardSince(DateTimeOffset since) =>
        Snapshot().Where(h => h.Value >= since).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);

    private Dictionary<string, DateTimeOffset> Snapshot()
    {
        bool first;
        lock (_gate)
        {
            first = _readAt == long.MinValue;

            // Elapsed real time, not the service's clock: this is how fresh the copy is, not when anyone was heard.
            var stale = first || Environment.TickCount64 - _readAt >= Refresh.TotalMilliseconds;
            if (stale)
            {
                _readAt = Environment.TickCount64;
            }

            if (stale && !first && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
            {
                _ = RefreshAsync();
            }

            if (!first && _merged is { } fresh)
            {
                return fresh;
            }
        }

        // The first look of this node waits for Redis once, so a node that just started knows who is there.
        if (first)
        {
            Interlocked.Exchange(ref _refreshing, 1);
            RefreshAsync().GetAwaiter().GetResult();
        }

        lock (_gate)
        {
            // This node's heartbeats may be newer than the copy (written without waiting).
            var merged = new Dictionary<string, DateTimeOffset>(_read, StringComparer.Ordinal);
            foreach (var (id, at) in _own)
            {
                if (!merged.TryGetValue(id, out var known) || at > known)
                {
                    merged[id] = at;
                }
            }

            return _merged = merged;
        }
    }

    // Written and read at once (no copy): the switch is rare, and an assignment pass must not give a conversation to an
    // agent who switched to busy on another node a moment ago.
    public async Task SetAvailableAsync(string humanAgentId, bool available)
    {
        lock (_gate)
        {
            _busy = new HashSet<string>(_busy, StringComparer.Ordinal);
            if (available)
            {
                _busy.Remove(humanAgentId);
            }
            else
            {
                _busy.Add(humanAgentId);
            }
        }

        try
        {
            _ = available ? await redis.Database.SetRemoveAsync(_busyKey, humanAgentId) : await redis.Database.SetAddAsync(_busyKey, humanAgentId);
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            LogUnreachable(ex);
        }
    }

    public async Task<IReadOnlySet<string>> BusyAsync()
    {
        try
        {
            var read = (await redis.Database.SetMembersAsync(_busyKey)).Select(m => m.ToString()).ToHashSet(StringComparer.Ordinal);
            lock (_gate)
            {
                _busy = read;
            }

            return read;
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            // What this node last read and set.
            LogUnreachable(ex);
            lock (_gate)
            {
                return _busy;
            }
        }
    }

    // The copy is refreshed in the background, one read at a time, and callers take the copy they have: a synchronous
    // round trip per caller blocked thread-pool threads under load until Redis calls timed out (5 s) and turns failed.
    private async Task RefreshAsync()
    {
        try
        {
            var entries = await redis.Database.SortedSetRangeByScoreWithScoresAsync(_key);
            var read = entries.ToDictionary(e => e.Element.ToString(), e => DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score), StringComparer.Ordinal);
            lock (_gate)
            {
                _read = read;
                _merged = null;
            }
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            LogUnreachable(ex);
        }
        finally
        {
            Interlocked.Exchange(ref _refreshing, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: presence is what this node last read and heard")]
    private partial void LogUnreachable(Exception exception);
}
