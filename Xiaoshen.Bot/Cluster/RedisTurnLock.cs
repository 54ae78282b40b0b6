using StackExchange.Redis;

namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// The turn lock of several nodes: this node's callers queue in memory first (so one of them at a time competes), then
/// the holder takes a Redis lease (SET NX with a TTL) and renews nothing: a turn that outlives <see cref="Lease"/>, or a
/// node that dies holding it, lets the next turn in after the lease, so a lost node delays a conversation and never
/// stops it. When Redis is unreachable a turn runs under this node's lock alone (it must keep answering). Singleton.
/// </summary>
public sealed partial class RedisTurnLock(RedisStore redis, ILogger<RedisTurnLock> logger) : ITurnLock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    // Longer than a turn takes (search, an optional LLM call with its timeout, the commit).
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly InMemoryTurnLock _local = new();

    public async Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var local = await _local.AcquireAsync(key, cancellationToken);
        try
        {
            var lease = redis.Key("turn:" + key);
            var holder = Guid.NewGuid().ToString("N");
            try
            {
                // Real time, not the service's clock: another node's turn is running now.
                while (!await redis.Database.StringSetAsync(lease, holder, Lease, When.NotExists))
                {
                    await Task.Delay(Poll, cancellationToken);
                }
            }
            catch (Exception ex) when (RedisStore.IsUnreachable(ex))
            {
                LogUnreachable(ex);
                return local;
            }

            return new Held(this, redis, local, lease, holder);
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: a turn runs under this node's lock alone")]
    private partial void LogUnreachable(Exception exception);

    private sealed class Held(RedisTurnLock owner, RedisStore store, IAsyncDisposable local, RedisKey lease, string holder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await store.DeleteIfHoldsAsync(lease, holder);
            }
            catch (Exception ex) when (RedisStore.IsUnreachable(ex))
            {
                // The lease expires by itself.
                owner.LogUnreachable(ex);
            }
            finally
            {
                await local.DisposeAsync();
            }
        }
    }
}
