using StackExchange.Redis;
using Xiaoshen.Bot.Channels.DirectLine;

namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// The limit counter of several nodes, on Redis's clock: each count is a key whose TTL is its window (or, for failures,
/// the lockout after the last one), and a lock is a key with the lock's length as TTL. Every step is one Lua script, so
/// two nodes counting at once never lose a count or both miss the limit.
/// <para>
/// Keys name clients by address or by a typed account name, which are personal data: in Redis they are HMAC-SHA256
/// digests with the Direct Line token key (derived from <c>DirectLine:Secret</c>, which every node of a deployment must
/// share and without which several nodes refuse to start), so the keys in Redis reveal neither.
/// </para>
/// <para>
/// When Redis is unreachable this node counts alone (<see cref="InMemoryLimitCounter"/>) until Redis answers again,
/// with a warning at most once a minute: requests are not refused because Redis is down, and sign-ins keep the lockout
/// of one node, which gives a guesser no more than one node's allowance per node while it lasts. Refusing every
/// sign-in instead would lock every agent out for as long as Redis is down. Singleton.
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

    public async Task<TimeSpan?> LockedForAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.Database.KeyTimeToLiveAsync(Key(key, "lock")) is { } left && left > TimeSpan.Zero ? left : null;
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            Warn(ex);
            return await _local.LockedForAsync(key, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: rate limits and sign-in lockouts are counted by this node alone until it answers")]
    private partial void LogUnreachable(Exception exception);
}
