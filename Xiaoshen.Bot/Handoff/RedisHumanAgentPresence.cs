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
        catch (RedisException ex)
        {
            LogUnreachable(ex);
        }
    }

    public DateTimeOffset? LastHeard(string humanAgentId) =>
        Snapshot().TryGetValue(humanAgentId, out var at) ? at : null;

    public IReadOnlyDictionary<string, DateTimeOffset> HeardSince(DateTimeOffset since) =>
        Snapshot().Where(h => h.Value >= since).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);

    private Dictionary<string, DateTimeOffset> Snapshot()
    {
        lock (_gate)
        {
            // Elapsed real time, not the service's clock: this is how fresh the copy is, not when anyone was heard.
            if (Environment.TickCount64 - _readAt < Refresh.TotalMilliseconds && _merged is { } fresh)
            {
                return fresh;
            }

            _readAt = Environment.TickCount64;
        }

        Dictionary<string, DateTimeOffset>? read = null;
        try
        {
            read = redis.Database.SortedSetRangeByScoreWithScores(_key)
                .ToDictionary(e => e.Element.ToString(), e => DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score), StringComparer.Ordinal);
        }
        catch (RedisException ex)
        {
            LogUnreachable(ex);
        }

        lock (_gate)
        {
            if (read is not null)
            {
                _read = read;
            }

            if (_merged is { } current && read is null)
            {
                return current;
            }

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
    public void SetAvailable(string humanAgentId, bool available)
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
            _ = available ? redis.Database.SetRemove(_busyKey, humanAgentId) : redis.Database.SetAdd(_busyKey, humanAgentId);
        }
        catch (RedisException ex)
        {
            LogUnreachable(ex);
        }
    }

    public IReadOnlySet<string> Busy()
    {
        try
        {
            var read = redis.Database.SetMembers(_busyKey).Select(m => m.ToString()).ToHashSet(StringComparer.Ordinal);
            lock (_gate)
            {
                _busy = read;
            }

            return read;
        }
        catch (RedisException ex)
        {
            // What this node last read and set.
            LogUnreachable(ex);
            lock (_gate)
            {
                return _busy;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: presence is what this node last read and heard")]
    private partial void LogUnreachable(Exception exception);
}
