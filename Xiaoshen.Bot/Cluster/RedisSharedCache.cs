using StackExchange.Redis;

namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// The shared cache of several nodes: each value is a Redis string with its lifetime as TTL. A node that finds none
/// takes the key's lock (SET NX with a lease), looks again, fetches and stores; the others wait for the value, reading
/// it again every <see cref="Poll"/>. When Redis is unreachable a node fetches for itself (it must keep working),
/// which may cost another node its token once. Singleton.
/// </summary>
public sealed partial class RedisSharedCache(RedisStore redis, ILogger<RedisSharedCache> logger) : ISharedCache
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    // Longer than a fetch may take (WeChat's HTTP timeout); a node that dies holding the lock frees it after this.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _fetching = new(1, 1);

    public async Task<string?> GetOrFetchAsync(string key, Func<CancellationToken, Task<FetchedValue?>> fetch, CancellationToken cancellationToken)
    {
        try
        {
            return await SharedAsync(redis.Key("cache:" + key), fetch, cancellationToken);
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            LogUnreachable(ex);
            return (await fetch(cancellationToken))?.Value;
        }
    }

    public async Task InvalidateAsync(string key, string value, CancellationToken cancellationToken)
    {
        try
        {
            await redis.DeleteIfHoldsAsync(redis.Key("cache:" + key), value);
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            LogUnreachable(ex);
        }
    }

    private async Task<string?> SharedAsync(RedisKey key, Func<CancellationToken, Task<FetchedValue?>> fetch, CancellationToken cancellationToken)
    {
        var database = redis.Database;
        if (await database.StringGetAsync(key) is { HasValue: true } cached)
        {
            return cached.ToString();
        }

        // This node's callers queue here, so only one of them competes for the lock.
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            var lockKey = key.Append(":lock");
            var holder = Guid.NewGuid().ToString("N");
            while (true)
            {
                if (await database.StringGetAsync(key) is { HasValue: true } fetchedElsewhere)
                {
                    return fetchedElsewhere.ToString();
                }

                if (await database.StringSetAsync(lockKey, holder, Lease, When.NotExists))
                {
                    break;
                }

                // Real time, not the service's clock: another node is fetching now.
                await Task.Delay(Poll, cancellationToken);
            }

            try
            {
                if (await database.StringGetAsync(key) is { HasValue: true } fetchedMeanwhile)
                {
                    return fetchedMeanwhile.ToString();
                }

                if (await fetch(cancellationToken) is not { } fetched)
                {
                    return null;
                }

                if (fetched.KeepFor > TimeSpan.Zero)
                {
                    await database.StringSetAsync(key, fetched.Value, fetched.KeepFor);
                }

                return fetched.Value;
            }
            finally
            {
                await redis.DeleteIfHoldsAsync(lockKey, holder);
            }
        }
        finally
        {
            _fetching.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: a shared value is fetched by this node alone")]
    private partial void LogUnreachable(Exception exception);
}
