using StackExchange.Redis;
using Xiaoshen.Bot.Channels.DirectLine;

namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// The limit counter of several nodes, on Redis's clock: each count is a key whose TTL is its window (or, for failures,
/// the lockout after the last one), and a lock is a key with the lock's length as TTL. Held places (open streams) are a
/// sorted set per key, member = the holder, score = its lease's end on Redis's clock; members past their lease (of a
/// node killed without releasing) are pruned before counting. Every step is one Lua script, so two nodes counting at
/// once never lose a count or both miss the limit.
/// <para>
/// Keys name clients by address or by a typed account name, which are personal data: in Redis they are HMAC-SHA256
/// digests with the Direct Line token key (derived from <c>DirectLine:Secret</c>, which every node of a deployment must
/// share and without which several nodes refuse to start), so the keys in Redis reveal neither.
/// </para>
/// <para>
/// When Redis is unreachable this node counts alone (<see cref="InMemoryLimitCounter"/>) until Redis answers again,
/// with a warning at most once a minute: requests are not refused because Redis is down, and sign-ins keep the lockout
/// of one node, which gives a guesser no more than one node's allowance per node while it lasts. Refusing every
/// sign-in instead would lock every agent out for as long as Redis is down. Places taken meanwhile are held by this node
/// alone too, and released on both sides. Singleton.
/// </para>
/// </summary>
public sealed partial class RedisLimitCounter(RedisStore redis, DirectLineTokens tokens, TimeProvider time, ILogger<RedisLimitCounter> logger) : ILimitCounter
{
    // A window starts at its first event; a key left without a TTL by anything else is given one.
    private const string CountScript = """
        local n = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return {n, ttl}
        """;

    // KEYS[1]: the failures, KEYS[2]: the lock. ARGV[1]: the limit, ARGV[2]: the lockout in milliseconds.
    private const string FailScript = """
        local n = redis.call('INCR', KEYS[1])
        if n >= tonumber(ARGV[1]) then
          redis.call('DEL', KEYS[1])
          redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
          return 1
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 0
        """;

    // KEYS[1]: the holders. ARGV[1]: the holder, ARGV[2]: the limit, ARGV[3]: the lease in milliseconds. Returns 1 when held.
    // A holder already counted is not refused, so the same script renews a place (with no limit, so a place pruned while
    // Redis was out of reach is taken again: the stream is still open).
    private const string HoldScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
          return 0
        end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    private readonly InMemoryLimitCounter _local = new(time);
    private long _lastWarning;

    public async Task<WindowCount> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        try
        {
            var result = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(CountScript, [Key(key, "window")], [(long)window.TotalMilliseconds]))!;
            return new WindowCount((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            Warn(ex);
            return await _local.CountAsync(key, window, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<TimeSpan?>> LockedForAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        try
        {
            // Sent together, so the connection pipelines them: one round trip (the keys may live in different slots of a cluster).
            var left = await Task.WhenAll(keys.Select(key => redis.Database.KeyTimeToLiveAsync(Key(key, "lock"))));
            return left.Select(l => l is { } ttl && ttl > TimeSpan.Zero ? ttl : (TimeSpan?)null).ToList();
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            Warn(ex);
            return await _local.LockedForAsync(keys, cancellationToken);
        }
    }

    public async Task<TimeSpan?> FailAsync(string key, int limit, TimeSpan lockFor, CancellationToken cancellationToken)
    {
        try
        {
            var locked = (long)await redis.Database.ScriptEvaluateAsync(FailScript, [Key(key, "failures"), Key(key, "lock")], [limit, (long)lockFor.TotalMilliseconds]);
            return locked == 1 ? lockFor : null;
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            Warn(ex);
            return await _local.FailAsync(key, limit, lockFor, cancellationToken);
        }
    }

    public async Task ClearFailuresAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await redis.Database.KeyDeleteAsync(Key(key, "failures"));
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            Warn(ex);
        }

        await _local.ClearFailuresAsync(key, cancellationToken);
    }

    public async Task<bool> TryHoldAsync(string holder, IReadOnlyList<HeldPlace> places, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            // One script per key (each key its own slot), sent together; a refusal under one key gives back the others.
            var held = await Task.WhenAll(places.Select(async place =>
                (long)await redis.Database.ScriptEvaluateAsync(HoldScript, [Key(place.Key, "holders")], [holder, place.Limit, (long)lease.TotalMilliseconds]) == 1));
            if (held.All(h => h))
            {
                return true;
            }

            await RemoveAsync(holder, places.Where((_, i) => held[i]).Select(p => p.Key));
            return false;
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            Warn(ex);
            return await _local.TryHoldAsync(holder, places, lease, cancellationToken);
        }
    }

    public async Task RenewAsync(string holder, IReadOnlyList<string> keys, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(keys.Select(key => redis.Database.ScriptEvaluateAsync(HoldScript, [Key(key, "holders")], [holder, int.MaxValue, (long)lease.TotalMilliseconds])));
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            Warn(ex);
        }
    }

    public async Task ReleaseAsync(string holder, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        try
        {
            await RemoveAsync(holder, keys);
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            Warn(ex);
        }

        await _local.ReleaseAsync(holder, keys, cancellationToken);
    }

    private Task RemoveAsync(string holder, IEnumerable<string> keys) =>
        Task.WhenAll(keys.Select(key => redis.Database.SortedSetRemoveAsync(Key(key, "holders"), holder)));

    // The digest in braces is the key's hash tag: a key's failures and lock stay in one slot of a Redis Cluster, so the
    // script that touches both may run there.
    private RedisKey Key(string key, string kind) => redis.Key("limit:{" + tokens.Sign("limit/" + key) + "}:" + kind);

    private void Warn(Exception exception)
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarning);
        if (now - last >= WarnEvery.Ticks && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
        {
            LogUnreachable(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: rate limits, sign-in lockouts and open streams are counted by this node alone until it answers")]
    private partial void LogUnreachable(Exception exception);
}
